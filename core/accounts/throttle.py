"""What django-axes counts wrong passwords by (settings.AXES_*): the e-mail as the member
would type it in any case, so that "Ana@Example.org" and "ana@example.org " are one."""


def login_email(request, credentials):
    source = credentials if credentials is not None else request.POST
    return (source.get("username") or "").strip().casefold()


def locked_out(request, original_response=None, credentials=None):
    """The page after too many wrong passwords: in the member's language, with the way out
    (a new password by e-mail). 429 Too Many Requests."""
    from django.conf import settings
    from django.shortcuts import render

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"cooloff_minutes": minutes}, status=429)


def client_address(request):
    """The visitor's address. Behind our one reverse proxy (BEHIND_PROXY), the last address in
    X-Forwarded-For is the one the proxy saw; a visitor can only add addresses before it."""
    from django.conf import settings

    if settings.BEHIND_PROXY:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if forwarded[-1]:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR")
