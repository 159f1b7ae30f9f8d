"""The wheel works without the source tree: it carries templates, static files, translations
and migrations, `flask db upgrade` runs from it, and it serves pages.

Offline and quick: the wheel is built without build isolation (setuptools comes from this
venv), installed with --no-deps into a fresh venv, and that venv finds the dependencies
through a .pth file naming this venv's site-packages (.pth files there, such as the editable
install's finder, are not run, so `engage` can only come from the wheel).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import sysconfig
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKIP = (".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", "instance", ".*_cache")

RENDER = """
import json, sys
import engage
from engage import create_app

app = create_app()
client = app.test_client()
page, css, health = client.get("/"), client.get("/static/engage.css"), client.get("/healthz")
print(json.dumps({
    "engage": engage.__file__,
    "templates": app.template_folder,
    "static": app.static_folder,
    "page": [page.status_code, page.get_data(as_text=True)],
    "css": [css.status_code, css.get_data(as_text=True)[:200]],
    "health": [health.status_code, health.get_json()],
}))
"""


def head_revision() -> str:
    """The newest revision in the checkout's migrations/versions/."""
    revisions, parents = set(), set()
    for path in (ROOT / "migrations" / "versions").glob("*.py"):
        text = path.read_text()
        revisions |= set(re.findall(r"^revision = ['\"](\w+)", text, re.M))
        parents |= set(re.findall(r"^down_revision = ['\"](\w+)", text, re.M))
    (head,) = revisions - parents
    return head


def run(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=180
    )
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result.stdout


def test_installed_wheel_migrates_and_serves_pages(tmp_path):
    assert int(version("setuptools").split(".")[0]) >= 77, "pip install -e '.[test]'"
    # Build from a clean copy: a stale build/ or *.egg-info in the checkout leaks old files.
    source = tmp_path / "src"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*SKIP))
    pip = (sys.executable, "-m", "pip")
    offline = ("-q", "--no-deps", "--no-index")
    run(*pip, "wheel", *offline, "--no-build-isolation", "-w", tmp_path / "dist", source)
    (wheel,) = (tmp_path / "dist").glob("engage-*.whl")

    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    run(*pip, "--python", python, "install", *offline, wheel)
    site = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))").strip())
    ours = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (site / "project_dependencies.pth").write_text("\n".join(sorted(ours)) + "\n")

    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    database = tmp_path / "wheel.sqlite"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ENGAGE_", "FLASK_"))}
    env.pop("PYTHONPATH", None)
    env |= {
        "DATABASE_URL": f"sqlite:///{database}",
        "SECRET_KEY": "w" * 48,
        "ENGAGE_DEMO_EMBEDDINGS": "0",
    }
    run(python, "-m", "flask", "--app", "engage", "db", "upgrade", cwd=workdir, env=env)
    with sqlite3.connect(database) as conn:
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
        (revision,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    assert {"users", "projects", "responses"} <= tables
    assert revision == head_revision()

    assert not list((site / "engage" / "analysis").glob("bench*")), "benchmarks/ holds those"

    found = json.loads(run(python, "-c", RENDER, cwd=workdir, env=env))
    for key in ("engage", "templates", "static"):
        assert Path(found[key]).is_relative_to(site), (key, found[key])
    status, page = found["page"]
    assert status == 200 and "Gi ditt innspill" in page and "/static/engage.css" in page
    status, css = found["css"]
    assert status == 200 and css.startswith("/* engage")
    status, health = found["health"]
    assert status == 200 and health["status"] == "ok"
