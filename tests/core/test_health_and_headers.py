"""Anyone (a load balancer, a browser) talks to the app: health and headers."""

from __future__ import annotations

from engage import create_app
from tests.conftest import app_settings


def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_the_database_does_not(tmp_path):
    app = create_app(app_settings(f"sqlite:///{tmp_path}/missing-dir/never.sqlite"))
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "unavailable"


def test_every_route_sends_security_headers(app, client, login_as):
    login_as("admin")
    seen = 0
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        url = rule.build({arg: 999999 for arg in rule.arguments}, append_unknown=False)[1]
        response = client.get(url)
        csp = response.headers["Content-Security-Policy"]
        assert "unsafe-inline" not in csp
        assert "script-src 'self'" in csp
        assert "frame-ancestors 'none'" in csp
        assert "object-src 'none'" in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        # Personal links carry a token in the path: no referrer at all leaves those pages.
        expected = "no-referrer" if url.startswith("/s/") else "same-origin"
        assert response.headers["Referrer-Policy"] == expected
        if url.startswith(("/manage", "/auth")):
            assert response.headers["Cache-Control"] == "no-store"
        seen += 1
    assert seen > 10


def test_unknown_page_is_a_friendly_translated_404(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "Siden finnes ikke" in response.get_data(as_text=True)


def test_oversized_body_is_refused_with_a_page_not_a_crash(client):
    response = client.post("/auth/login", data={"email": "x" * 400_000})
    assert response.status_code == 413
    assert "<h1>" in response.get_data(as_text=True)
