"""Small tags for the frame around every page."""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

# Inline SVG icons (no icon font, no request): one dictionary lookup instead of an
# include with a chain of comparisons, since the frame draws several on every page.
_PATHS = {
    "today": "M7 2v3M17 2v3M3 9h18M5 5h14a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2zm3 9 3 3 5-5",
    "log": "M12 5v14M5 12h14",
    "progress": "M3 20h18M6 16l4-5 4 3 5-7",
    "guidance": "M4 5a2 2 0 0 1 2-2h13v16H6a2 2 0 0 0-2 2zm0 0v16M8 7h7",
    "alert": "M12 3 2 20h20zM12 10v4m0 3v.5",
    "user": "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-8 9a8 8 0 0 1 16 0",
    "people": "M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zM2 20a7 7 0 0 1 14 0m1-9a3 3 0 1 0-1-5.8M22 20a6 6 0 0 0-5-5.9",
}
_ICONS = {name: mark_safe('<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">'
                          f'<path d="{path}"/></svg>') for name, path in _PATHS.items()}


@register.simple_tag
def icon(name):
    return _ICONS.get(name, "")
