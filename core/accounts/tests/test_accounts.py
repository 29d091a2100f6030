"""Accounts: sign up, log in, reset and change the password, language and time zone."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from conftest import PASSWORD, make_user
from core.accounts.models import User

SIGNUP = {"email": "New.Person@Example.org", "display_name": "Nadia", "language": "es",
          "password1": "a sturdy passphrase 9", "password2": "a sturdy passphrase 9",
          "time_zone": "America/Mexico_City"}


def test_sign_up_logs_in_with_language_and_time_zone(db, client):
    response = client.post(reverse("accounts:signup"), SIGNUP)
    assert response.status_code == 302
    user = User.objects.get()
    assert user.email == "new.person@example.org"
    assert (user.language, user.time_zone) == ("es", "America/Mexico_City")
    assert response.cookies["django_language"].value == "es"
    page = client.get(reverse("patients:list")).content.decode()
    assert 'lang="es"' in page


def test_sign_up_without_javascript_falls_back_to_utc(db, client):
    client.post(reverse("accounts:signup"), {**SIGNUP, "time_zone": "Not/AZone"})
    assert User.objects.get().time_zone == "UTC"


def test_sign_up_refuses_a_duplicate_email_whatever_its_case(db, client):
    make_user("new.person@example.org", "Existing")
    response = client.post(reverse("accounts:signup"), SIGNUP)
    page = response.content.decode()
    assert response.status_code == 200
    assert "already exists" in page
    assert 'value="Nadia"' in page
    assert User.objects.count() == 1


@pytest.mark.parametrize("password,message", [
    ("short1", "too short"),
    ("password1234", "too common"),
    ("12345678901234", "entirely numeric"),
])
def test_sign_up_refuses_weak_passwords_next_to_the_field(db, client, password, message):
    response = client.post(reverse("accounts:signup"), {**SIGNUP, "password1": password, "password2": password})
    page = response.content.decode()
    assert message in page
    assert 'aria-invalid="true"' in page
    assert 'value="New.Person@Example.org"' in page or 'value="new.person@example.org"' in page
    assert not User.objects.exists()


def test_sign_up_errors_are_in_the_chosen_language(db, client):
    client.cookies["django_language"] = "es"
    response = client.post(reverse("accounts:signup"), {**SIGNUP, "password2": "different"})
    assert 'lang="es"' in response.content.decode()


def test_login_is_by_email_and_case_insensitive(db, client):
    make_user("ana@example.org", "Ana")
    response = client.post(reverse("accounts:login"), {"username": "ANA@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("shell:start")


def test_a_wrong_password_keeps_the_email_and_says_so(db, client):
    make_user("ana@example.org", "Ana")
    response = client.post(reverse("accounts:login"), {"username": "ana@example.org", "password": "nope"})
    page = response.content.decode()
    assert "do not match" in page and 'value="ana@example.org"' in page


def test_login_refuses_an_offsite_next_url(db, client):
    make_user("ana@example.org", "Ana")
    response = client.post(reverse("accounts:login") + "?next=https://evil.example/",
                           {"username": "ana@example.org", "password": PASSWORD, "next": "https://evil.example/"})
    assert response["Location"] == reverse("shell:start")


def test_logout_needs_a_post_and_ends_the_session(db, client):
    client.force_login(make_user("ana@example.org", "Ana"))
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("patients:list")).status_code == 302


def test_password_reset_mail_is_in_the_members_language(db, client):
    make_user("ana@example.org", "Ana", language="es")
    client.post(reverse("accounts:password_reset"), {"email": "ana@example.org"})
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "Tend" in message.subject and "Reset your Tend password" != message.subject
    link = re.search(r"https?://\S+/password/reset/\S+/", message.body).group(0)
    path = link.split("testserver", 1)[1]
    form = client.get(path, follow=True)
    assert form.status_code == 200
    response = client.post(form.redirect_chain[-1][0] if form.redirect_chain else path,
                           {"new_password1": "a new sturdy phrase 7", "new_password2": "a new sturdy phrase 7"})
    assert response.status_code == 302
    assert User.objects.get().check_password("a new sturdy phrase 7")


def test_password_reset_for_an_unknown_address_sends_nothing_and_reveals_nothing(db, client):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302 and not mail.outbox


def test_change_password_checks_the_old_one(db, client):
    user = make_user("ana@example.org", "Ana")
    client.force_login(user)
    response = client.post(reverse("accounts:password_change"), {
        "old_password": "wrong", "new_password1": "another phrase 55", "new_password2": "another phrase 55"})
    assert "incorrectly" in response.content.decode()
    client.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password1": "another phrase 55", "new_password2": "another phrase 55"})
    user.refresh_from_db()
    assert user.check_password("another phrase 55")


def test_preferences_change_language_and_time_zone_everywhere(db, client):
    user = make_user("ana@example.org", "Ana")
    client.force_login(user)
    response = client.post(reverse("accounts:preferences"),
                           {"display_name": "Ana M.", "language": "ar", "time_zone": "Asia/Riyadh"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.display_name, user.language, user.time_zone) == ("Ana M.", "ar", "Asia/Riyadh")
    # The member's choice beats the browser's Accept-Language.
    page = client.get(reverse("patients:list"), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert '<html lang="ar" dir="rtl">' in page


def test_preferences_refuse_an_unknown_time_zone(db, client):
    client.force_login(make_user("ana@example.org", "Ana"))
    response = client.post(reverse("accounts:preferences"),
                           {"display_name": "Ana", "language": "en", "time_zone": "Mars/Base"})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
