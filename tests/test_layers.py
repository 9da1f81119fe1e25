"""The import structure: apps in layers, no cycles between apps, pure rule modules free of Django.

Every module under ``gongkai/`` (tests excepted: they sit on top) is parsed, every ``import`` and
``from … import`` in it, at module level or inside a function, is an edge from its app to the app
it names. An app may import only apps in lower layers; the project modules (``urls``, ``routers``,
``settings``, ``wsgi``, ``testing``) are the top and nothing imports them. docs/development.md
explains the layers; a new app takes its place in ``LAYERS`` here.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "gongkai"

# Lowest first. An app may import the apps of lower layers, never those of its own or a higher one.
LAYERS: list[tuple[str, ...]] = [
    ("core",),  # errors, system actor, checks, shared helpers
    ("audit",),  # AuditEvent, @service and record(): every service writes through it
    ("api",),  # API infrastructure: tokens, bearer auth, error format, pagination, renderer
    ("agencies",),  # the agency tree, staff roles, permissions
    ("accounts", "backups"),  # sign-in security (second factor, passwords, time-out); backup/restore
    ("workbench",),  # the staff shell: 待办 registry, menu, agency switcher, audit trail reading
    ("workdays", "screening", "search", "notifications"),  # duties every other duty builds on
    ("selfcheck",),  # the self-check: a registry of indicators and clocks every duty above fills
    ("catalog",),
    ("applications", "interaction", "guides", "proposals", "solicitation"),
    ("reports",),
    ("portal",),  # the public shell
]
# Project modules directly under gongkai/: the top, wiring the apps together.
TOP = {"urls", "routers", "settings", "wsgi", "testing", "__init__"}
# A module whose docstring calls it pure ("pure Python", "no Django", "Pure module") is a rule
# module: importing it, and everything of gongkai it imports, must not import Django.
PURE_MARK = re.compile(r"pure python|no django|pure module", re.IGNORECASE)
DJANGO_PACKAGES = ("django", "ninja", "django_")
LAYER_OF = {app: number for number, apps in enumerate(LAYERS) for app in apps}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    return _imports_as(path, _module_name(path))


def _imports_as(path: Path, module: str) -> set[str]:
    """Absolute names imported anywhere in the module (relative imports resolved)."""
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def _app_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "gongkai" or len(parts) < 2:
        return None
    return parts[1]


def _sources():
    for path in sorted(PACKAGE.rglob("*.py")):
        if "tests" in path.relative_to(PACKAGE).parts:
            continue
        yield path, _module_name(path)


@pytest.fixture(scope="module")
def edges() -> dict[tuple[str, str], set[str]]:
    """(importing app, imported app) → the modules where it happens."""
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for path, module in _sources():
        source = _app_of(module) or "__init__"
        for name in _imports(path):
            target = _app_of(name)
            if target is not None and target != source:
                found[(source, target)].add(module)
    return found


def test_every_app_has_a_layer():
    apps = {path.parent.name for path in PACKAGE.glob("*/__init__.py")}
    missing = sorted(apps - set(LAYER_OF))
    assert not missing, f"add {missing} to LAYERS in tests/test_layers.py (see docs/development.md)"


def test_apps_import_only_lower_layers(edges):
    wrong = []
    for (source, target), modules in sorted(edges.items()):
        if source in TOP:
            continue
        if target in TOP:
            wrong.append(f"{sorted(modules)} import the project module gongkai.{target}")
        elif LAYER_OF.get(target, -1) >= LAYER_OF.get(source, -1):
            wrong.append(f"{source} (layer {LAYER_OF.get(source)}) imports {target} "
                         f"(layer {LAYER_OF.get(target)}) in {sorted(modules)}")  # fmt: skip
    assert not wrong, "\n".join(wrong)


def test_there_is_no_import_cycle_between_apps(edges):
    graph: dict[str, set[str]] = defaultdict(set)
    for source, target in edges:
        if source not in TOP and target not in TOP:
            graph[source].add(target)
    state: dict[str, str] = {}
    path: list[str] = []

    def visit(app: str) -> list[str] | None:
        state[app] = "open"
        path.append(app)
        for target in sorted(graph[app]):
            if state.get(target) == "open":
                return [*path[path.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        state[app] = "done"
        path.pop()
        return None

    for app in sorted(graph):
        if app not in state and (cycle := visit(app)):
            pytest.fail("import cycle between apps: " + " → ".join(cycle))


def test_only_tests_import_the_test_support_module(edges):
    importers = sorted(module for (_, target), modules in edges.items() if target == "testing" for module in modules)
    assert importers == []


def _path_of(module: str) -> Path | None:
    base = PACKAGE.parent / module.replace(".", "/")
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.exists():
            return path
    return None  # a name imported from a module, not a module


def _pure_modules() -> list[str]:
    return [module for path, module in _sources() if PURE_MARK.search(ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or "")]


@cache
def _django_reached_from(module: str) -> tuple[str, ...]:
    """The chain of imports by which ``module`` imports Django, or () if it does not."""
    path = _path_of(module)
    if path is None:
        return ()
    for name in sorted(_imports(path)):
        if name.split(".")[0].startswith(DJANGO_PACKAGES):
            return (module, name)
        if name.startswith("gongkai.") and name != module and (chain := _django_reached_from(name)):
            return (module, *chain)
    return ()


@pytest.mark.parametrize("module", _pure_modules())
def test_pure_rule_modules_import_no_django(module):
    chain = _django_reached_from(module)
    assert not chain, "a pure module reaches Django: " + " → ".join(chain)


def test_the_parser_sees_relative_and_function_level_imports(tmp_path):
    """The guard is not vacuous: imports inside functions and relative imports are edges too."""
    module_text = "from . import errors\n\ndef later():\n    from gongkai.agencies import models\n"
    path = tmp_path / "probe.py"
    path.write_text(module_text)
    names = _imports_as(path, "gongkai.core.probe")
    assert {"gongkai.core.errors", "gongkai.agencies.models"} <= names
