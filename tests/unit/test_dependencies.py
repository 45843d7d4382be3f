"""Every library unpress imports is one of its declared dependencies: a plain `pip install .`
(a fresh machine, the release workflow) has it, not only a machine where something else put it."""

from __future__ import annotations

import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

import tomllib

ROOT = Path(__file__).parents[2]


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def imported_libraries() -> dict[str, set[str]]:
    """The top-level modules outside the standard library that unpress's code imports, with the
    files that import each (imports inside functions included)."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / "unpress").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.partition(".")[0]
                if top not in sys.stdlib_module_names and top != "unpress":
                    found.setdefault(top, set()).add(path.relative_to(ROOT).as_posix())
    return found


def test_every_imported_library_is_a_declared_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {canonical(re.match(r"[A-Za-z0-9._-]+", spec).group()) for spec in project["dependencies"]}
    providers = packages_distributions()
    undeclared = {module: (providers.get(module, "not installed"), sorted(files))
                  for module, files in imported_libraries().items()
                  if not declared.intersection(canonical(d) for d in providers.get(module, [module]))}
    assert undeclared == {}, "add these to [project] dependencies in pyproject.toml"


def test_the_scan_finds_imports_inside_functions_too():
    libraries = imported_libraries()
    assert "unpress/render/pdf.py" in libraries["weasyprint"]
    assert "yaml" in libraries and "docx" in libraries and "os" not in libraries
