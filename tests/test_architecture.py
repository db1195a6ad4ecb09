"""The package's shape: imports run downward, with no circles.

Every import in `briefing/` counts, including those inside functions (which
exist only to keep heavy libraries off the start-up path, never to dodge a
circle between our own modules).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "briefing"

# Floors, lowest first: a module may import its own floor's modules and any below.
FLOORS = (
    {"briefing", "briefing.errors", "briefing.files", "briefing.models", "briefing.report", "briefing.config"},
    {"briefing.text"},
    {"briefing.sources", "briefing.story"},
    {"briefing.output"},
    {"briefing.pipeline", "briefing.evaluate"},
    {"briefing.editions"},
    {"briefing.cli", "briefing.__main__"},
)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, modules: set[str]) -> set[str]:
    """Our modules that `path` imports, anywhere in it (relative imports resolved)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        found |= {target for target in targets if target in modules}
    found.discard(name)
    return found


def graph() -> dict[str, set[str]]:
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {module_name(p) for p in paths}
    return {module_name(p): imported_modules(p, modules) for p in paths}


def floor_of(module: str) -> int:
    best = max((prefix for floor in FLOORS for prefix in floor if module == prefix or module.startswith(prefix + ".")), key=len)
    return next(i for i, floor in enumerate(FLOORS) if best in floor)


def test_no_import_circles():
    edges = graph()
    state: dict[str, int] = {}
    circles = []

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for target in sorted(edges[module]):
            if state.get(target) == 1:
                circles.append(" -> ".join([*trail[trail.index(target):], target]))
            elif target not in state:
                visit(target, [*trail, target])
        state[module] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])
    assert circles == []


@pytest.mark.parametrize("module", sorted(graph()))
def test_imports_run_downward(module):
    upward = sorted(t for t in graph()[module] if t != "briefing" and floor_of(t) > floor_of(module))
    assert upward == [], f"{module} imports from a higher floor"


def test_the_circle_finder_finds_a_circle(tmp_path, monkeypatch):
    package = tmp_path / "briefing"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("def f():\n    from briefing import b\n")
    (package / "b.py").write_text("from .a import f\n")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", package)
    with pytest.raises(AssertionError):
        test_no_import_circles()
