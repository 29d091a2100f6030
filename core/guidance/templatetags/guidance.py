from django import template
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _

from .. import articles
from ..links import slug_for

register = template.Library()


@register.simple_tag
def guide_link(context, css_class="guide-link"):
    """A link to the article for this context, titled in the member's language; empty if none."""
    slug = slug_for(context)
    if not slug:
        return ""
    article, _translated = articles.get(slug, translation.get_language())
    if article is None:
        return ""
    return format_html('<a class="{}" href="{}">{} {}</a>', css_class,
                       reverse("guidance:article", kwargs={"slug": slug}), _("How to:"), article.title)
