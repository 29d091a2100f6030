"""Password guessing: after too many wrong passwords, that e-mail from that address waits."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import PASSWORD, make_user

LOGIN = reverse("accounts:login")


def attempt(client, email="ana@example.org", password="wrong password", address="203.0.113.5"):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=address)


@pytest.fixture
def ana(db):
    return make_user("ana@example.org", "Ana", language="es")


def fail(client, times, **kwargs):
    for index in range(times):
        # The form again, with its message; the pause page from the limit on.
        expected = 200 if index + 1 < settings.AXES_FAILURE_LIMIT else 429
        assert attempt(client, **kwargs).status_code == expected


def test_after_the_limit_even_the_right_password_waits(ana):
    client = Client()
    fail(client, settings.AXES_FAILURE_LIMIT - 1)
    locked = attempt(client)
    assert locked.status_code == 429
    right = attempt(client, password=PASSWORD)
    assert right.status_code == 429 and "_auth_user_id" not in client.session


def test_the_pause_page_says_how_long_and_offers_a_new_password(ana):
    client = Client(HTTP_ACCEPT_LANGUAGE="es")
    fail(client, settings.AXES_FAILURE_LIMIT - 1)
    page = attempt(client).content.decode()
    assert 'lang="es"' in page
    assert "Demasiados intentos" in page
    assert "15 minutos" in page
    assert reverse("accounts:password_reset") in page


def test_the_case_or_spaces_of_the_email_do_not_buy_more_tries(ana):
    client = Client()
    variants = ["ana@example.org", "ANA@example.org", " Ana@Example.org ", "ana@EXAMPLE.ORG"]
    for index in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, email=variants[index % len(variants)])
    assert attempt(client, email="Ana@example.org").status_code == 429


def test_someone_else_cannot_lock_a_member_out_from_elsewhere(ana):
    fail(Client(), settings.AXES_FAILURE_LIMIT, address="198.51.100.7")
    response = attempt(Client(), password=PASSWORD, address="203.0.113.5")
    assert response.status_code == 302


def test_other_members_at_the_same_address_are_not_locked(ana):
    make_user("luis@example.org", "Luis")
    fail(Client(), settings.AXES_FAILURE_LIMIT)
    assert attempt(Client(), email="luis@example.org", password=PASSWORD).status_code == 302


def test_a_right_password_before_the_limit_starts_the_count_again(ana):
    client = Client()
    fail(client, settings.AXES_FAILURE_LIMIT - 1)
    assert attempt(client, password=PASSWORD).status_code == 302
    client.logout()
    fail(client, settings.AXES_FAILURE_LIMIT - 1)
    assert attempt(client, password=PASSWORD).status_code == 302


def test_the_pause_ends_after_the_cool_off(ana):
    client = Client()
    fail(client, settings.AXES_FAILURE_LIMIT)
    assert attempt(client, password=PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1))
    assert attempt(client, password=PASSWORD).status_code == 302


def test_behind_the_proxy_the_address_is_the_one_the_proxy_saw(ana, settings):
    settings.BEHIND_PROXY = True
    for _ in range(settings.AXES_FAILURE_LIMIT):
        # A guesser cannot buy more tries by writing addresses of their own in front.
        Client().post(LOGIN, {"username": "ana@example.org", "password": "x"}, REMOTE_ADDR="10.0.0.1",
                      HTTP_X_FORWARDED_FOR=f"192.0.2.{_}, 203.0.113.5")
    assert AccessAttempt.objects.get().ip_address == "203.0.113.5"
    locked = Client().post(LOGIN, {"username": "ana@example.org", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1",
                           HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert locked.status_code == 429
    elsewhere = Client().post(LOGIN, {"username": "ana@example.org", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1",
                              HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert elsewhere.status_code == 302
