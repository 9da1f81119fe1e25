"""`make run` is the demo a newcomer opens: DEBUG off (the pages a citizen would see), cookies that
work over plain http on localhost, the address it really serves printed (issue 11, items 8, 15), and
the background-task worker running beside the server and stopped with it (issue 17, item 6)."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


def test_make_run_serves_with_debug_off_and_http_cookies_unless_asked():
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "SECURE_COOKIES"}}
    result = subprocess.run(
        ["make", "--dry-run", "--always-make", "run", "PORT=8123"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    serve_at = next(i for i, line in enumerate(lines) if "runserver" in line)
    assert lines[serve_at].endswith("runserver 127.0.0.1:8123")
    # The server and the task worker are started by one shell command that sets their environment.
    start = next(i for i in range(serve_at, -1, -1) if lines[i].startswith("export "))
    command = "\n".join(lines[start : serve_at + 1])
    assert "DEBUG=${DEBUG:-0} SECURE_COOKIES=${SECURE_COOKIES:-0} " in lines[start]
    assert "TASKS_BACKEND=${TASKS_BACKEND:-database}" in lines[start]
    assert "manage.py db_worker" in command and "kill $worker" in command
    demo = next(line for line in result.stdout.splitlines() if "load_demo" in line)
    assert demo.startswith("HOST=127.0.0.1 PORT=8123 ")


def _cookie_flags(tmp_path, **env) -> str:
    code = "import django; django.setup(); from django.conf import settings as s; "
    code += "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"
    base = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "SECURE_COOKIES"}}
    base.update(DJANGO_SETTINGS_MODULE="gongkai.settings", GONGKAI_VAR_DIR=str(tmp_path), **env)
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=base, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_cookies_are_secure_by_default_and_plain_only_when_asked(tmp_path):
    assert _cookie_flags(tmp_path) == "False True True"
    assert _cookie_flags(tmp_path, SECURE_COOKIES="0") == "False False False"
    assert _cookie_flags(tmp_path, DEBUG="1") == "True False False"


def test_load_demo_prints_the_port_it_is_served_on(db, monkeypatch):
    monkeypatch.setenv("PORT", "8123")
    output = StringIO()
    call_command("load_demo", stdout=output)
    assert "http://127.0.0.1:8123/workbench/" in output.getvalue()
    assert ":8000" not in output.getvalue()


def test_every_benchmark_runs_in_the_ci_smoke_target():
    """`.ci/run` runs `make bench-smoke`: a benchmark left out of it could break unnoticed."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nbench-smoke:", 1)[1].split("\n\n", 1)[0]
    scripts = {path.name for path in (ROOT / "bench").glob("[!_]*.py")}
    assert scripts and all(f"bench/{name}" in recipe for name in scripts), recipe
    assert "make bench-smoke" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
