"""Checks for the Indonesian catalogue (translations/id/LC_MESSAGES/messages.po).

Flask-AppBuilder ships no Indonesian catalogue, so ours must carry a
translation for every FAB msgid (FAB's BabelManager sets
BABEL_TRANSLATION_DIRECTORIES to "<fab translations>;<ours>" and Flask-Babel
merges the catalogues of all directories).

The FAB msgids are extracted at test time from the *installed*
flask_appbuilder package, with our babel.cfg and the same keywords as
`make messages`, so upgrading FAB makes this test list the new strings.
Our own msgids (app/**.py and app/templates/**.html) are extracted the same
way, so a new string that is not yet in the catalogue, or still untranslated
or fuzzy there, fails the suite instead of showing up in English.

No Flask application is needed.
"""

from __future__ import annotations

import ast
import importlib.util
import re
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_keywords, parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

ROOT = Path(__file__).resolve().parent.parent
PO_PATH = ROOT / "translations" / "id" / "LC_MESSAGES" / "messages.po"
BABEL_CFG = ROOT / "babel.cfg"
APP_DIR = ROOT / "app"
MAKEFILE = ROOT / "Makefile"

# Keep in sync with the -k options of `make messages`.
EXTRA_KEYWORDS = {
    "lazy_gettext": None,
    "lazy_formatter_gettext": (1,),  # flask_appbuilder.utils.base
    "__": None,  # flask_appbuilder/menu.py: gettext as __
    "_l": None,
    "lazy_ngettext": (1, 2),
    "lazy_pgettext": ((1, "c"), 2),
}

# printf-style (%(name)s, %s, %d, %%) and str.format-style ({0}, {name}) tokens
PLACEHOLDER_RE = re.compile(
    r"%\([^)]+\)[#0 +\-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]"
    r"|%[#0 +\-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]"
    r"|\{[^{}\s]*\}"
)

KEY_STRINGS = {
    "Login": "Masuk",
    "Logout": "Keluar",
    "Search": "Cari",
    "Username": "Nama Pengguna",
    "Password": "Kata Sandi",
    "List Users": "Daftar Pengguna",
    "Security": "Keamanan",
    "Save": "Simpan",
    "Add": "Tambah",
    "Edit": "Ubah",
    "Delete": "Hapus",
    "Back": "Kembali",
    "Register": "Daftar Akun",
    "Reset Password": "Atur Ulang Kata Sandi",
    "Your user information": "Informasi pengguna Anda",
    "Are you sure you want to delete this item?": "Yakin ingin menghapus data ini?",
}


def _placeholders(text: str) -> Counter:
    return Counter(PLACEHOLDER_RE.findall(text))


def _strings(message) -> tuple:
    if isinstance(message.string, (tuple, list)):
        return tuple(message.string)
    return (message.string,)


def _key(message):
    return (message.id, message.context)


@pytest.fixture(scope="module")
def catalog():
    with PO_PATH.open("rb") as fileobj:
        return read_po(fileobj)


def _extract(directory) -> dict:
    """(msgid, context) -> set of "file:line", like `make messages` extracts them."""
    with BABEL_CFG.open(encoding="utf-8") as fileobj:
        method_map, options_map = parse_mapping_cfg(fileobj, filename=str(BABEL_CFG))
    keywords = {**DEFAULT_KEYWORDS, **EXTRA_KEYWORDS}
    found: dict = {}
    for filename, lineno, msgid, _comments, context in extract_from_dir(
        str(directory), method_map, options_map, keywords=keywords
    ):
        found.setdefault((msgid, context), set()).add(f"{filename}:{lineno}")
    return found


@pytest.fixture(scope="module")
def fab_messages():
    """msgid -> set of FAB source locations, from the installed package."""
    spec = importlib.util.find_spec("flask_appbuilder")
    assert spec and spec.submodule_search_locations, "flask_appbuilder not installed"
    found = _extract(spec.submodule_search_locations[0])
    assert len(found) > 100, "extraction of FAB msgids looks broken"
    return found


@pytest.fixture(scope="module")
def app_messages():
    """msgid -> set of source locations, from app/ (Python and Jinja templates)."""
    found = _extract(APP_DIR)
    assert len(found) > 300, "extraction of the app's msgids looks broken"
    assert any(
        location.startswith("templates/") for locations in found.values() for location in locations
    ), "no msgid extracted from app/templates: check babel.cfg"
    return found


@pytest.fixture(scope="module")
def translations(catalog, tmp_path_factory):
    """The catalogue compiled with babel's write_mo, loaded like Flask-Babel does."""
    directory = tmp_path_factory.mktemp("translations")
    mo_dir = directory / "id" / "LC_MESSAGES"
    mo_dir.mkdir(parents=True)
    with (mo_dir / "messages.mo").open("wb") as fileobj:
        write_mo(fileobj, catalog)  # use_fuzzy=False, like `pybabel compile`
    loaded = Translations.load(str(directory), ["id"], "messages")
    assert isinstance(loaded, Translations), "compiled catalogue not found"
    return loaded


def test_header(catalog):
    assert str(catalog.locale) == "id"
    assert catalog.charset.lower() == "utf-8"
    assert catalog.num_plurals == 1
    assert catalog.plural_expr == "0"
    assert not catalog.fuzzy, "fuzzy header: pybabel compile would skip the catalogue"


def test_every_fab_msgid_is_in_catalogue(catalog, fab_messages):
    ours = {_key(m) for m in catalog if m.id}
    missing = sorted(
        (k for k in fab_messages if k not in ours), key=lambda k: str(k[0])
    )
    assert not missing, "FAB msgids missing, run `make messages`:\n" + "\n".join(
        f"  {msgid!r} ({', '.join(sorted(fab_messages[(msgid, ctx)]))})"
        for msgid, ctx in missing
    )


def test_fab_msgids_translated_and_not_fuzzy(catalog, fab_messages):
    problems = []
    for key in fab_messages:
        message = catalog.get(*key) if key[1] else catalog.get(key[0])
        if message is None:
            continue  # reported by test_every_fab_msgid_is_in_catalogue
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        if not all(s and s.strip() for s in _strings(message)):
            problems.append(f"empty: {message.id!r}")
    assert not problems, "\n".join(sorted(problems))


def test_keywords_match_makefile():
    """EXTRA_KEYWORDS above must be the -k options of `make messages`."""
    line = next(
        (text for text in MAKEFILE.read_text(encoding="utf-8").splitlines() if text.startswith("KEYWORDS")),
        None,
    )
    assert line, "KEYWORDS := ... not found in the Makefile"
    specs = re.findall(r"-k\s+(\S+)", line.split("=", 1)[1])
    assert parse_keywords(specs) == EXTRA_KEYWORDS


def test_every_app_msgid_translated(catalog, app_messages):
    """Every string of app/ is in the catalogue, translated and not fuzzy.

    On failure: run `make messages`, translate what scripts/check_catalogue.py
    lists, then `pybabel compile -d translations`.
    """
    problems = []
    for (msgid, context), locations in sorted(app_messages.items(), key=lambda kv: str(kv[0])):
        message = catalog.get(msgid, context)
        where = ", ".join(sorted(locations)[:3])
        if message is None:
            problems.append(f"missing:      {msgid!r} ({where})")
        elif message.fuzzy:
            problems.append(f"fuzzy:        {msgid!r} ({where})")
        elif not all(s and s.strip() for s in _strings(message)):
            problems.append(f"untranslated: {msgid!r} ({where})")
    assert not problems, (
        f"{len(problems)} app msgid(s) would show in English; run `make messages` "
        "and translate them:\n" + "\n".join(problems)
    )


GETTEXT_NAMES = {"_", "_l", "__", "gettext", "ngettext", "pgettext", "lazy_gettext",
                 "lazy_ngettext", "lazy_pgettext", "lazy_formatter_gettext"}


def test_no_gettext_call_inside_fstring():
    """pybabel (Python < 3.12) cannot see a _() inside an f-string: its msgid never reaches
    the catalogue and the text stays English. Call _() outside, then format."""
    problems = []
    for path in sorted(APP_DIR.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.JoinedStr):
                continue
            for inner in ast.walk(node):
                if (isinstance(inner, ast.Call) and isinstance(inner.func, ast.Name)
                        and inner.func.id in GETTEXT_NAMES):
                    problems.append(f"{path.relative_to(ROOT)}:{inner.lineno}: {inner.func.id}() in an f-string")
    assert not problems, "\n".join(problems)


def test_placeholders_preserved(catalog):
    problems = []
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, (tuple, list)):
            # nplurals=1: the single form is used for every n, so it must carry
            # the placeholders of the plural msgid.
            expected = _placeholders(message.id[1])
            if len(_strings(message)) != 1:
                problems.append(f"{message.id!r}: expected exactly 1 plural form")
        else:
            expected = _placeholders(message.id)
        for translated in _strings(message):
            if translated and _placeholders(translated) != expected:
                problems.append(
                    f"{message.id!r} -> {translated!r}: "
                    f"{sorted(expected.elements())} != "
                    f"{sorted(_placeholders(translated).elements())}"
                )
    assert not problems, "\n".join(problems)


def test_surrounding_whitespace_preserved(catalog):
    # e.g. "Sign In with " is followed by the provider name in the template
    problems = []
    for message in catalog:
        if not message.id or isinstance(message.id, (tuple, list)):
            continue
        for translated in _strings(message):
            if not translated:
                continue
            if (message.id[:1].isspace(), message.id[-1:].isspace()) != (
                translated[:1].isspace(),
                translated[-1:].isspace(),
            ):
                problems.append(f"{message.id!r} -> {translated!r}")
    assert not problems, "\n".join(problems)


def test_babel_checkers_pass(catalog):
    errors = [
        f"{message.id!r}: {'; '.join(str(e) for e in errs)}"
        for message, errs in catalog.check()
    ]
    assert not errors, "\n".join(errors)


def test_compiled_catalogue_covers_fab(translations, fab_messages):
    compiled = translations._catalog  # gettext.GNUTranslations internals
    missing = [
        msgid
        for msgid, ctx in fab_messages
        if ctx is None and isinstance(msgid, str) and msgid not in compiled
    ]
    assert not missing, f"not in the compiled .mo: {sorted(missing)}"


@pytest.mark.parametrize("msgid,expected", sorted(KEY_STRINGS.items()))
def test_key_strings(translations, msgid, expected):
    assert translations.gettext(msgid) == expected
