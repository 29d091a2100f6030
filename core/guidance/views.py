"""Guidance pages. Public on purpose: the red flags must open for anyone, at any
time, even before logging in; nothing here is about a patient."""

from django.http import Http404
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from . import articles


def _language():
    return translation.get_language() or articles.FALLBACK_LANGUAGE


@require_GET
def index(request):
    language = _language()
    query = request.GET.get("q", "").strip()[:100]
    return render(request, "guidance/index.html", {
        "groups": articles.by_topic(language),
        "query": query,
        "results": articles.search(query, language) if query else None,
    })


@require_GET
@cache_control(private=True, max_age=0)
def article(request, slug):
    language = _language()
    found, translated = articles.get(slug, language)
    if found is None:
        raise Http404
    return render(request, "guidance/article.html", {
        "article": found, "translated": translated,
        "is_red_flags": slug == articles.RED_FLAGS,
    })


def red_flags(request):
    return article(request, articles.RED_FLAGS)
