"""Guards that keep the whole honest: OpenAPI snapshot, command help, system checks, no wall clock
in tests."""

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command, get_commands, load_command_class

from gongkai.routers import api

SNAPSHOT = Path(__file__).resolve().parent.parent / "gongkai" / "api" / "openapi.snapshot.json"


def current_schema() -> dict:
    return json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/v1"), sort_keys=True, default=str))


def test_openapi_matches_the_committed_snapshot():
    """A schema change must be a visible diff: run `python manage.py openapi_snapshot` and commit it."""
    assert SNAPSHOT.exists(), "missing snapshot: run `python manage.py openapi_snapshot`"
    assert current_schema() == json.loads(SNAPSHOT.read_text())


def test_every_endpoint_in_the_snapshot_is_documented():
    schema = json.loads(SNAPSHOT.read_text())
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert operation.get("summary"), f"{method.upper()} {path} has no summary"


def gongkai_commands():
    return sorted(name for name, app in get_commands().items() if app.startswith("gongkai"))


@pytest.mark.parametrize("name", gongkai_commands())
def test_every_management_command_has_help(name):
    command = load_command_class(get_commands()[name], name)
    assert command.help and len(command.help) > 10
    parser = command.create_parser("manage.py", name)
    squeeze = "".join  # argparse re-wraps long help text
    assert squeeze(command.help.split()) in squeeze(parser.format_help().split())


def test_system_checks_pass():
    out = StringIO()
    call_command("check", stdout=out)
    assert "no issues" in out.getvalue()


ROOT = Path(__file__).resolve().parent.parent
WALL_CLOCK = re.compile(r"\b(?:date\.today|timezone\.now|localdate|datetime\.now|datetime\.utcnow|localtime)\(\)")


def test_no_test_reads_the_wall_clock():
    """Tests fix their dates (TODAY, ``@pytest.mark.today``, ``today=``): the suite passes on any date."""
    sources = [ROOT / "conftest.py", *ROOT.glob("gongkai/**/tests/**/*.py"), *ROOT.glob("tests/**/*.py")]
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sources
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if WALL_CLOCK.search(line) and path.name != "test_guards.py"
    ]
    assert offenders == []


def test_no_migration_reads_the_clock():
    """A migration gives the same database whatever day it runs (workdays.0002 reads a frozen file)."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in ROOT.glob("gongkai/*/migrations/0*.py")
        if WALL_CLOCK.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_no_code_sniffs_an_error_code_instead_of_catching_its_class():
    """Domain errors subclass the pure ones (``CalendarNotConfirmedError`` is a
    ``CalendarNotConfirmed``): catch the class, never ``except Exception`` and compare ``.code``."""
    sniffing = re.compile(r"getattr\(\s*\w+,\s*[\"']code[\"']")
    package = Path(__file__).resolve().parent.parent / "gongkai"
    offenders = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if "tests" not in path.parts and sniffing.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
