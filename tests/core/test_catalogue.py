"""Issue 11: the French catalogue is complete and the compiled one is what the site reads.

Every message of locale/<language>/LC_MESSAGES/*.po is translated and none is fuzzy; the
committed .mo (which `make run` and `make test` use, with nothing but Python) holds exactly
the .po's translations; a translation keeps its message's placeholders and markup; and
the strings in the source today, as `make messages` extracts them, are all in the .po."""

import os
import re
import shutil
from collections import Counter
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

LOCALE = Path(settings.BASE_DIR) / "locale"
CATALOGUES = sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))
# As the Makefile's `messages` verb runs makemessages (GETTEXT_IGNORE).
NOT_SOURCE = {".venv", "node_modules", "staticfiles", "media", ".data", "locale", ".git"}
SOURCE_SUFFIXES = {".py", ".html", ".txt"}
# python-format (%(name)s, %s, %d), a literal %%, and str.format / format_html ({name}, {}).
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdifrx]|%[sdifrx]|%%|\{\w*\}")
TAG = re.compile(r"</?([a-zA-Z][\w-]*)")


def catalogue_id(path: Path) -> str:
    return str(path.relative_to(LOCALE))


def key(entry) -> tuple:
    return (entry.msgctxt, entry.msgid, entry.msgid_plural or None)


def live_entries(catalogue):
    return [entry for entry in catalogue if not entry.obsolete and entry.msgid]


def pairs(entry):
    """(what the source says, what the translation says) for each form of a message."""
    if entry.msgid_plural:
        for index, translation in sorted(entry.msgstr_plural.items()):
            yield (entry.msgid if index == 0 else entry.msgid_plural), translation
    else:
        yield entry.msgid, entry.msgstr


def test_there_is_a_french_catalogue():
    assert LOCALE / "fr" / "LC_MESSAGES" / "django.po" in CATALOGUES


@pytest.mark.parametrize("path", CATALOGUES, ids=catalogue_id)
def test_every_message_is_translated_and_none_is_fuzzy(path):
    catalogue = polib.pofile(str(path))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    # polib counts a plural message as translated when one form is; every form must be.
    partly = [
        entry.msgid
        for entry in live_entries(catalogue)
        if entry.msgid_plural and not all(entry.msgstr_plural.values())
    ]
    assert not untranslated, f"{len(untranslated)} untranslated: {untranslated[:30]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy (check, then remove the flag): {fuzzy[:30]}"
    assert not partly, f"plural forms missing: {partly[:30]}"
    assert catalogue.metadata.get("Plural-Forms", "").startswith("nplurals=2; plural=(n > 1)")


def translations(catalogue) -> dict:
    return {
        key(entry): (dict(sorted(entry.msgstr_plural.items())) or entry.msgstr)
        for entry in live_entries(catalogue)
        if entry.msgstr or any(entry.msgstr_plural.values())
    }


def compiled_differences(po_path: Path, mo_path: Path) -> tuple[list, list]:
    """(messages whose translation in the .mo is not the .po's, messages only the .mo has)."""
    source = translations(polib.pofile(str(po_path)))
    shipped = translations(polib.mofile(str(mo_path)))
    stale = sorted(str(k[1]) for k in source if source[k] != shipped.get(k))
    extra = sorted(str(k[1]) for k in shipped.keys() - source.keys())
    return stale, extra


def placeholder_problems(catalogue) -> list[str]:
    problems = []
    for entry in live_entries(catalogue):
        for original, translation in pairs(entry):
            if not translation:
                continue  # reported as untranslated
            for what, pattern in (("placeholders", PLACEHOLDER), ("tags", TAG)):
                expected = Counter(pattern.findall(original))
                found = Counter(pattern.findall(translation))
                # %-placeholders mean something only in a python-format message ("100%" is
                # text); braces are str.format's or format_html's in any message.
                if what == "placeholders" and "python-format" not in entry.flags:
                    expected = Counter(p for p in expected.elements() if p.startswith("{"))
                    found = Counter(p for p in found.elements() if p.startswith("{"))
                if expected != found:
                    problems.append(
                        f"{what}: {original!r} -> {translation!r}: "
                        f"{sorted(expected.elements())} vs {sorted(found.elements())}"
                    )
    return problems


@pytest.mark.parametrize("path", CATALOGUES, ids=catalogue_id)
def test_the_committed_mo_holds_exactly_the_po_translations(path):
    compiled = path.with_suffix(".mo")
    assert compiled.exists(), f"{compiled.name} is missing: run `make messages`"
    stale, extra = compiled_differences(path, compiled)
    assert not stale, f"{len(stale)} translations differ in {compiled.name}: {stale[:20]}"
    assert not extra, f"{compiled.name} has messages the .po no longer has: {extra[:20]}"


@pytest.mark.parametrize("path", CATALOGUES, ids=catalogue_id)
def test_translations_keep_their_placeholders_and_markup(path):
    """A translation that loses %(count)s or gains %(cuont)s breaks the page (KeyError) or
    says something else; one that drops or adds a tag breaks a link or an emphasis."""
    problems = placeholder_problems(polib.pofile(str(path)))
    assert not problems, "\n".join(problems)


def test_the_checks_see_a_stale_mo_and_a_broken_placeholder(tmp_path):
    catalogue = polib.POFile()
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    catalogue.append(polib.POEntry(msgid="Search", msgstr="Rechercher"))
    catalogue.append(
        polib.POEntry(
            msgid="%(count)s post",
            msgid_plural="%(count)s posts",
            msgstr_plural={0: "%(count)s billet", 1: "%(cuont)s billets"},
            flags=["python-format"],
        )
    )
    catalogue.append(polib.POEntry(msgid='Read <a href="{url}">more</a>', msgstr="Lire la suite"))
    po_path, mo_path = tmp_path / "django.po", tmp_path / "django.mo"
    catalogue.save(str(po_path))
    catalogue.save_as_mofile(str(mo_path))
    assert compiled_differences(po_path, mo_path) == ([], [])
    catalogue[0].msgstr = "Chercher"
    catalogue.save(str(po_path))
    assert compiled_differences(po_path, mo_path) == (["Search"], [])
    problems = placeholder_problems(catalogue)
    assert len(problems) == 3, problems
    assert "%(cuont)s" in problems[0] and "{url}" in problems[1] and "'a'" in problems[2]


def copy_of_the_source(target: Path) -> Path:
    """The project's .py, .html and .txt files (what makemessages reads), without the
    folders `make messages` leaves out and without the catalogue itself."""

    def left_out(folder, names):
        return {
            name
            for name in names
            if name in NOT_SOURCE
            or name.startswith(".")
            or name == "__pycache__"
            or (Path(folder, name).is_file() and Path(name).suffix not in SOURCE_SUFFIXES)
        }

    shutil.copytree(settings.BASE_DIR, target, ignore=left_out, symlinks=True)
    return target


def test_every_string_in_the_source_is_in_the_catalogue(tmp_path, monkeypatch):
    """`makemessages -l fr` on a copy of the source, into a temporary locale folder: the
    messages it extracts must all be in the committed django.po (run `make messages`,
    then translate the new ones)."""
    if shutil.which("xgettext") is None or shutil.which("msguniq") is None:
        if os.environ.get("CI"):
            pytest.fail("GNU gettext (xgettext) is needed in CI: apt-get install gettext")
        pytest.skip("GNU gettext (xgettext) is not installed")
    project = copy_of_the_source(tmp_path / "project")
    locale = project / "locale"
    locale.mkdir()
    monkeypatch.chdir(project)
    with override_settings(LOCALE_PATHS=[str(locale)]):
        call_command("makemessages", locale=["fr"], keep_pot=True, verbosity=0)
    extracted = {
        key(entry): entry for entry in live_entries(polib.pofile(str(locale / "django.pot")))
    }
    assert len(extracted) > 100, "makemessages found almost nothing: is the copy complete?"
    committed = {
        key(entry) for entry in live_entries(polib.pofile(str(LOCALE / "fr/LC_MESSAGES/django.po")))
    }
    missing = sorted(extracted.keys() - committed, key=str)

    def described(entry):
        places = ", ".join(f"{file}:{line}" for file, line in entry.occurrences[:2])
        return f"  {entry.msgid!r}  ({places})"

    assert not missing, (
        f"{len(missing)} messages are not in locale/fr/LC_MESSAGES/django.po (run `make "
        "messages` and translate them):\n" + "\n".join(described(extracted[k]) for k in missing)
    )
