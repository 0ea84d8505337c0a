"""The entry path stays light: no store, keyring, Babel or hashing before the first frame."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("sqlmodel", "sqlalchemy", "alembic", "keyring", "babel", "argon2", "models")


def _imported_by(statement: str) -> set[str]:
    code = (
        f"import sys; {statement}; "
        "print(' '.join(sorted({name.split('.')[0] for name in sys.modules})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


def test_importing_the_app_imports_no_heavy_package() -> None:
    assert _imported_by("import screens.app") & set(HEAVY) == set()


def test_the_cli_path_to_the_console_imports_no_heavy_package() -> None:
    imported = _imported_by(
        "import console.cli, console.settings; from screens.app import run_console"
    )
    assert imported & set(HEAVY) == set()
