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


def test_a_sqlite_console_never_loads_the_postgresql_dialect() -> None:
    """SQLAlchemy imports a dialect to check a table argument named after it (about 40 ms)."""
    code = (
        "import sys, models, console.auth, console.queue, screens.queue, screens.home; "
        "from sqlalchemy.orm import configure_mappers; configure_mappers(); "
        "print(' '.join(sorted(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    modules = set(result.stdout.split())
    assert "sqlalchemy.dialects.sqlite" in modules
    assert "sqlalchemy.dialects.postgresql" not in modules


def test_every_screens_css_is_read_when_the_console_starts() -> None:
    """A screen whose CSS file the app has not read makes Textual parse all of the console's
    CSS again the first time it is shown."""
    import importlib
    import pkgutil

    from textual.screen import Screen

    import screens
    from screens.app import SCREEN_STYLES, GuichetApp

    for module in pkgutil.walk_packages(screens.__path__, "screens."):
        importlib.import_module(module.name)
    pending = list(Screen.__subclasses__())
    files: set[str] = set()
    while pending:
        screen = pending.pop()
        pending.extend(screen.__subclasses__())
        if screen.__module__.startswith("screens.") and screen.CSS_PATH:
            assert isinstance(screen.CSS_PATH, str), screen
            files.add(screen.CSS_PATH)
    assert files
    assert files <= set(SCREEN_STYLES)
    assert ["app.tcss", *SCREEN_STYLES] == GuichetApp.CSS_PATH
