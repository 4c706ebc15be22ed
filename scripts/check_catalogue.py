#!/usr/bin/env python
"""List untranslated or fuzzy entries of the Indonesian catalogue.

Usage::

    .venv/bin/python scripts/check_catalogue.py [path/to/messages.po ...]

Default path: translations/id/LC_MESSAGES/messages.po (relative to the
repository root).  Run it after `make messages` has merged new strings into
the catalogue.  Exits 1 when any entry is untranslated (empty msgstr, or any
empty plural form) or fuzzy, or when the catalogue header is fuzzy (such a
catalogue is skipped by `pybabel compile`), 0 otherwise.  Obsolete (#~)
entries are ignored: gettext never uses them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PO = ROOT / "translations" / "id" / "LC_MESSAGES" / "messages.po"


def _is_untranslated(message) -> bool:
    if isinstance(message.string, (tuple, list)):
        return not message.string or any(not s for s in message.string)
    return not message.string


def _fmt(message) -> str:
    msgid = message.id
    if isinstance(msgid, (tuple, list)):
        msgid = " | ".join(msgid)
    where = ", ".join(f"{fn}:{ln}" for fn, ln in message.locations[:2])
    ctx = f" [context {message.context!r}]" if message.context else ""
    return f"  {msgid!r}{ctx}" + (f"  ({where})" if where else "")


def check(path: Path) -> int:
    with path.open("rb") as fileobj:
        catalog = read_po(fileobj)

    untranslated, fuzzy = [], []
    for message in catalog:
        if not message.id:  # header entry
            continue
        if message.fuzzy:
            fuzzy.append(message)
        elif _is_untranslated(message):
            untranslated.append(message)

    total = sum(1 for m in catalog if m.id)
    print(f"{path}: {total} messages, {len(untranslated)} untranslated, "
          f"{len(fuzzy)} fuzzy")
    if catalog.fuzzy:
        print("  header is marked '#, fuzzy': remove the flag, otherwise "
              "`pybabel compile` skips the whole catalogue")
    if untranslated:
        print("Untranslated:")
        for message in untranslated:
            print(_fmt(message))
    if fuzzy:
        print("Fuzzy (check the suggestion, then remove the '#, fuzzy' flag):")
        for message in fuzzy:
            print(_fmt(message))
    return 1 if (untranslated or fuzzy or catalog.fuzzy) else 0


def main(argv: list[str]) -> int:
    paths = [Path(p) for p in argv] or [DEFAULT_PO]
    status = 0
    for path in paths:
        if not path.is_file():
            print(f"{path}: not found", file=sys.stderr)
            status = 1
            continue
        status |= check(path)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
