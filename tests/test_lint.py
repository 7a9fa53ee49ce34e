"""Lint and type-check as part of the suite: a warning is a failure."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from .npm_support import installed, require

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_finds_nothing() -> None:
    result = run("ruff", "check", "plugins", "tests", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_finds_nothing() -> None:
    result = run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_readme_opens_with_the_two_commands_and_ci_runs_the_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = [line.strip() for line in readme.splitlines() if line.startswith("    python3 -m venv")]
    assert len(commands) >= 2
    build, test = commands[0], commands[1]
    assert "mkdocs build --strict" in build
    assert "pytest" in test
    assert test in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


# The browser scripts; eslint.config.mjs says where each runs.
SCRIPTS = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "plugins" / "katalog").glob("**/*.js"))
ESLINT = "eslint@10.15.0"


def test_eslint_finds_nothing_in_the_browser_scripts() -> None:
    assert len(SCRIPTS) >= 4
    modules = installed(f"eslint-{ESLINT.split('@')[1]}", ESLINT)
    result = subprocess.run(
        [require("node"), str(modules / "eslint" / "bin" / "eslint.js"), "--max-warnings=0", *SCRIPTS],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_core_exports_its_pipeline_without_mkdocs() -> None:
    """katalog.core's public names (its __all__) are what its table names, each importable, none of it
    pulling in MkDocs."""
    program = (
        "import sys, katalog.core as core\n"
        "assert sorted(core.__all__) == sorted(core._PUBLIC), 'one list of public names'\n"
        "assert all(getattr(core, name) is not None for name in core.__all__)\n"
        "assert not any(m == 'mkdocs' or m.startswith('mkdocs.') for m in sys.modules), 'the core imported MkDocs'\n"
    )
    result = subprocess.run([sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def imports_of_package(package: Path) -> dict[str, set[str]]:
    """module -> the package's modules it imports (at any level, TYPE_CHECKING blocks included)."""
    import ast

    graph: dict[str, set[str]] = {}
    for path in package.rglob("*.py"):
        module = ".".join(path.relative_to(package.parent).with_suffix("").parts).removesuffix(".__init__")
        home = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                parts = home.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1]) if node.level else ""
                target = f"{base}.{node.module}".strip(".") if node.module else base
                found.add(target)
                found.update(f"{target}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
        graph[module] = found
    return {
        module: {name for name in found if name in graph and name != module and not module.startswith(name + ".")}
        for module, found in graph.items()
    }


def test_no_module_of_the_package_imports_itself_back() -> None:
    """No import cycles: each stage can be read (and tested) without the ones that use it."""
    graph = imports_of_package(ROOT / "plugins" / "katalog")
    cycles = []
    for start in sorted(graph):
        pending = [(start, [start])]
        seen = {start}
        while pending:
            module, path = pending.pop()
            for imported in sorted(graph[module]):
                if imported == start:
                    cycles.append(" -> ".join([*path, start]))
                elif imported not in seen:
                    seen.add(imported)
                    pending.append((imported, [*path, imported]))
    assert cycles == []


MAX_MODULE_LINES = 300


def test_no_module_is_longer_than_a_reader_can_hold() -> None:
    """A module does one job: 300 lines at most, docstrings included (the browser scripts too)."""
    package = ROOT / "plugins" / "katalog"
    sources = [*package.rglob("*.py"), *package.rglob("*.js")]
    long = {
        str(path.relative_to(ROOT)): count
        for path in sources
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


STAGES = ["read", "config", "validate", "load", "link", "search"]  # the core's folders, in pipeline order
RUNNERS = {"katalog.core", "katalog.core.catalogue", "katalog.core.refresh"}  # run the stages in order


def test_each_stage_of_the_core_imports_only_the_stages_before_it() -> None:
    """A stage can be read (and tested) knowing only what comes before it; the modules beside the stages
    (problems, collector, entries, ...) are used by all of them and use none but read/."""

    def rank(module: str) -> int:
        parts = module.split(".")
        return STAGES.index(parts[2]) if len(parts) > 3 and parts[2] in STAGES else -1

    graph = imports_of_package(ROOT / "plugins" / "katalog")
    wrong = sorted(
        f"{module} -> {imported}"
        for module, found in graph.items()
        if module.startswith("katalog.core") and module not in RUNNERS
        for imported in found
        if imported.startswith("katalog.core.")
        and rank(imported) >= 0
        and (rank(imported) > rank(module) if rank(module) >= 0 else rank(imported) > 0)
    )
    assert wrong == []


def test_every_file_the_package_reads_is_in_its_package_data() -> None:
    """An installed (not editable) Katalog has every template, script and word list it reads."""
    import tomllib

    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"
    ]["katalog"]
    globs = [re.escape(pattern).replace(r"\*", "[^/]*") for pattern in patterns]  # setuptools: * stays in its folder
    package = ROOT / "plugins" / "katalog"
    missing = sorted(
        str(path.relative_to(package))
        for path in package.rglob("*")
        if path.is_file()
        and path.suffix not in (".py", ".pyc")
        and "__pycache__" not in path.parts
        and not any(re.fullmatch(glob, path.relative_to(package).as_posix()) for glob in globs)
    )
    assert missing == []
