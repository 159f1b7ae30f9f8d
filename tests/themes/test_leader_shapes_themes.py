"""The leader runs the analysis and shapes the result into 3–4 innsatsområder."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from engage.models import AnalysisRun, Answer, Theme, ThemeEdit, ThemeMember
from tests.conftest import log_in, post_form, recorded_statements
from tests.themes.conftest import TEXTS, add_inputs


def run_analysis(client, themed, **fields):
    data = {"mode": "fixed", "n_themes": "3", "min_themes": "3", "max_themes": "8", **fields}
    response = post_form(client, f"{themed['base']}/run", data)
    assert response.status_code == 302, response.get_data(as_text=True)
    status_url = response.headers["Location"]
    run_id = int(re.search(r"/runs/(\d+)$", status_url).group(1))
    done = client.get(status_url)  # the queued job ran at commit (immediate mode)
    assert done.status_code == 302 and f"run={run_id}" in done.headers["Location"]
    return run_id


def members(db, run_id):
    with db as session:
        return {
            m.answer_id: (m.theme_id, m.is_excluded, m.is_new)
            for m in session.scalars(select(ThemeMember).where(ThemeMember.run_id == run_id))
        }


def themes_of(db, run_id):
    with db as session:
        return {t.id: t.label for t in session.scalars(select(Theme).where(Theme.run_id == run_id))}


def all_answer_ids(db):
    with db as session:
        return set(session.scalars(select(Answer.id)))


def test_run_stores_themes_members_and_the_proposal(client, themed, db):
    log_in(client, themed["leader"])
    run_id = run_analysis(client, themed)
    with db as session:
        run = session.get(AnalysisRun, run_id)
        assert run.status.value == "done" and run.input_count == 18
        assert run.version.startswith("engage-analysis/")
        assert run.params["n_themes"] == 3 and len(run.proposal) == 3
        assert run.created_by_id == themed["leader"].id
    assigned = members(db, run_id)
    assert set(assigned) == all_answer_ids(db)  # nothing silently dropped
    page = client.get(f"{themed['base']}?run={run_id}").get_data(as_text=True)
    for label in themes_of(db, run_id).values():
        assert label in page
    assert "dekker 0 % av alle innspill" in page


def test_same_input_same_themes_tomorrow(client, themed, db):
    log_in(client, themed["leader"])
    first, second = run_analysis(client, themed), run_analysis(client, themed)
    groups = []
    for run_id in (first, second):
        by_theme: dict = {}
        for answer_id, (theme_id, _e, _n) in members(db, run_id).items():
            by_theme.setdefault(theme_id, set()).add(answer_id)
        groups.append(sorted(sorted(g) for g in by_theme.values()))
    assert groups[0] == groups[1]
    page = client.get(f"{themed['base']}/compare?a={first}&b={second}")
    assert page.status_code == 200


def test_rename_merge_move_exclude_keep_every_input_exactly_once(client, themed, db):
    log_in(client, themed["leader"])
    run_id = run_analysis(client, themed)
    base = f"{themed['base']}/runs/{run_id}"
    ids = list(themes_of(db, run_id))
    post_form(
        client,
        f"{base}/themes/{ids[0]}/rename",
        {"label": "Digital infrastruktur", "description": "Bredbånd og mobil"},
    )
    assert themes_of(db, run_id)[ids[0]] == "Digital infrastruktur"

    post_form(client, f"{base}/merge", {"theme_ids": [str(ids[1]), str(ids[2])]})
    assert set(themes_of(db, run_id)) == {ids[0], ids[1]}
    state = members(db, run_id)
    assert set(state) == all_answer_ids(db)
    assert {t for t, _e, _n in state.values()} <= {ids[0], ids[1], None}

    moving = [a for a, (t, _e, _n) in state.items() if t == ids[1]][:2]
    post_form(
        client,
        f"{base}/input",
        {"answer_ids": [str(a) for a in moving], "action": "move", "target": str(ids[0])},
    )
    state = members(db, run_id)
    assert all(state[a][0] == ids[0] for a in moving)

    post_form(client, f"{base}/input", {"answer_ids": [str(moving[0])], "action": "exclude"})
    state = members(db, run_id)
    assert state[moving[0]] == (None, True, False)
    page = client.get(f"{base}/not-relevant").get_data(as_text=True)
    with db as session:
        assert session.get(Answer, moving[0]).text in page
    post_form(client, f"{base}/input", {"answer_ids": [str(moving[0])], "action": "include"})
    assert members(db, run_id)[moving[0]] == (None, False, False)
    assert set(members(db, run_id)) == all_answer_ids(db)
    with db as session:
        actions = [
            e.action
            for e in session.scalars(
                select(ThemeEdit).where(ThemeEdit.run_id == run_id).order_by(ThemeEdit.id)
            )
        ]
    assert actions == ["rename", "merge", "move", "exclude", "include"]
    history = client.get(f"{base}/history").get_data(as_text=True)
    assert "Digital infrastruktur" in history


def test_split_reanalyses_one_theme(client, themed, db):
    log_in(client, themed["leader"])
    run_id = run_analysis(client, themed, n_themes="2")
    base = f"{themed['base']}/runs/{run_id}"
    sizes: dict = {}
    for _a, (theme_id, _e, _n) in members(db, run_id).items():
        sizes[theme_id] = sizes.get(theme_id, 0) + 1
    biggest = max((t for t in sizes if t), key=lambda t: sizes[t])
    before = {a for a, (t, _e, _n) in members(db, run_id).items() if t == biggest}
    response = post_form(client, f"{base}/themes/{biggest}/split", {"parts": "2"})
    assert response.status_code == 302
    after = members(db, run_id)
    assert biggest not in themes_of(db, run_id)
    new_ids = {after[a][0] for a in before} - {None}
    assert len(new_ids) == 2
    assert set(after) == all_answer_ids(db)


def test_create_empty_theme_and_fill_it(client, themed, db):
    log_in(client, themed["leader"])
    run_id = run_analysis(client, themed)
    base = f"{themed['base']}/runs/{run_id}"
    response = post_form(client, f"{base}/themes/new", {"label": "Boliger"})
    theme_id = int(response.headers["Location"].rsplit("/", 1)[1])
    some = list(members(db, run_id))[:3]
    post_form(
        client,
        f"{base}/input",
        {"answer_ids": [str(a) for a in some], "action": "move", "target": str(theme_id)},
    )
    page = client.get(f"{base}/themes/{theme_id}").get_data(as_text=True)
    assert "3 innspill" in page


def test_pin_three_to_four_themes_in_order_with_coverage(client, themed, db):
    log_in(client, themed["leader"])
    run_id = run_analysis(client, themed, n_themes="5")
    base = f"{themed['base']}/runs/{run_id}"
    ids = list(themes_of(db, run_id))
    for theme_id in ids[:4]:
        post_form(client, f"{base}/themes/{theme_id}/pin", {"action": "pin"})
    fifth = post_form(
        client, f"{base}/themes/{ids[4]}/pin", {"action": "pin"}, follow_redirects=True
    )
    assert "Høyst fire temaer" in fifth.get_data(as_text=True)
    post_form(client, f"{base}/themes/{ids[3]}/pin", {"action": "up"})
    with db as session:
        order = [
            t.id
            for t in session.scalars(
                select(Theme)
                .where(Theme.run_id == run_id, Theme.pin_order.is_not(None))
                .order_by(Theme.pin_order)
            )
        ]
    assert order == [ids[0], ids[1], ids[3], ids[2]]
    post_form(client, f"{base}/themes/{ids[0]}/pin", {"action": "unpin"})
    with db as session:
        orders = sorted(
            t.pin_order
            for t in session.scalars(
                select(Theme).where(Theme.run_id == run_id, Theme.pin_order.is_not(None))
            )
        )
        sizes = {
            t: n
            for t, n in session.execute(
                select(ThemeMember.theme_id, func.count())
                .where(ThemeMember.run_id == run_id)
                .group_by(ThemeMember.theme_id)
            ).all()
        }
    assert orders == [0, 1, 2]
    covered = sum(sizes.get(t, 0) for t in (ids[1], ids[2], ids[3]))
    page = client.get(f"{themed['base']}?run={run_id}").get_data(as_text=True)
    assert f"dekker {round(100 * covered / 18)} % av alle innspill" in page


def test_new_input_is_placed_in_edited_themes_and_marked_new(client, themed, db):
    log_in(client, themed["leader"])
    run_id = run_analysis(client, themed)
    base = f"{themed['base']}/runs/{run_id}"
    ids = list(themes_of(db, run_id))
    post_form(client, f"{base}/themes/{ids[0]}/rename", {"label": "Mitt navn"})
    before = members(db, run_id)
    new_texts = [TEXTS["broadband"][0] + " nå", "Fiber og bredbånd"]
    add_inputs(db, themed["activity"], new_texts, run_jobs=False)  # as if the queue were down
    page = client.get(f"{themed['base']}?run={run_id}").get_data(as_text=True)
    assert "2 nye innspill venter" in page
    assert members(db, run_id) == before  # looking places nothing
    placed = post_form(client, f"{base}/place", {}, follow_redirects=True)
    assert "2 nye innspill er plassert" in placed.get_data(as_text=True)
    after = members(db, run_id)
    assert {a: v for a, v in after.items() if a in before} == before  # edits kept
    new = {a: v for a, v in after.items() if a not in before}
    assert len(new) == 2 and all(is_new for _t, _e, is_new in new.values())
    broadband_theme = {before[a][0] for a in before} and before[min(before)][0]
    assert all(t == broadband_theme for t, _e, _n in new.values())
    assert themes_of(db, run_id)[ids[0]] == "Mitt navn"
    post_form(client, f"{base}/input", {"answer_ids": [str(a) for a in new], "action": "reviewed"})
    assert not any(v[2] for v in members(db, run_id).values())


def test_too_little_input_says_so(client, make_user, make_project, make_activity, db):
    leader = make_user("leader")
    project_id = make_project(leader)
    activity_id = make_activity(project_id)
    add_inputs(db, activity_id, ["Bredbånd"])
    log_in(client, leader)
    response = post_form(
        client,
        f"/manage/projects/{project_id}/themes/run",
        {"mode": "auto", "min_themes": "3", "max_themes": "8"},
    )
    assert response.status_code == 302
    page = client.get(f"/manage/projects/{project_id}/themes").get_data(as_text=True)
    assert "Uplassert" in page  # the one input is visible, not dropped
    assert "For få ulike svar til å danne temaer" in page  # the reason, in the leader's language
    assert "distinct texts" not in page


@pytest.mark.parametrize("label", ["", "x" * 201, "Bad\x00name"])
def test_bad_theme_names_are_refused_and_kept(client, themed, db, label):
    log_in(client, themed["leader"])
    run_id = run_analysis(client, themed)
    theme_id = next(iter(themes_of(db, run_id)))
    response = post_form(
        client,
        f"{themed['base']}/runs/{run_id}/themes/{theme_id}/rename",
        {"label": label, "description": "Min beskrivelse"},
    )
    assert response.status_code == 422
    assert "Min beskrivelse" in response.get_data(as_text=True)
    assert themes_of(db, run_id)[theme_id] != label


def test_viewer_reads_but_cannot_edit_and_others_get_404(client, themed, make_user, db):
    from engage.models import MemberRole, Project, User
    from engage.review.services import add_member

    log_in(client, themed["leader"])
    run_id = run_analysis(client, themed)
    theme_id = next(iter(themes_of(db, run_id)))
    viewer, stranger = make_user("viewer"), make_user("leader")
    with db as session:
        add_member(
            session.get(Project, themed["project"]), session.get(User, viewer.id), MemberRole.VIEWER
        )
        session.commit()
    viewer_client = client.application.test_client()
    log_in(viewer_client, viewer)
    page = viewer_client.get(f"{themed['base']}/runs/{run_id}/themes/{theme_id}")
    assert page.status_code == 200 and "Gi nytt navn" not in page.get_data(as_text=True)
    assert (
        post_form(
            viewer_client,
            f"{themed['base']}/runs/{run_id}/themes/{theme_id}/rename",
            {"label": "Nei"},
        ).status_code
        == 403
    )
    stranger_client = client.application.test_client()
    log_in(stranger_client, stranger)
    assert stranger_client.get(themed["base"]).status_code == 404
    assert (
        stranger_client.get(f"{themed['base']}/runs/{run_id}/themes/{theme_id}").status_code == 404
    )


def test_the_status_page_refreshes_itself_until_the_worker_is_done(client, themed, db):
    from engage.models import Project, User
    from engage.themes import runs

    with db as session:
        user = session.get(User, themed["leader"].id)
        run = runs.create_run(session.get(Project, themed["project"]), user, {}, {})
        session.commit()
        run_id = run.id
    log_in(client, themed["leader"])
    status_url = f"{themed['base']}/runs/{run_id}"
    page = client.get(status_url).get_data(as_text=True)
    assert 'http-equiv="refresh"' in page
    with db as session:
        runs.execute_run(session.get(AnalysisRun, run_id))
    done = client.get(status_url)
    assert done.status_code == 302 and f"run={run_id}" in done.headers["Location"]


def test_runs_count_responses_not_answers(client, themed, db):
    log_in(client, themed["leader"])
    run_id = run_analysis(client, themed)
    with db as session:
        assert session.get(AnalysisRun, run_id).params["responses"] == 18


def test_a_theme_page_asks_the_database_the_same_few_times_however_big(client, themed, db, app):
    """The references (I-n) of the members come with them, not one query per input."""
    log_in(client, themed["leader"])
    run_id = run_analysis(client, themed)
    with db as session:
        sizes = dict(
            session.execute(
                select(ThemeMember.theme_id, func.count())
                .where(ThemeMember.run_id == run_id, ThemeMember.theme_id.is_not(None))
                .group_by(ThemeMember.theme_id)
            ).all()
        )
    smallest, largest = min(sizes, key=sizes.get), max(sizes, key=sizes.get)
    assert sizes[largest] > sizes[smallest]
    counts = {}
    for theme_id in (smallest, largest):
        with recorded_statements(app) as statements:
            page = client.get(f"{themed['base']}/runs/{run_id}/themes/{theme_id}")
        assert page.status_code == 200
        assert page.get_data(as_text=True).count("I-") >= sizes[theme_id]
        counts[theme_id] = len(statements)
    assert counts[largest] == counts[smallest], counts
