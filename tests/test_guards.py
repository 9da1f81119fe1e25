"""Guards that keep the whole honest: OpenAPI snapshot, command help, system checks, no wall clock
in tests."""

import enum
import json
import re
import typing
from io import StringIO
from pathlib import Path

import pydantic
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


def _components_reachable_from(annotation, found: dict) -> None:
    """Every pydantic model and enum that ``annotation`` mentions, recursively, as the OpenAPI
    document names them (the class name)."""
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        found.setdefault(annotation.__name__, set()).add(annotation)
        return
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        if annotation in found.get(annotation.__name__, ()):
            return
        found.setdefault(annotation.__name__, set()).add(annotation)
        for field in annotation.model_fields.values():
            _components_reachable_from(field.annotation, found)
        return
    for argument in typing.get_args(annotation):
        _components_reachable_from(argument, found)


def schema_components_by_name() -> dict[str, set[type]]:
    """Component name → the classes the API's operations use under that name (ninja's own wrappers
    for parameters and responses are not components, only what their fields mention)."""
    found: dict[str, set[type]] = {}
    for router in api._get_bound_routers():
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                wrappers = [*operation.models, *operation.response_models.values()]
                for wrapper in wrappers:
                    if isinstance(wrapper, type) and issubclass(wrapper, pydantic.BaseModel):
                        for field in wrapper.model_fields.values():
                            _components_reachable_from(field.annotation, found)
    return found


def test_no_two_api_schemas_share_a_component_name():
    """The OpenAPI document keys components by class name only: two schemas called ``ActionIn`` in two
    apps collapse into one, and one endpoint silently documents the other's fields."""
    clashes = {
        name: sorted(f"{cls.__module__}.{cls.__qualname__}" for cls in classes)
        for name, classes in schema_components_by_name().items()
        # ninja builds one identical ``Paged<T>`` class per paginated endpoint: same name, same schema
        if len({json.dumps(pydantic.TypeAdapter(cls).json_schema(), sort_keys=True) for cls in classes}) > 1
    }
    assert not clashes, f"schemas sharing an OpenAPI component name (rename one): {clashes}"
