"""Every shipped language is complete, compiled, and pages say which language and direction they are in."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

ROOT = Path(settings.BASE_DIR)
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
RTL = {"ar", "fa", "he", "ur"}


def po_entries(path):
    """(msgid, msgstrs, flags) for every entry but the header; a tiny reader, no library needed."""
    entries, current, key = [], None, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if current and current["msgid"]:
                entries.append(current)
            current, key = None, None
            continue
        current = current or {"msgid": "", "strs": {}, "flags": "", "obsolete": False}
        if line.startswith("#~"):
            current["obsolete"] = True
        elif line.startswith("#,"):
            current["flags"] += line
        elif line.startswith("msgid "):
            key, current["msgid"] = "msgid", _unquote(line[6:])
        elif line.startswith("msgid_plural "):
            key = "plural"
        elif line.startswith("msgstr"):
            key = line.split(" ", 1)[0]
            current["strs"][key] = _unquote(line.split(" ", 1)[1])
        elif line.startswith('"') and key:
            if key == "msgid":
                current["msgid"] += _unquote(line)
            elif key in current["strs"]:
                current["strs"][key] += _unquote(line)
    return entries


def _unquote(text):
    return text.strip()[1:-1]


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_string_is_translated_and_none_is_fuzzy(language):
    path = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"{language} is in LANGUAGES but has no translation file"
    entries = [e for e in po_entries(path) if not e["obsolete"]]
    assert len(entries) > 100
    untranslated = [e["msgid"] for e in entries if not all(e["strs"].values())]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert not untranslated, f"untranslated in {language}: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy in {language}: {fuzzy[:10]}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_translation_file_lists_every_string_of_the_code(language, tmp_path):
    """makemessages, run now on a copy of the project, finds nothing the shipped file lacks."""
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(
        ".venv", ".git", "private-media", "staticfiles", "node_modules", "tests", "*.mo"))
    code = ("import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'caregiver.settings'; "
            "os.environ['DEBUG'] = '1'; django.setup(); "
            "from django.core.management import call_command; "
            f"call_command('makemessages', locale=['{language}'], no_obsolete=True, verbosity=0)")
    subprocess.run([sys.executable, "-c", code], cwd=copy, check=True)
    po = "locale/%s/LC_MESSAGES/django.po" % language
    shipped = {e["msgid"] for e in po_entries(ROOT / po) if not e["obsolete"]}
    current = {e["msgid"] for e in po_entries(copy / po) if not e["obsolete"]}
    missing = sorted(current - shipped)
    assert not missing, f"strings in the code but not in locale/{language}: {missing[:10]}"


GETTEXT_CALLS = {"_", "gettext", "ngettext", "pgettext", "npgettext", "gettext_lazy", "ngettext_lazy",
                 "pgettext_lazy"}


def test_no_message_is_translated_inside_an_f_string():
    """makemessages (xgettext) does not read inside f-strings: a message translated there is
    dropped from the catalogue at the next run, and the page falls back to English."""
    import ast

    found = []
    for path in sorted((ROOT / "core").rglob("*.py")) + sorted((ROOT / "caregiver").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.JoinedStr):
                found += [f"{path.relative_to(ROOT)}:{call.lineno}" for call in ast.walk(node)
                          if isinstance(call, ast.Call) and getattr(call.func, "id", "") in GETTEXT_CALLS]
    assert not found, f"translate these before the f-string: {found}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_compiled_catalogue_is_current(language):
    po = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    assert mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime, "run compilemessages"


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
@pytest.mark.parametrize("name", ["accounts:login", "accounts:signup", "guidance:index", "offline"])
def test_pages_carry_lang_and_dir(language, name, client, db):
    client.cookies["django_language"] = language
    page = client.get(reverse(name)).content.decode()
    direction = "rtl" if language in RTL else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in page


@pytest.mark.parametrize("language", TRANSLATED)
def test_signed_in_pages_are_translated_not_english(language, circle, client_for):
    circle.owner.language = language
    circle.owner.save()
    client = client_for(circle.owner)
    for url in (reverse("patients:circle", args=[circle.patient.pk]), reverse("accounts:preferences"),
                reverse("reminders:today", args=[circle.patient.pk])):
        page = client.get(url).content.decode()
        title = re.search(r"<title>(.*?) · Tend</title>", page).group(1)
        with_english = client_for(circle.caregiver).get(url).content.decode()
        assert title not in re.search(r"<title>(.*?)</title>", with_english).group(1), url
        for english in ("Care circle", "Log out", "Language and settings", "Today"):
            assert f">{english}<" not in page, f"{english!r} untranslated on {url}"
