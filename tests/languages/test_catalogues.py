"""Every string of the public pages, the application, its errors and its emails is in
the catalogues, and every language the service ships has each one translated."""

import re
import shutil
import subprocess

import pytest
from django.conf import settings
from django.core.management import call_command

from languages.services import translations
from tests.conftest import ROOT

CATALOGUES = sorted((ROOT / "locale").glob("*/LC_MESSAGES/django.po"))


def messages(po):
    """The msgids of a catalogue, read with gettext's own msgattrib."""
    text = subprocess.run(
        ["msgattrib", "--no-wrap", "--no-location", str(po)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return set(re.findall(r'^msgid "(.*)"$', text, re.M)) - {""}


def test_there_is_a_catalogue_for_easy_read_and_each_translation():
    shipped = {po.parent.parent.name for po in CATALOGUES}
    assert shipped == {"easy_Read", *translations()}


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda po: po.parent.parent.name)
def test_every_message_is_translated_and_none_is_fuzzy(po):
    for flag in ["--untranslated", "--only-fuzzy"]:
        left = subprocess.run(
            ["msgattrib", flag, "--no-wrap", str(po)], check=True, capture_output=True, text=True
        ).stdout
        assert re.findall(r'^msgid "(.+)"$', left, re.M) == [], (po, flag)


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda po: po.parent.parent.name)
def test_placeholders_and_plurals_survive_translation(po):
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], check=True)


def test_the_catalogues_hold_every_string_the_code_marks(tmp_path):
    """`make messages` would change nothing: a string added to a public page, the
    application or its emails without being translated fails here."""
    copy = tmp_path / "project"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(".venv", "node_modules", ".git", "var", "static", "tests"),
        symlinks=True,
    )
    subprocess.run(
        ["bin/make-messages", str(ROOT / ".venv" / "bin" / "python")],
        cwd=copy,
        check=True,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "DEBUG": "1", "VAR_DIR": str(tmp_path / "var")},
    )
    for po in CATALOGUES:
        fresh = copy / po.relative_to(ROOT)
        assert messages(fresh) == messages(po), po


def test_languages_are_named_in_settings_once():
    assert [code for code, _name in settings.LANGUAGES][:2] == ["en-gb", "easy-read"]
    call_command("check")
