"""The plan uses one adopted run; a new run is a draft until the leader adopts it."""

from __future__ import annotations

import re
import threading

from sqlalchemy import func, select

from engage.extensions import db as _db
from engage.models import AnalysisRun, AuditEvent, Project, Theme, ThemeEdit, User
from engage.report.summary import build_summary
from engage.themes import adopted_run
from engage.themes.adopt import match_themes
from engage.themes.runs import create_run
from tests.conftest import log_in, post_form
from tests.themes.test_leader_shapes_themes import run_analysis


def labels_by_pin(db, run_id):
    with db as session:
        themes = session.scalars(
            select(Theme).where(Theme.run_id == run_id, Theme.pin_order.is_not(None))
        )
        return [t.label for t in sorted(themes, key=lambda t: t.pin_order)]


def shape(client, db, themed, run_id):
    """Rename two themes and pin them, as the leader does."""
    base = f"{themed['base']}/runs/{run_id}"
    with db as session:
        ids = [t.id for t in session.scalars(select(Theme).where(Theme.run_id == run_id))]
    for n, theme_id in enumerate(ids[:2]):
        post_form(client, f"{base}/themes/{theme_id}/rename", {"label": f"Område {n + 1}"})
        post_form(client, f"{base}/themes/{theme_id}/pin", {"action": "pin"})
    return ids


def adopted_id(db, project_id):
    with db as session:
        run = adopted_run(session.get(Project, project_id))
        return run.id if run else None


def summary_areas(db, project_id):
    with db as session:
        return [a.label for a in build_summary(session.get(Project, project_id)).areas]


def test_first_run_is_adopted_and_a_new_run_is_a_draft(client, themed, db):
    log_in(client, themed["leader"])
    first = run_analysis(client, themed)
    assert adopted_id(db, themed["project"]) == first
    shape(client, db, themed, first)
    post_form(
        client,
        f"/manage/projects/{themed['project']}/summary/publish",
        {"action": "publish", "results_text": "Neste steg."},
    )
    vote = post_form(client, f"{themed['base']}/runs/{first}/vote")
    assert vote.status_code == 302
    public_url = f"/p/{_slug(db, themed)}/resultater"
    public_before = client.get(public_url).get_data(as_text=True)
    assert "Område 1" in public_before

    second = run_analysis(client, themed)
    # The new run is a draft: the plan, the public page and the vote are as they were.
    assert adopted_id(db, themed["project"]) == first
    assert summary_areas(db, themed["project"]) == ["Område 1", "Område 2"]
    assert "Område 1" in client.get(public_url).get_data(as_text=True)
    page = client.get(f"{themed['base']}?run={second}").get_data(as_text=True)
    assert "Utkast" in page and "Analyse nr. 2 er et utkast" in page
    assert "Lag en avstemning" not in page  # votes come from the adopted run only
    refused = post_form(client, f"{themed['base']}/runs/{second}/vote")
    assert refused.status_code == 302
    with db as session:
        assert session.scalar(select(func.count()).select_from(AnalysisRun)) == 2
    default = client.get(themed["base"]).get_data(as_text=True)
    assert "Brukes i planen" in default and "Analyse nr. 1 er den planen bruker" in default


def _slug(db, themed):
    with db as session:
        return session.get(Project, themed["project"]).slug


def test_preview_shows_changes_and_writes_nothing(client, themed, db):
    log_in(client, themed["leader"])
    first = run_analysis(client, themed)
    shape(client, db, themed, first)
    second = run_analysis(client, themed)
    with db as session:
        counts = (
            session.scalar(select(func.count()).select_from(ThemeEdit)),
            session.scalar(select(func.count()).select_from(AuditEvent)),
        )
    page = client.get(f"{themed['base']}/runs/{second}/adopt")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Ta i bruk analyse nr. 2" in html
    assert "«Område 1»" in html and "«Område 2»" in html  # names to carry over
    assert 'name="carry"' in html
    with db as session:
        assert (
            session.scalar(select(func.count()).select_from(ThemeEdit)),
            session.scalar(select(func.count()).select_from(AuditEvent)),
        ) == counts
    assert adopted_id(db, themed["project"]) == first
    # Without carrying anything over, the two areas would be removed.
    bare = post_form(client, f"{themed['base']}/runs/{second}/adopt", {"action": "preview"})
    assert bare.status_code == 200 and "Fjernet" in bare.get_data(as_text=True)
    assert adopted_id(db, themed["project"]) == first


def test_adopt_with_carry_over_then_go_back(client, themed, db):
    log_in(client, themed["leader"])
    first = run_analysis(client, themed)
    shape(client, db, themed, first)
    second = run_analysis(client, themed)
    html = client.get(f"{themed['base']}/runs/{second}/adopt").get_data(as_text=True)
    ticks = re.findall(r'name="carry" value="(\d+)"', html)
    assert len(ticks) == 2
    current = re.search(r'name="current" value="(\d*)"', html).group(1)
    response = post_form(
        client,
        f"{themed['base']}/runs/{second}/adopt",
        {"action": "adopt", "current": current, "carry": ticks[:1]},  # untick the second
    )
    assert response.status_code == 302
    assert adopted_id(db, themed["project"]) == second
    assert labels_by_pin(db, second) == ["Område 1"]
    assert summary_areas(db, themed["project"]) == ["Område 1"]
    with db as session:
        names = set(session.scalars(select(Theme.label).where(Theme.run_id == second)))
        assert "Område 2" not in names
        audit = session.scalars(select(AuditEvent).where(AuditEvent.action == "adopt_run")).all()
        assert [e.detail["run"] for e in audit] == [1, 2]  # automatic first, then hers
    # Going back: adopt the first run again; its own shaping is all there.
    html = client.get(f"{themed['base']}/runs/{first}/adopt").get_data(as_text=True)
    current = re.search(r'name="current" value="(\d*)"', html).group(1)
    post_form(
        client, f"{themed['base']}/runs/{first}/adopt", {"action": "adopt", "current": current}
    )
    assert adopted_id(db, themed["project"]) == first
    assert summary_areas(db, themed["project"]) == ["Område 1", "Område 2"]


def test_stale_preview_is_shown_again(client, themed, db):
    log_in(client, themed["leader"])
    first = run_analysis(client, themed)
    second = run_analysis(client, themed)
    response = post_form(
        client, f"{themed['base']}/runs/{second}/adopt", {"action": "adopt", "current": "999"}
    )
    assert response.status_code == 409
    assert adopted_id(db, themed["project"]) == first


def test_only_a_leader_of_the_project_adopts(client, themed, db, make_user, make_project):
    log_in(client, themed["leader"])
    run_analysis(client, themed)
    second = run_analysis(client, themed)
    viewer = make_user("leader")
    with db as session:
        from engage.models import MemberRole
        from engage.review.services import add_member

        add_member(
            session.get(Project, themed["project"]), session.get(User, viewer.id), MemberRole.VIEWER
        )
        session.commit()
    stranger = make_user("leader")
    make_project(stranger)
    url = f"{themed['base']}/runs/{second}/adopt"
    for account, status in ((viewer, 403), (stranger, 404)):
        client.post("/auth/logout", data={"csrf_token": ""})
        client.delete_cookie("session")
        log_in(client, account)
        assert client.get(url).status_code == status
        assert post_form(client, url, {"action": "adopt", "current": ""}).status_code == status
    assert adopted_id(db, themed["project"]) != second


def test_adopting_needs_the_csrf_token(client, themed, db):
    log_in(client, themed["leader"])
    first = run_analysis(client, themed)
    second = run_analysis(client, themed)
    response = client.post(f"{themed['base']}/runs/{second}/adopt", data={"action": "adopt"})
    assert response.status_code == 400
    assert adopted_id(db, themed["project"]) == first


def test_runs_are_numbered_within_their_project(client, themed, db, make_project):
    log_in(client, themed["leader"])
    first = run_analysis(client, themed)
    other = make_project(themed["leader"], name="Omstilling Annenvik")
    with db as session:
        run = create_run(session.get(Project, other), None, {}, {})
        session.commit()
        assert run.number == 1
    second = run_analysis(client, themed)
    with db as session:
        assert [session.get(AnalysisRun, i).number for i in (first, second)] == [1, 2]
    page = client.get(f"{themed['base']}?run={second}").get_data(as_text=True)
    assert "Analyse nr. 2 fra" in page


def test_runs_made_at_once_get_different_numbers(app, themed, db):
    start = threading.Barrier(4, timeout=30)
    numbers, errors = [], []

    def make() -> None:
        try:
            with app.app_context():
                project = _db.session.get(Project, themed["project"])
                start.wait()
                numbers.append(create_run(project, None, {}, {}).number)
                _db.session.commit()
                _db.session.remove()
        except Exception as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=make) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    with db as session:
        stored = sorted(session.scalars(select(AnalysisRun.number)))
    assert stored == [1, 2, 3, 4]


def test_matching_is_one_to_one_above_the_threshold():
    old = {1: {1, 2, 3, 4}, 2: {5, 6, 7, 8}, 3: {9}}
    new = {10: {1, 2, 3}, 11: {1, 2, 3, 4, 5}, 12: {6, 7, 8}, 13: {20, 21}}
    pairs = match_themes(old, new)
    assert [(a, b) for a, b, _s in pairs] == [(1, 11), (2, 12)]
    assert all(score >= 0.3 for _a, _b, score in pairs)
