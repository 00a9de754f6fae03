"""The house stands in floors: models/ at the bottom, kiosk/ (the shell) above it, the features above that, the
record of the day and the demo data on top. These tests read the product's own imports (`ast`, nothing is run)
and fail on an import that climbs back down into a circle of packages, on a name starting with `_` taken from
another package, and on a module or a function grown past the style guide's bounds."""
import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOT_PRODUCT = {"tests", "migrations", "node_modules", "static"}  # tests may use the private names of what they test
MAX_MODULE_LINES, MAX_FUNCTION_LINES = 300, 60


def python_files() -> list[Path]:
    return sorted(p for p in ROOT.rglob("*.py")
                  if not set(p.relative_to(ROOT).parts[:-1]) & NOT_PRODUCT
                  and not any(part.startswith(".") for part in p.relative_to(ROOT).parts))


def packages() -> set[str]:
    return {p.parent.name for p in ROOT.glob("*/__init__.py")} - NOT_PRODUCT


def package_of(path: Path) -> str | None:
    parts = path.relative_to(ROOT).parts
    return parts[0] if len(parts) > 1 else None


def module_name(path: Path) -> list[str]:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def imports(path: Path):
    """(line, module imported, names taken from it, the names the importing file binds to them)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, [], [alias.asname or alias.name.split(".")[0]]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                here = module_name(path)
                base = here[:len(here) - node.level + (1 if path.name == "__init__.py" else 0)]
                module = ".".join([*base, *([module] if module else [])])
            yield node.lineno, module, [a.name for a in node.names], [a.asname or a.name for a in node.names]


def package_arrows() -> dict[str, set[str]]:
    known, arrows = packages(), defaultdict(set)
    for path in python_files():
        here = package_of(path)
        for _line, module, _names, _bound in imports(path):
            there = module.split(".")[0]
            if there in known and there != here and here is not None:
                arrows[here].add(there)
    return arrows


def circles(arrows: dict[str, set[str]]) -> list[list[str]]:
    """Every package that can reach itself, with the way round (one per circle's smallest member)."""
    found = []
    for start in sorted(arrows):
        stack, seen = [(start, [start])], set()
        while stack:
            node, way = stack.pop()
            for nxt in sorted(arrows.get(node, ())):
                if nxt == start:
                    found.append([*way, start])
                    stack.clear()
                    break
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, [*way, nxt]))
    return [c for c in found if c[0] == min(c[:-1])]


def shell_wing_arrows() -> dict[str, set[str]]:
    """Between the shell's own packages (kiosk/identity, realtime, serving, lists); the modules right under kiosk/
    (the factory and the helpers all of them use) are the shell itself and not counted."""
    wings, arrows = {p.parent.name for p in (ROOT / "kiosk").glob("*/__init__.py")}, defaultdict(set)
    for path in (ROOT / "kiosk").rglob("*.py"):
        parts = path.relative_to(ROOT / "kiosk").parts
        if len(parts) < 2:
            continue
        for _line, module, names, _bound in imports(path):
            dotted = module.split(".")
            if dotted[0] != "kiosk":
                continue
            there = {dotted[1]} if len(dotted) > 1 else set(names)
            arrows[parts[0]].update(there & wings - {parts[0]})
    return arrows


def private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def cross_package_private_names() -> list[str]:
    known, found = packages(), []
    for path in python_files():
        here, rel = package_of(path), path.relative_to(ROOT)
        foreign = {}  # the names this file binds to another package's modules and objects
        for line, module, names, bound in imports(path):
            there = module.split(".")[0]
            if there not in known or there == here:
                continue
            if any(private(part) for part in module.split(".")):
                found.append(f"{rel}:{line} imports {module}")
            for name in names:
                if private(name):
                    found.append(f"{rel}:{line} takes {module}.{name}")
            foreign.update(dict.fromkeys(bound, module))
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and private(node.attr) and isinstance(node.value, ast.Name)
                    and node.value.id in foreign):
                found.append(f"{rel}:{node.lineno} uses {node.value.id}.{node.attr} ({foreign[node.value.id]})")
    return found


def test_no_circle_of_packages():
    assert circles(package_arrows()) == []


def test_the_shell_and_the_models_stand_below_every_feature():
    arrows = package_arrows()
    assert arrows.get("models", set()) == set()
    assert arrows.get("kiosk", set()) <= {"models"}


def test_the_factory_names_every_feature_once():
    """The shell imports no feature: it names them (kiosk.FEATURES) and registers each. A feature package is one
    whose __init__.py has init_app; one left out of the list would serve nothing."""
    from kiosk import FEATURES
    features = {p.parent.name for p in ROOT.glob("*/__init__.py") if "\ndef init_app(" in p.read_text(encoding="utf-8")}
    assert sorted(FEATURES) == sorted(features)


def test_inside_the_shell_serving_realtime_and_identity_stand_in_floors():
    assert circles(shell_wing_arrows()) == []
    assert shell_wing_arrows().get("serving", set()) == set()


def test_no_package_takes_another_packages_private_names():
    assert cross_package_private_names() == []


def test_no_module_or_function_past_the_bounds():
    """The product's code; the benchmarks are scripts that print figures, held to this only where they are touched."""
    too_long = []
    for path in python_files():
        if package_of(path) == "bench":
            continue
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(ROOT)
        if len(text.splitlines()) > MAX_MODULE_LINES:
            too_long.append(f"{rel}: {len(text.splitlines())} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    too_long.append(f"{rel}:{node.lineno} {node.name}: {length} lines")
    assert too_long == []


def test_the_reader_sees_a_circle_and_a_private_name():
    """The checks above can fail: a made-up pair of packages that import each other is a circle."""
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]
    assert circles({"a": {"b"}, "b": {"models"}}) == []
    assert private("_load_user") and not private("__version__") and not private("load_user")
