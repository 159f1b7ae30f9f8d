"""Citizens read the kommune's privacy text above the standard one, and an accessibility
statement linked from every citizen page; the kommune's texts are plain, escaped text."""

from __future__ import annotations

from engage.models import Project
from tests.conftest import log_in, post_form


def test_leader_sets_the_texts_and_citizens_read_them(client, db, make_user, make_project):
    leader = make_user("leader")
    project_id = make_project(leader)
    with db as session:
        slug = session.get(Project, project_id).slug
    standard = client.get(f"/p/{slug}/tilgjengelighet").get_data(as_text=True)
    assert "WCAG 2.1" in standard and "uutilsynet.no" in standard

    log_in(client, leader)
    form = {
        "kommune": "Testvik",
        "name": "Omstilling Testvik",
        "language_form": "nb",
        "privacy_text": "Testvik kommune er behandlingsansvarlig.\nRing 12345678.",
        "accessibility_text": "Vi kjenner til ett avvik:\n<b>kartet</b> mangler tekst.",
        "retention_until": "2027-06-30",
    }
    assert post_form(client, f"/manage/projects/{project_id}/edit", form).status_code == 302
    with db as session:
        project = session.get(Project, project_id)
        assert project.retention_until.isoformat() == "2027-06-30"

    privacy = client.get(f"/p/{slug}/personvern").get_data(as_text=True)
    own = privacy.index("Testvik kommune er behandlingsansvarlig.<br>Ring 12345678.")
    assert own < privacy.index("artikkel 6")  # above the built-in explanation
    assert "30. juni 2027" in privacy

    page = client.get(f"/p/{slug}/tilgjengelighet").get_data(as_text=True)
    assert "Vi kjenner til ett avvik:<br>&lt;b&gt;kartet&lt;/b&gt; mangler tekst." in page
    assert "<b>kartet</b>" not in page
    assert page.index("avvik") < page.index("WCAG 2.1")
    assert f'href="/p/{slug}/tilgjengelighet"' in privacy  # footer link
    assert client.get("/p/nope/tilgjengelighet").status_code == 404
