"""The layers run one way (DESIGN.md, "Domain and layers"): the import contract in
.importlinter holds, fails when a forbidden import is added, and no import hides inside a
function to dodge a cycle."""

import ast
import shutil
import subprocess
from pathlib import Path

from leadership.tests.helpers import BASE_DIR

APPS = ["leadership", "notices", "portrait", "programs", "opportunities", "pipeline", "api"]
LINT_IMPORTS = Path(shutil.which("lint-imports") or BASE_DIR / ".venv" / "bin" / "lint-imports")


def _lint_imports(root):
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(root / ".importlinter"), "--no-cache"],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _copy_of_the_code(tmp_path):
    for app in APPS:
        shutil.copytree(
            BASE_DIR / app,
            tmp_path / app,
            ignore=shutil.ignore_patterns("__pycache__", "*.html", "*.txt"),
        )
    shutil.copy(BASE_DIR / ".importlinter", tmp_path / ".importlinter")
    return tmp_path


def test_it_keeps_the_contract_on_the_code_as_it_is():
    result = _lint_imports(BASE_DIR)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_it_breaks_the_contract_when_a_lower_app_imports_a_higher_one(tmp_path):
    root = _copy_of_the_code(tmp_path)
    models = root / "notices" / "models.py"
    models.write_text(models.read_text() + "\nfrom programs.models import Program  # noqa\n")
    result = _lint_imports(root)
    assert result.returncode != 0
    assert "notices is not allowed to import programs" in result.stdout
    assert "notices.models -> programs.models" in result.stdout


def test_it_breaks_the_contract_for_an_import_inside_a_function(tmp_path):
    root = _copy_of_the_code(tmp_path)
    access = root / "leadership" / "access.py"
    access.write_text(
        access.read_text() + "\n\ndef sneaky():\n    from pipeline.models import Candidate\n"
    )
    result = _lint_imports(root)
    assert result.returncode != 0
    assert "leadership is not allowed to import pipeline" in result.stdout


def _imports_inside_functions(path):
    tree = ast.parse(path.read_text())
    found = []
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(function):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    module = node.module if isinstance(node, ast.ImportFrom) else None
                    names = [module] if module else [alias.name for alias in node.names]
                    if any(name.split(".")[0] in APPS for name in names):
                        found.append(f"{path.relative_to(BASE_DIR)}:{node.lineno}")
    return found


def test_no_import_of_our_apps_hides_inside_a_function():
    """Allowed: apps.py (registration in ready()), migrations, tests, management commands."""
    allowed = ("migrations", "tests", "management")
    found = []
    for app in APPS:
        for path in sorted((BASE_DIR / app).rglob("*.py")):
            parts = path.relative_to(BASE_DIR).parts
            if path.name == "apps.py" or any(part in allowed for part in parts):
                continue
            found += _imports_inside_functions(path)
    assert found == []
