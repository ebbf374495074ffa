"""The house plan: packages that import light, no import cycles, one naming scheme.

Importing a capability's models or services must not load a view: when it did, imports moved
into functions to dodge cycles and a model import pulled in half the app. ``create_app`` is the
one place that loads routes, hooks and template globals (``eventapp.app.BLUEPRINTS``).
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "eventapp"
#: Module names that attach routes, hooks, template globals or commands to a blueprint.
WEB_ROLES = {
    "views",
    "manage_views",
    "checkin_views",
    "schedule_views",
    "embed_views",
    "templating",
    "error_pages",
    "cli",
    "cache",
}
#: Names the old layout used for what the scheme now calls by one name each.
DRIFTED = {"includes", "globals", "manage", "views_directory", "views_timetable", "forms_directory"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
CAPABILITIES = sorted(p.parent.name for p in PACKAGE.glob("*/blueprint.py"))


def import_graph() -> dict[str, set[str]]:
    """Each module's module-level imports of eventapp modules (``TYPE_CHECKING`` blocks aside)."""
    graph: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        edges: set[str] = set()
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                continue
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                continue
            for child in ast.walk(node):
                if isinstance(child, ast.ImportFrom) and (child.module or "").startswith(
                    "eventapp"
                ):
                    edges.add(child.module or "")
                    edges |= {f"{child.module}.{a.name}" for a in child.names}
                elif isinstance(child, ast.Import):
                    edges |= {a.name for a in child.names}
        graph[name] = {e for e in edges if e in MODULES and e != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_no_module_level_import_cycle():
    assert cycles(import_graph()) == []


def test_the_cycle_check_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_of_ours_hides_inside_a_function():
    """The one exception: ``create_app`` in the package's ``__init__`` (which Python runs
    before every ``eventapp.*`` import) loads the assembled app only when called."""
    hidden = []
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for child in ast.walk(node):
                if isinstance(child, ast.ImportFrom | ast.Import):
                    hidden.append(f"{name}.{node.name}: {ast.unparse(child)}")
    assert hidden == ["eventapp.create_app: from eventapp.app import build_app"]


def test_package_inits_import_nothing():
    for name in ["eventapp", *(f"eventapp.{c}" for c in CAPABILITIES)]:
        tree = ast.parse(MODULES[name].read_text())
        imports = [n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)]
        assert all(getattr(n, "module", None) in {"__future__", "typing"} for n in imports), name


def test_every_capability_has_its_blueprint_and_none_uses_a_drifted_name():
    from eventapp.app import BLUEPRINTS

    assert sorted(BLUEPRINTS) == CAPABILITIES
    for capability, modules in BLUEPRINTS.items():
        for module in modules:
            assert f"eventapp.{capability}.{module}" in MODULES
    drifted = [n for n, p in MODULES.items() if p.stem in DRIFTED]
    assert drifted == []


LOADED = """
import json, os, sys
# What every module needs from outside is loaded once, before the forks: only ours is counted.
import flask, flask_babel, flask_login, flask_migrate, flask_sqlalchemy, flask_wtf, wtforms
import sqlalchemy.orm, icalendar, markdown_it, nh3, psycopg, redis, slugify
results = {}
for name in sys.argv[1:]:
    read, write = os.pipe()
    if os.fork() == 0:
        __import__(name)
        ours = sorted(m for m in sys.modules if m.startswith("eventapp"))
        os.write(write, json.dumps(ours).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as pipe:
        results[name] = json.loads(pipe.read())
    os.wait()
print(json.dumps(results))
"""


@pytest.fixture(scope="module")
def loaded_by() -> dict[str, list[str]]:
    """For each model, service and query module: the eventapp modules a fresh interpreter
    holds after importing it alone."""
    names = [n for n in MODULES if n.rsplit(".", 1)[-1] in {"models", "services", "queries"}]
    names += [n for n in MODULES if n.endswith("_services")]
    out = subprocess.run(
        [sys.executable, "-c", LOADED, *names], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return json.loads(out.stdout)


def test_importing_a_model_or_a_service_loads_no_view(loaded_by):
    for name, modules in loaded_by.items():
        web = [m for m in modules if m.rsplit(".", 1)[-1] in WEB_ROLES or m == "eventapp.app"]
        assert web == [], name


def test_a_model_import_stays_small(loaded_by):
    """``eventapp.events.models`` loaded 26 modules when each package's ``__init__`` imported
    its views; it needs the package, the extensions, core's column types and its own file."""
    assert len(loaded_by["eventapp.events.models"]) <= 10, loaded_by["eventapp.events.models"]
