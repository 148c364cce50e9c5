"""The shape of the package: the core runs without a GUI, and no module imports itself back.

Nothing outside clipper/gui may import Qt, and the gui modules that hold state and
flows are plain Python too. No import circle between modules of clipper/: a circle
makes the import order matter (the first module imported sees the other half-built)
and hides which part depends on which. Imports inside functions count (they run, only
later); imports under ``if TYPE_CHECKING:`` do not (they never run).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import clipper

PACKAGE = Path(clipper.__file__).resolve().parent
QT_MODULES = ("PySide6", "PyQt5", "PyQt6", "shiboken6")


def _core_files() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if "gui" not in p.relative_to(PACKAGE).parts]


def test_core_sources_do_not_import_qt() -> None:
    offenders = []
    for path in _core_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.relative_to(PACKAGE)}: {n}" for n in names
                          if n.split(".")[0] in QT_MODULES]
    assert not offenders, offenders
    assert len(_core_files()) > 5  # the scan really looked at the core


def test_importing_the_core_loads_no_qt() -> None:
    modules = sorted(
        "clipper." + ".".join(p.relative_to(PACKAGE).with_suffix("").parts)
        for p in _core_files() if p.name not in ("__main__.py",)
    )
    modules = [m.removesuffix(".__init__") for m in modules]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {QT_MODULES!r}]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"Qt loaded by the core: {out.stdout}"


# -- import circles ------------------------------------------------------------------------------


def module_names(root: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every module of the package at ``root``."""
    names: dict[str, Path] = {}
    for path in root.rglob("*.py"):
        parts = (root.name, *path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names[".".join(parts)] = path
    return names


def _runtime_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node except what sits under ``if TYPE_CHECKING:`` (never run)."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child.test):
                stack.extend(child.orelse)
            else:
                stack.append(child)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _ancestors(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module -> the package modules it imports, as Python runs the imports.

    Importing ``a.b.c`` runs ``a/__init__`` and ``a/b/__init__`` first, so those count
    too, except the packages that hold the importer (they are already being imported
    when it runs). ``from p import name`` reads ``p``'s namespace, so ``p`` counts even
    then, unless ``name`` is a submodule.
    """
    modules = module_names(root)
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        own = set(_ancestors(name)) | {name}
        here = name if is_package else name.rpartition(".")[0]
        targets: set[str] = set()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in _runtime_nodes(tree):
            if isinstance(node, ast.Import):
                found = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = here.split(".")
                    base = base[:len(base) - node.level + 1]
                    module = ".".join([*base, node.module] if node.module else base)
                else:
                    module = node.module or ""
                found = []
                for alias in node.names:
                    sub = f"{module}.{alias.name}"
                    if sub in modules:
                        found.append(sub)
                    else:
                        found.append(module)
                        targets.add(module)  # reads the module's namespace
            else:
                continue
            for target in found:
                if target not in modules:
                    continue
                targets.add(target)
                targets.update(a for a in _ancestors(target) if a not in own)
        targets.discard(name)
        graph[name] = {t for t in targets if t in modules}
    return graph


def import_circles(root: Path) -> list[list[str]]:
    """One circle per strongly connected group of modules (Tarjan), as a path back to its
    start: ``[a, b, c, a]``."""
    graph = import_graph(root)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(start: str) -> None:  # iterative: deep chains must not hit the recursion limit
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group: set[str] = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(group)

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return [_path_through(graph, group) for group in groups]


def _path_through(graph: dict[str, set[str]], group: set[str]) -> list[str]:
    """A shortest circle through the first module of ``group`` (breadth first)."""
    start = min(group)
    came_from: dict[str, str] = {}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for child in sorted(graph[node] & group):
            if child == start:
                path = [node]
                while path[-1] != start:
                    path.append(came_from[path[-1]])
                return [*reversed(path), start]
            if child not in came_from:
                came_from[child] = node
                queue.append(child)
    return sorted(group)


def test_no_import_circles_in_clipper() -> None:
    circles = import_circles(PACKAGE)
    assert not circles, "\n".join(" -> ".join(c) for c in circles)
    assert len(import_graph(PACKAGE)) > 50  # the scan really looked at the package


LAYERS = [
    {"clipper", "errors", "safetext", "fidelity"},
    {"models", "progress", "urls", "htmltree", "visibility", "decode", "settings"},
    {"fetch", "markdown", "desktop"},
    {"images"},
    {"extract", "library"},
    {"pipeline"},
    {"importers", "reextract"},
    {"gui"},
    {"import_command", "rules_command"},
    {"cli"},
    {"__main__"},
]
"""The parts of clipper/, lowest first: a part imports only parts below it (README,
"Architecture"). The window may reach below the pipeline (the library pane lists clips
itself); the extractor and the library never reach each other."""


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def test_every_import_points_down_the_layers() -> None:
    rank = {part: i for i, layer in enumerate(LAYERS) for part in layer}
    graph = import_graph(PACKAGE)
    unknown = sorted({_part(m) for m in graph} - set(rank))
    assert not unknown, f"parts of clipper/ missing from LAYERS: {unknown}"
    upward = sorted(f"{m} -> {t}" for m, targets in graph.items() for t in targets
                    if _part(m) != _part(t) and rank[_part(m)] <= rank[_part(t)])
    assert not upward, "\n".join(upward)


def _write_package(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / "pkg" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "pkg"


def test_the_checker_finds_a_circle_through_functions_and_package_inits(tmp_path: Path) -> None:
    # The shape of the old library circle: a package __init__ imports its store, the store
    # asks the index (inside a function), the index imports the package back.
    pkg = _write_package(tmp_path, {
        "__init__.py": "",
        "index.py": "from pkg.library.walk import files\n",
        "library/__init__.py": "from pkg.library.store import save\n",
        "library/walk.py": "def files(): return []\n",
        "library/store.py": "def save():\n    from pkg.index import Index\n",
    })
    circles = import_circles(pkg)
    assert circles == [["pkg.index", "pkg.library", "pkg.library.store", "pkg.index"]]


def test_the_checker_ignores_type_checking_imports_and_own_packages(tmp_path: Path) -> None:
    pkg = _write_package(tmp_path, {
        "__init__.py": "from pkg.a import A\n",
        "a.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.b import B\n"
                "A = 1\n",
        "b.py": "from pkg.a import A\nfrom . import c\n",
        "c.py": "import pkg.a\n",
    })
    assert import_circles(pkg) == []
    (pkg / "a.py").write_text("from pkg.b import B\nA = 1\n", encoding="utf-8")
    assert import_circles(pkg) == [["pkg.a", "pkg.b", "pkg.a"]]
