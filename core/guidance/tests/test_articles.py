"""Guidance content: complete in every shipped language, cited, illustrated with alt text, searchable."""

import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from core.guidance import articles
from core.guidance.links import IN_CONTEXT

LANGUAGES = [code for code, _name in settings.LANGUAGES]
SLUGS = articles.slugs()
REQUIRED = {"what-is-atrophy", "preventing-atrophy", "reversing-atrophy", "passive-movement-basics",
            "prom-neck", "prom-shoulder", "prom-elbow-forearm", "prom-wrist", "prom-fingers-thumb",
            "prom-hip-knee", "prom-ankle-foot", "repositioning", "checking-skin", "nutrition-swallowing",
            "red-flags", "caring-for-the-carer", "faq"}


def test_every_topic_of_the_brief_has_an_article():
    assert REQUIRED <= set(SLUGS)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_article_exists_in_every_shipped_language(language):
    """Adding a language to settings.LANGUAGES fails here until its articles are written."""
    library = articles._library(language)
    missing = sorted(set(SLUGS) - set(library))
    assert not missing, f"{language} lacks {missing}"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", SLUGS)
def test_each_article_is_cited_dated_and_illustrated_with_alt_text(language, slug):
    article = articles._library(language)[slug]
    english = articles._library("en")[slug]
    assert article.sources and all(s.url.startswith("https://") or s.url.startswith("http://")
                                   for s in article.sources)
    assert {s.url for s in article.sources} == {s.url for s in english.sources}
    assert article.reviewed == english.reviewed
    assert sorted(name for _alt, name in article.images) == sorted(name for _alt, name in english.images)
    for alt, name in article.images:
        assert len(alt.strip()) > 15, f"{language}/{slug}: alt text for {name} is missing or too short"
        assert finders.find(f"guidance/img/{name}"), name
    assert "<script" not in article.html and "<table" not in article.html
    for target in re.findall(r"\]\(article:([\w-]+)\)", article.body):
        assert target in SLUGS, f"{language}/{slug} links to unknown article {target}"


def test_passive_movement_pages_have_one_picture_per_movement():
    for slug in [s for s in SLUGS if s.startswith("prom-")]:
        assert len(articles._library("en")[slug].images) >= 2, slug


def test_markdown_is_sanitised():
    article = articles.parse("---\ntitle: T\nsummary: S\ntopic: faq\norder: 1\nreviewed: 2026-01-01\n"
                             "source: A | https://example.org\n---\n"
                             "Hi <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>",
                             "t", "en")
    html = article.html
    assert "<script" not in html and "javascript:" not in html and "onerror" not in html


@pytest.mark.parametrize("bad", [
    "no front matter at all",
    "---\ntitle: T\n---\nbody",
    "---\ntitle: T\nsummary: S\ntopic: astrology\norder: 1\nreviewed: 2026-01-01\n---\nbody",
    "---\ntitle: T\nsummary: S\ntopic: faq\norder: 1\nreviewed: 2026-01-01\nsource: no url here\n---\nb",
])
def test_malformed_article_files_are_refused_loudly(bad):
    with pytest.raises(articles.ArticleError):
        articles.parse(bad, "x", "en")


@pytest.mark.parametrize("language,query,expected", [
    ("es", "escaras", "checking-skin"),
    ("es", "musculo", "what-is-atrophy"),       # without the accent of "músculo"
    ("es", "trombosis", "red-flags"),
    ("ar", "جلطة", "red-flags"),
    ("ar", "ضمور", "what-is-atrophy"),
    ("ar", "قرح الفراش", "checking-skin"),
    ("en", "heels", "repositioning"),
])
def test_search_finds_articles_by_words_in_the_members_language(language, query, expected):
    found = [a.slug for a in articles.search(query, language)]
    assert expected in found[:3], found


def test_search_with_nothing_useful_finds_nothing():
    assert articles.search("zzzzqqq", "en") == []
    assert articles.search("  ", "en") == []


def test_the_search_page_in_spanish(client, db):
    client.cookies["django_language"] = "es"
    page = client.get(reverse("guidance:index"), {"q": "escaras"}).content.decode()
    assert reverse("guidance:article", args=["checking-skin"]) in page


def test_a_missing_translation_shows_english_with_a_note(client, db, monkeypatch):
    original = articles._library
    library = dict(original("es"))
    library.pop("faq")
    monkeypatch.setattr(articles, "_library", lambda lang: library if lang == "es" else original(lang))
    client.cookies["django_language"] = "es"
    page = client.get(reverse("guidance:article", args=["faq"])).content.decode()
    assert '<article class="article" lang="en">' in page
    assert "data-untranslated" in page


def test_article_pages_show_sources_review_date_and_the_clinician_reminder(client, db):
    page = client.get(reverse("guidance:article", args=["repositioning"])).content.decode()
    assert "Sources" in page and "Last reviewed" in page
    assert "does not replace a doctor" in page


def test_unknown_articles_are_not_found(client, db):
    assert client.get(reverse("guidance:article", args=["no-such-thing"])).status_code == 404


@pytest.mark.parametrize("context,slug", sorted(IN_CONTEXT.items()))
def test_every_in_context_link_points_at_an_existing_article(context, slug):
    assert slug in SLUGS, context


def test_the_red_flags_are_one_tap_away_on_every_page(circle, client_for):
    client = client_for(circle.caregiver)
    red_flags = f'href="{reverse("guidance:red_flags")}"'
    for url in (reverse("reminders:today", args=[circle.patient.pk]), reverse("patients:list"),
                reverse("accounts:preferences"), reverse("guidance:index")):
        assert red_flags in client.get(url).content.decode(), url
    assert red_flags in client_for(None).get(reverse("accounts:login")).content.decode()


def test_today_links_each_reminder_to_its_guide(circle, client_for):
    from core.reminders.models import Schedule

    Schedule.objects.create(patient=circle.patient, kind="repositioning", interval_minutes=120)
    Schedule.objects.create(patient=circle.patient, kind="skin_check", recurrence="times",
                            times_of_day=["00:00", "06:00", "12:00", "18:00"])
    page = client_for(circle.caregiver).get(reverse("reminders:today", args=[circle.patient.pk])).content.decode()
    assert reverse("guidance:article", args=["repositioning"]) in page


def test_the_turning_plan_form_links_to_the_repositioning_guide(circle, client_for):
    page = client_for(circle.owner).get(reverse("reminders:new", args=[circle.patient.pk]) + "?kind=repositioning")
    assert reverse("guidance:article", args=["repositioning"]) in page.content.decode()
