"""The layout holds: no import cycles, index/ never imports bot/ or devtools/, bot/ never imports devtools/,
and nothing but devtools/ reads the shared folder beside the project."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.conftest import ROOT

PACKAGES = ("bot", "index", "devtools")
SHARED_PATH = re.compile(r"\.\./" + "shared|" + r"""["']shared["']""")  # split so this file doesn't match


def module_name(path: Path) -> str:
    """`bot/slack/app.py` → `bot.slack.app`; `bot/slack/__init__.py` → `bot.slack`."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules() -> dict[str, Path]:
    """Every module of the project's packages."""
    return {
        module_name(path): path
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        if "__pycache__" not in path.parts
    }


def imported_names(path: Path, name: str) -> set[str]:
    """Every module `path` imports anywhere: top level, in functions and under TYPE_CHECKING alike."""
    is_package = path.name == "__init__.py"
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".")[: len(name.split(".")) - node.level + is_package]
                base = ".".join([*anchor, base] if base else anchor)
            names.add(base)
            names |= {f"{base}.{alias.name}" for alias in node.names}  # `from pkg import module`
    return names


def import_graph() -> dict[str, set[str]]:
    """Project module → the project modules it imports."""
    modules = project_modules()
    return {
        name: {imported for imported in imported_names(path, name) if imported in modules} - {name}
        for name, path in modules.items()
    }


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_graph_sees_the_project():
    graph = import_graph()
    assert {"bot.cli", "bot.commands", "index.indexer", "devtools.synthetic.corpus"} <= set(graph)
    assert "bot.commands" in graph["bot.cli"] and "index.catalog" in graph["index.indexer"]


def test_no_import_cycles():
    assert cycles(import_graph()) == []


def test_a_cycle_would_be_found():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_index_never_imports_bot_or_devtools():
    wrong = {
        (module, target)
        for module, targets in import_graph().items()
        if module.startswith("index")
        for target in targets
        if target.split(".")[0] in ("bot", "devtools")
    }
    assert not wrong


def test_the_installed_package_never_imports_devtools():
    wrong = {
        (module, name)
        for module, path in project_modules().items()
        if module.split(".")[0] in ("bot", "index")
        for name in imported_names(path, module)
        if name.split(".")[0] == "devtools"
    }
    assert not wrong


def test_devtools_is_not_installed():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    include = re.search(r"include\s*=\s*\[([^\]]*)\]", pyproject)[1]
    assert "bot" in include and "devtools" not in include


def test_only_devtools_reads_the_shared_folder():
    readers = [
        str(path.relative_to(ROOT))
        for folder in ("bot", "index", "tests")
        for path in (ROOT / folder).rglob("*.py")
        if SHARED_PATH.search(path.read_text(encoding="utf-8"))
    ]
    assert not readers
