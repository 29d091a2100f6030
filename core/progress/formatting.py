"""Localized numbers and dates for the charts and tables, memoized per language.

A year's table formats hundreds of numbers and dates per page; each is a pure function of
(value, language), so it is computed once per process and language, not per row and
request. The formatting itself is Django's (formats.number_format / formats.date_format),
called while the member's language is active.
"""

from django.utils import formats, translation
from django.utils.translation import gettext

_CACHES = {}
_MAX_ENTRIES = 20000  # per language and kind: plenty for a page, bounded for the process


def _cache(language, kind):
    cache = _CACHES.setdefault((language, kind), {})
    if len(cache) > _MAX_ENTRIES:
        cache.clear()
    return cache


class Localized:
    """Formatting in the language active when it is created (the member's, in a request)."""

    def __init__(self):
        self.language = translation.get_language()
        self._numbers = _cache(self.language, "number")
        self._dates = _cache(self.language, "date")
        self._percent = gettext("%(value)s%%")

    def number(self, value, decimals=0):
        """'72.5' / '72,5': the member's decimal separator."""
        key = (round(float(value), decimals), decimals)
        try:
            return self._numbers[key]
        except KeyError:
            text = self._numbers[key] = formats.number_format(key[0], decimal_pos=decimals)
            return text

    def percent(self, value, decimals=0):
        return self._percent % {"value": self.number(value, decimals)}

    def day(self, value, format_name="DATE_FORMAT"):
        """A date already in the patient's zone (or a local datetime)."""
        key = (value, format_name)
        try:
            return self._dates[key]
        except KeyError:
            text = self._dates[key] = formats.date_format(value, format_name)
            return text

    def short_day(self, value):
        return self.day(value, "SHORT_DATE_FORMAT")
