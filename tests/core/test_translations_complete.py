"""Every page reads in bokmål, nynorsk and English: catalogs are complete and compiled."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from tests.conftest import post_form

TRANSLATIONS = Path(__file__).resolve().parents[2] / "engage" / "translations"
LANGUAGES = ["nb", "nn", "en", "pl"]


def catalog(lang: str):
    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", "rb") as f:
        return read_po(f, locale=lang)


def _key(value):
    return tuple(value) if isinstance(value, list | tuple) else value


def template_ids() -> set:
    with open(TRANSLATIONS / "messages.pot", "rb") as f:
        return {m.id for m in read_po(f) if m.id}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_has_no_untranslated_or_fuzzy_entries(lang):
    cat = catalog(lang)
    problems = []
    for message in cat:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            problems.append(message.id)
    assert problems == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_covers_every_extracted_string(lang):
    ids = {m.id for m in catalog(lang) if m.id}
    assert template_ids() - ids == set()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_compiled_catalog_matches_the_source(lang):
    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.mo", "rb") as f:
        compiled = {_key(m.id): _key(m.string) for m in read_mo(f) if m.id}
    source = {_key(m.id): _key(m.string) for m in catalog(lang) if m.id}
    assert compiled == source


def test_extracted_template_is_up_to_date():
    """Every _() in code and templates is in messages.pot (run scripts/i18n after editing)."""
    from babel.messages.extract import extract_from_dir

    root = TRANSLATIONS.parents[1]
    method_map = [
        ("engage/**.py", "python"),
        ("templates/**.html", "jinja2"),
        ("templates/**.txt", "jinja2"),
    ]
    keywords = {"_": None, "gettext": None, "_l": None, "lazy_gettext": None, "ngettext": (1, 2)}
    found = set()
    for _file, _line, message, _comments, _ctx in extract_from_dir(
        str(root), method_map=method_map, keywords=keywords
    ):
        found.add(message)
    assert found - template_ids() == set()


@pytest.mark.parametrize(
    "lang,expected",
    [
        ("nb", "Logg inn som prosjektleder"),
        ("nn", "Logg inn som prosjektleiar"),
        ("en", "Log in as project leader"),
    ],
)
def test_language_switch_is_kept_in_the_session(client, lang, expected):
    response = post_form(client, "/language", {"lang": lang, "next": "/"})
    assert response.status_code == 302
    page = client.get("/").get_data(as_text=True)
    assert expected in page
    assert f'<html lang="{lang}">' in page


def test_bokmaal_is_the_default(client):
    assert "Logg inn som prosjektleder" in client.get("/").get_data(as_text=True)


def test_unknown_language_is_ignored(client):
    post_form(client, "/language", {"lang": "xx", "next": "/"})
    assert '<html lang="nb">' in client.get("/").get_data(as_text=True)
