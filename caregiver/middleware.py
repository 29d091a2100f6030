"""Site-wide middleware: each member's own language and time zone, security headers."""

import zoneinfo

from django.utils import timezone, translation


class MemberPreferencesMiddleware:
    """Activate the signed-in member's language and time zone for the request.

    LocaleMiddleware has already picked a language from the cookie or the
    browser; a member's saved choice overrides it so that every page, e-mail
    and date follows what *they* chose, whichever phone they use.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if user.language:
                translation.activate(user.language)
                request.LANGUAGE_CODE = translation.get_language()
            try:
                timezone.activate(zoneinfo.ZoneInfo(user.time_zone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """A strict Content-Security-Policy: everything comes from us, nothing else.

    The app makes no third-party requests; the policy makes sure a mistake
    (or injected markup) cannot make one either.
    """

    POLICY = (
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; "
        "script-src 'self'; connect-src 'self'; worker-src 'self'; "
        "manifest-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.POLICY)
        response.headers.setdefault("Permissions-Policy", "geolocation=(), camera=(self), microphone=()")
        return response
