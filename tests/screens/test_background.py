"""Every thread worker of the console goes through `screens.background`, so none can fail unseen."""

from __future__ import annotations

import re
from pathlib import Path

import screens

SCREENS = Path(screens.__file__).parent


def test_no_screen_starts_a_worker_of_its_own() -> None:
    bare = [
        f"{path.relative_to(SCREENS)}:{number}"
        for path in sorted(SCREENS.rglob("*.py"))
        if path.name != "background.py"
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if re.search(r"@work\b|\brun_worker\(", line)
    ]
    assert bare == [], "use screens.background.background, whose errors reach the agent"
