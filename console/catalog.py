"""Keeps `locales/guichet.pot` in step with the code: `check` fails when it is stale.

`python -m console.catalog update` re-extracts the template (and updates the .po catalogs);
`python -m console.catalog check` says which messages differ; `compile` builds the .mo files.
"""

from __future__ import annotations

import sys
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "locales" / "guichet.pot"
KEYWORDS = {"_": None, "N_": None, "gettext_": None, "lazy_gettext": None, "ngettext": (1, 2)}
METHOD_MAP = [("console/**.py", "python"), ("screens/**.py", "python"), ("models/**.py", "python")]


def extract() -> Catalog:
    """Every translatable message in the code, with where it stands."""
    catalog = Catalog(project="Guichet", charset="utf-8", fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT), METHOD_MAP, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def _ids(catalog: Catalog) -> set[object]:
    return {message.id for message in catalog if message.id}


def write_template(catalog: Catalog) -> None:
    """Write the template without line numbers, so unrelated edits do not churn it."""
    buffer = BytesIO()
    write_po(buffer, catalog, omit_header=False, include_lineno=False, sort_output=True)
    lines = [
        line
        for line in buffer.getvalue().decode().splitlines()
        if not line.startswith('"POT-Creation-Date') and not line.startswith('"PO-Revision-Date')
    ]
    TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
    TEMPLATE.write_text("\n".join(lines) + "\n", encoding="utf-8")


def check() -> int:
    """0 when the template holds exactly the code's messages, else 1 with the difference."""
    fresh = _ids(extract())
    if not TEMPLATE.exists():
        print(f"{TEMPLATE.relative_to(ROOT)} is missing: run `make catalog-update`.")
        return 1
    with TEMPLATE.open("rb") as handle:
        stored = _ids(read_po(handle))
    missing, stale = fresh - stored, stored - fresh
    if not missing and not stale:
        print(f"catalog: {len(fresh)} messages, template up to date")
        return 0
    for message in sorted(map(str, missing)):
        print(f"not in the template: {message!r}")
    for message in sorted(map(str, stale)):
        print(f"in the template but no longer in the code: {message!r}")
    print("Run `make catalog-update` and commit locales/guichet.pot.")
    return 1


def update() -> int:
    """Re-extract the template and merge it into every existing .po catalog."""
    catalog = extract()
    write_template(catalog)
    for po_path in sorted((ROOT / "locales").glob("*/LC_MESSAGES/guichet.po")):
        with po_path.open("rb") as handle:
            translated = read_po(handle)
        translated.update(catalog)
        with po_path.open("wb") as handle:
            write_po(handle, translated, include_lineno=False, sort_output=True)
    print(f"catalog: {len(_ids(catalog))} messages written to {TEMPLATE.relative_to(ROOT)}")
    return 0


def compile_catalogs() -> int:
    """Build the .mo file beside every .po catalog."""
    from babel.messages.mofile import write_mo

    for po_path in sorted((ROOT / "locales").glob("*/LC_MESSAGES/guichet.po")):
        with po_path.open("rb") as handle:
            catalog = read_po(handle)
        with po_path.with_suffix(".mo").open("wb") as handle:
            write_mo(handle, catalog)
    return 0


def main(argv: list[str] | None = None) -> int:
    """`check`, `update` or `compile`."""
    args = sys.argv[1:] if argv is None else argv
    actions = {"check": check, "update": update, "compile": compile_catalogs}
    if len(args) != 1 or args[0] not in actions:
        print("usage: python -m console.catalog check|update|compile", file=sys.stderr)
        return 2
    return actions[args[0]]()


if __name__ == "__main__":
    sys.exit(main())
