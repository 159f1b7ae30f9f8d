"""Property-based fuzzing: whatever a citizen, a link holder or a leader sends to any route,
the answer is a page or a clear refusal (2xx, 3xx, 400, 404, 405, 409, 413, 422, 429), never
a server error. Runs on SQLite and, in CI, on PostgreSQL; the example count is bounded."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engage.models import (
    Activity,
    Project,
)
from tests.conftest import CSRF_RE
from tests.core.conftest import World

ALLOWED = {200, 201, 204, 301, 302, 303, 304, 400, 404, 405, 409, 413, 422, 429}
NAME_RE = re.compile(r'name="([A-Za-z_][A-Za-z0-9_-]{0,40})"')
# Values that broke parsers before: superscript digits, huge numbers, NUL, non-characters,
# bidi overrides, formulas, markup.
NASTY = [
    "",
    " ",
    "0",
    "1",
    "2",
    "-1",
    "²",
    "١٢",
    "9" * 5000,
    "99999999999999999999",
    "1e9",
    "\x00",
    "a\x00b",
    "\ufffe",
    "\uffff",
    "a\u202eb",
    '=HYPERLINK("x")',
    "<script>x</script>",
    "on",
    "draft",
    "agree",
    "dots",
    "business",
    "citizen",
    "all",
    "nb",
    "pl",
    "x" * 3000,
]
SKIP_ENDPOINTS = {"static", "auth.logout"}


def _url(rule: Any, world: World, draw: Any) -> str:
    url = rule.rule
    for name in rule.arguments:
        options = world.params.get(name, ["1", "x"])
        url = re.sub(rf"<(?:[a-z]+:)?{name}>", draw(st.sampled_from(options)), url)
    return url


def _harvest(client: Any, app: Flask, world: World) -> None:
    """Every form field name the pages show, to post back with strange values."""
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint in SKIP_ENDPOINTS:
            continue
        url = rule.rule
        for name in rule.arguments:
            url = re.sub(rf"<(?:[a-z]+:)?{name}>", world.params.get(name, ["1"])[0], url)
        page = client.get(url)
        if page.mimetype == "text/html":
            world.names.update(NAME_RE.findall(page.get_data(as_text=True)))
    world.names.discard("csrf_token")


def _fields(draw: Any, world: World) -> dict[str, Any]:
    names = draw(st.lists(st.sampled_from(sorted(world.names)), max_size=12, unique=True))
    values = st.one_of(st.sampled_from(NASTY), st.text(max_size=40))
    return {name: draw(values) for name in names}


def _routes(app: Flask, method: str, public: bool) -> list[Any]:
    found = []
    for rule in app.url_map.iter_rules():
        if method not in rule.methods or rule.endpoint in SKIP_ENDPOINTS:
            continue
        if public != (not rule.rule.startswith(("/manage", "/auth"))):
            continue
        found.append(rule)
    return sorted(found, key=lambda r: r.rule)


def _check(response: Any, what: str) -> None:
    assert response.status_code in ALLOWED, f"{what} -> {response.status_code}"


@pytest.fixture
def fuzz_world(app: Flask, client: Any, world: World) -> World:
    _harvest(client, app, world)
    return world


FUZZ = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.parametrize("public", [True, False], ids=["public", "leader"])
@FUZZ
@given(data=st.data())
def test_any_post_gets_a_page_or_a_clear_refusal(app, client, fuzz_world, public, data) -> None:
    built = fuzz_world
    rule = data.draw(st.sampled_from(_routes(app, "POST", public)))
    url = _url(rule, built, data.draw)
    form = _fields(data.draw, built)
    page = client.get("/auth/login" if public else "/manage/").get_data(as_text=True)
    token = CSRF_RE.search(page)
    if token and data.draw(st.booleans()):
        form["csrf_token"] = token.group(1)
    _check(client.post(url, data=form), f"POST {url} {form!r}")


@pytest.mark.parametrize("public", [True, False], ids=["public", "leader"])
@FUZZ
@given(data=st.data())
def test_any_query_gets_a_page_or_a_clear_refusal(app, client, fuzz_world, public, data) -> None:
    built = fuzz_world
    rule = data.draw(st.sampled_from(_routes(app, "GET", public)))
    url = _url(rule, built, data.draw)
    _check(client.get(url, query_string=_fields(data.draw, built)), f"GET {url}")


def test_the_fixture_reaches_every_kind_of_page(app, client, fuzz_world) -> None:
    """The fuzzing above is only worth something if the ids in its URLs exist."""
    built = fuzz_world
    with app.app_context():
        from engage.extensions import db

        assert db.session.get(Project, int(built.params["project_id"][0])) is not None
        assert db.session.get(Activity, int(built.params["activity_id"][0])) is not None
    assert client.get(f"/j/{built.params['code'][0]}").status_code == 200
    assert client.get(f"/s/{built.params['token'][0]}").status_code == 200
    assert {"about_stakeholder_group", "q1"} & built.names
