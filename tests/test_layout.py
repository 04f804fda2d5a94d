"""The house rules of the code, checked from the source (README, "Map of the code"):

- no import circle between the project's modules, counting every import, also those inside
  functions (a circle hidden in a function is still two modules that need each other);
- each package under clinic/ imports only the clinic packages its docstring's "May import:"
  names, and never a page app;
- page apps import a clinic package only through its public names (its `__all__`);
- treatments, blog, booking and selfcheck never import each other nor home (home may read
  them), except that booking reads `selfcheck.handoff` (a result the visitor carries to the
  booking form) and no other module of selfcheck; clinic/ imports no page app outside urls.py,
  which routes to their views;
- no module of clinic/ is longer than 400 lines.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ["clinic", "home", "blog", "treatments", "booking", "selfcheck"]
PAGE_APPS = ["home", "blog", "treatments", "booking", "selfcheck"]
# The one door between two page apps: {app: the other apps' modules it may import}.
MAY_READ_MODULES = {"booking": {"selfcheck.handoff"}}
MAX_LINES = 400


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules():
    """{module name: path} of every module of the apps, migrations left out (they are history)."""
    return {
        module_name(path): path
        for app in APPS
        for path in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in path.parts
    }


MODULES = project_modules()


def imports_of(path):
    """(line, imported module, names) for every import in the file, at any depth."""
    tree = ast.parse(path.read_text(), filename=str(path))
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module
            found.append((node.lineno, module, [alias.name for alias in node.names]))
    return found


def project_targets(module, names):
    """The project modules an import statement loads: a name that is a submodule counts as
    that submodule, anything else as the nearest project module on the dotted path."""
    targets = {f"{module}.{name}" for name in names if f"{module}.{name}" in MODULES}
    if len(targets) < len(names) or not names:
        while module and module not in MODULES:
            module = module.rpartition(".")[0]
        if module:
            targets.add(module)
    return targets


def import_graph():
    graph = {name: set() for name in MODULES}
    for name, path in MODULES.items():
        for _, module, names in imports_of(path):
            graph[name] |= project_targets(module, names) - {name}
    return graph


def find_cycle(graph):
    """One import circle as a list of modules, or None (depth-first search)."""
    state, stack = {}, []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for neighbour in sorted(graph[node]):
            if state.get(neighbour) == "open":
                return stack[stack.index(neighbour) :] + [neighbour]
            if neighbour not in state and (cycle := visit(neighbour)):
                return cycle
        state[node] = "done"
        stack.pop()
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def clinic_packages():
    return sorted(
        path.parent.name
        for path in (ROOT / "clinic").glob("*/__init__.py")
        if path.parent.name not in {"settings", "management", "templatetags", "migrations"}
    )


def package_of(module):
    """'editorial' for clinic.editorial.signoff; None outside clinic's packages."""
    parts = module.split(".")
    if len(parts) > 1 and parts[0] == "clinic" and parts[1] in clinic_packages():
        return parts[1]
    return None


def docstring_of(package):
    return ast.get_docstring(ast.parse((ROOT / "clinic" / package / "__init__.py").read_text()))


def may_import(package):
    """The packages named on the docstring's "May import:" line (up to its full stop)."""
    docstring = docstring_of(package) or ""
    marker = "May import:"
    assert marker in docstring, f"clinic/{package}/__init__.py has no '{marker}' line"
    line = docstring.split(marker, 1)[1].split(".", 1)[0].split(";", 1)[0]
    words = line.replace(",", " ").replace("(", " ").split()
    return {word for word in words if word in clinic_packages()}


def public_names(package):
    tree = ast.parse((ROOT / "clinic" / package / "__init__.py").read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "__all__" for target in node.targets
        ):
            return set(ast.literal_eval(node.value))
    return set()


def test_the_import_graph_reads_every_kind_of_import():
    """The walk must see imports inside functions and relative ones, or the checks below
    could pass on a graph with edges missing."""
    graph = import_graph()
    assert "clinic.practice.details" in graph["clinic.blocks.sources"]  # inside a function
    assert "clinic.blocks.base" in graph["clinic.blocks.body"]
    assert "blog.models.taxonomy" in graph["blog.models.index"]  # relative: from .taxonomy


def test_find_cycle_finds_a_circle_and_only_a_circle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_no_import_circle_between_the_projects_modules():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import circle: " + " -> ".join(cycle)


@pytest.mark.parametrize("package", clinic_packages())
def test_each_clinic_package_says_what_it_owns_and_imports_only_what_it_may(package):
    docstring = docstring_of(package)
    assert docstring and len(docstring.split()) > 15, f"clinic/{package} says what it owns"
    allowed = may_import(package) | {package}
    wrong = []
    for name, path in MODULES.items():
        if package_of(name) != package:
            continue
        for line, module, names in imports_of(path):
            for target in project_targets(module, names):
                other = package_of(target)
                if target.split(".")[0] in PAGE_APPS or (other and other not in allowed):
                    wrong.append(f"{path.relative_to(ROOT)}:{line} imports {target}")
    assert not wrong, "\n".join(wrong)


def test_page_apps_import_clinic_packages_only_through_their_public_names():
    wrong = []
    for name, path in MODULES.items():
        if name.split(".")[0] not in PAGE_APPS:
            continue
        for line, module, names in imports_of(path):
            package = package_of(module)
            if package is None:
                continue
            public = public_names(package)
            rest = module.split(".")[2:]
            # from clinic.editorial.people import Person: `people` must be public;
            # from clinic.documents import html: `html` must be.
            allowed = rest[0] in public if rest else set(names) <= public
            if not allowed:
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports {module} {names}")
    assert not wrong, "not public:\n" + "\n".join(wrong)


def test_no_module_of_clinic_is_longer_than_400_lines():
    long = {
        str(path.relative_to(ROOT)): length
        for name, path in MODULES.items()
        if name.startswith("clinic") and (length := len(path.read_text().splitlines())) > 400
    }
    assert not long, f"split these by concern: {long}"


# Who may read page apps besides the app itself: home reads them all; clinic.urls routes to home.
MAY_READ_APPS = {"home": set(PAGE_APPS), "clinic": set(), "clinic.urls": {"home"}}


def crosses_page_apps(importer, target):
    """Whether module `importer` importing module `target` crosses into another page app (or
    from clinic into one) without leave (MAY_READ_APPS, MAY_READ_MODULES)."""
    app, target_app = importer.split(".")[0], target.split(".")[0]
    if target_app not in PAGE_APPS or target_app == app:
        return False
    if target in MAY_READ_MODULES.get(app, set()):
        return False
    return target_app not in MAY_READ_APPS.get(importer, MAY_READ_APPS.get(app, set()))


def test_page_apps_stand_apart_and_clinic_imports_none_of_them():
    wrong = []
    for name, path in MODULES.items():
        for line, module, names in imports_of(path):
            for target in project_targets(module, names):
                if crosses_page_apps(name, target):
                    wrong.append(f"{path.relative_to(ROOT)}:{line} imports {target}")
    assert not wrong, "\n".join(wrong)


def test_booking_may_read_selfcheck_handoff_and_nothing_else_of_it():
    """The leave is for one module, one way: the rule must still catch everything else."""
    assert "selfcheck.handoff" in import_graph()["booking.self_check"]
    assert not crosses_page_apps("booking.self_check", "selfcheck.handoff")
    assert crosses_page_apps("booking.self_check", "selfcheck.instruments")
    assert crosses_page_apps("booking.models", "selfcheck.models")
    assert crosses_page_apps("booking.forms", "selfcheck")
    assert crosses_page_apps("selfcheck.models", "booking.models")
    assert crosses_page_apps("selfcheck.handoff", "booking.self_check")
    assert crosses_page_apps("treatments.models", "selfcheck.handoff")
    assert crosses_page_apps("clinic.urls", "selfcheck.models")
    assert not crosses_page_apps("home.models", "selfcheck.models")
