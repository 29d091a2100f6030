"""Guidance articles: Markdown files per language in ``content/<language>/<slug>.md``.

Each file starts with a small front matter (``key: value`` lines between ``---``
lines; ``source: Title | URL`` may repeat). Articles are read once per process:
they ship with the code and change only with a deploy.
"""

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import markdown
import nh3
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

CONTENT_DIR = Path(__file__).resolve().parent / "content"
FALLBACK_LANGUAGE = "en"
RED_FLAGS = "red-flags"

TOPICS = {
    "understanding": _("Understanding muscle loss"),
    "movement": _("Passive movement"),
    "positioning": _("Repositioning"),
    "skin": _("Skin and pressure sores"),
    "nutrition": _("Eating and swallowing"),
    "safety": _("When to call"),
    "family": _("Looking after yourself"),
    "faq": _("Questions"),
}

REQUIRED_KEYS = ("title", "summary", "topic", "order", "reviewed")
ALLOWED_TAGS = {"h2", "h3", "h4", "p", "ul", "ol", "li", "strong", "em", "a", "img", "figure",
                "figcaption", "blockquote", "br", "hr"}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "img": {"src", "alt", "width", "height", "loading"}}


class ArticleError(ValueError):
    pass


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class Article:
    slug: str
    language: str
    title: str
    summary: str
    topic: str
    order: int
    reviewed: date
    keywords: str
    sources: tuple
    body: str
    images: tuple = field(default=())

    @property
    def topic_label(self):
        return TOPICS.get(self.topic, self.topic)

    @property
    def html(self):
        return render_body(self.body)


def parse(text, slug, language):
    match = re.match(r"\A---\n(.*?)\n---\n(.*)\Z", text, re.S)
    if not match:
        raise ArticleError(f"{language}/{slug}: missing front matter")
    meta, sources = {}, []
    for line in match.group(1).splitlines():
        if not line.strip():
            continue
        key, sep, value = line.partition(":")
        if not sep:
            raise ArticleError(f"{language}/{slug}: bad front matter line {line!r}")
        key, value = key.strip(), value.strip()
        if key == "source":
            title, bar, url = value.rpartition("|")
            if not bar or not url.strip().startswith(("https://", "http://")):
                raise ArticleError(f"{language}/{slug}: a source needs 'Title | URL'")
            sources.append(Source(title.strip(), url.strip()))
        else:
            meta[key] = value
    missing = [key for key in REQUIRED_KEYS if not meta.get(key)]
    if missing:
        raise ArticleError(f"{language}/{slug}: missing {', '.join(missing)}")
    if meta["topic"] not in TOPICS:
        raise ArticleError(f"{language}/{slug}: unknown topic {meta['topic']!r}")
    body = match.group(2).strip()
    return Article(
        slug=slug, language=language, title=meta["title"], summary=meta["summary"],
        topic=meta["topic"], order=int(meta["order"]), reviewed=date.fromisoformat(meta["reviewed"]),
        keywords=meta.get("keywords", ""), sources=tuple(sources), body=body,
        images=tuple(re.findall(r"!\[([^\]]*)\]\(img:([\w.-]+)\)", body)),
    )


def _link(match):
    slug = match.group(1)
    return f"]({reverse('guidance:article', kwargs={'slug': slug})})"


def _image(match):
    alt, name = match.group(1), match.group(2)
    return f"![{alt}]({static('guidance/img/' + name)})"


@functools.lru_cache(maxsize=256)
def render_body(body):
    body = re.sub(r"!\[([^\]]*)\]\(img:([\w.-]+)\)", _image, body)
    body = re.sub(r"\]\(article:([\w-]+)\)", _link, body)
    html = markdown.markdown(body, output_format="html")
    # Our own files, but sanitised all the same: nothing can add a script or a third-party request.
    html = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes={"https", "http"}, link_rel="noopener noreferrer")
    return html.replace("<img ", '<img loading="lazy" ')


@functools.lru_cache(maxsize=None)
def _library(language):
    folder = CONTENT_DIR / language
    if not folder.is_dir():
        return {}
    return {path.stem: parse(path.read_text(encoding="utf-8"), path.stem, language)
            for path in sorted(folder.glob("*.md"))}


def slugs():
    return list(_library(FALLBACK_LANGUAGE))


def shipped_languages():
    return [code for code, _name in settings.LANGUAGES]


def get(slug, language):
    """(article, translated): the member's language if it exists, else English."""
    article = _library(language).get(slug)
    if article:
        return article, True
    article = _library(FALLBACK_LANGUAGE).get(slug)
    if article is None:
        return None, False
    return article, language == FALLBACK_LANGUAGE


def all_articles(language):
    articles = [get(slug, language)[0] for slug in slugs()]
    return sorted(articles, key=lambda a: (list(TOPICS).index(a.topic), a.order))


def by_topic(language):
    grouped = {}
    for article in all_articles(language):
        grouped.setdefault(article.topic, []).append(article)
    return [(TOPICS[topic], items) for topic, items in grouped.items()]


# --- search -----------------------------------------------------------------

_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")  # harakat, dagger alef, tatweel
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})


def normalise(text):
    """Fold case, accents and Arabic spelling variants so that a search finds
    'músculo' with 'musculo' and 'العضلات' with or without vowel marks."""
    text = _ARABIC_MARKS.sub("", text.casefold()).translate(_ARABIC_LETTERS)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch) or "\u0600" <= ch <= "\u06ff")


def _words(text):
    return re.findall(r"\w+", normalise(text))


@functools.lru_cache(maxsize=None)
def _index(language):
    index = []
    for article in all_articles(language):
        heading = set(_words(f"{article.title} {article.keywords} {article.summary}"))
        body = set(_words(article.body))
        index.append((article, heading, body))
    return index


def search(query, language):
    terms = [t for t in _words(query) if len(t) > 1]
    if not terms:
        return []
    results = []
    for article, heading, body in _index(language):
        score = 0
        for term in terms:
            if any(word.startswith(term) for word in heading):
                score += 3
            elif any(word.startswith(term) for word in body):
                score += 1
            else:
                score = 0
                break  # every word must be found somewhere
        if score:
            results.append((score, article))
    results.sort(key=lambda pair: (-pair[0], pair[1].order))
    return [article for _score, article in results]
