"""The frame around signed-in pages (core/shell/frame.py): switcher, account menu, tabs."""

import re

from django.urls import reverse
from django.utils import translation

from core.patients.models import Membership, Patient, Role


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_switcher_lists_my_patients_and_marks_the_current_one(circle, client_for):
    second = Patient.objects.create(display_name="Abel")
    Membership.objects.create(patient=second, user=circle.caregiver, role=Role.VIEWER)
    html = page(client_for(circle.caregiver), reverse("reminders:today", args=[circle.patient.pk]))
    switcher = html[html.index('<details class="switcher">'):html.index("</details>")]
    names = re.findall(r'<li><a href="/p/[^"]+/today/"[^>]*>([^<]+)</a>', switcher)
    assert names == ["Abel", "Rosa"]  # by name, and never someone else's patient
    assert f'href="/p/{circle.patient.pk}/today/" aria-current="true">Rosa' in switcher
    assert f'href="/p/{second.pk}/today/">Abel' in switcher
    assert "Other patient" not in html


def test_the_tabs_mark_where_the_member_is(circle, client_for):
    client = client_for(circle.viewer)
    pk = circle.patient.pk
    for name, label in [("reminders:today", "Today"), ("logs:timeline", "Log"), ("progress:index", "Progress")]:
        html = page(client, reverse(name, args=[pk]))
        tabs = html[html.index('<nav class="tabs"'):]
        current = re.findall(r'aria-current="page">.*?<span>([^<]+)</span>', tabs)
        assert current == [label], (name, current)
    html = page(client, reverse("guidance:index"))
    assert re.findall(r'aria-current="page">.*?<span>([^<]+)</span>', html[html.index('<nav class="tabs"'):]) == \
        ["Guidance"]


def test_names_are_escaped_in_the_frame(circle, client_for):
    circle.patient.display_name = '<script>alert("p")</script>'
    circle.patient.save()
    circle.owner.display_name = "<b>Olivia</b>"
    circle.owner.save()
    html = page(client_for(circle.owner), reverse("reminders:today", args=[circle.patient.pk]))
    assert "<script>alert" not in html and "<b>Olivia</b>" not in html
    assert "&lt;script&gt;alert(&quot;p&quot;)&lt;/script&gt;" in html
    assert "&lt;b&gt;Olivia&lt;/b&gt;" in html


def test_log_out_from_the_menu_carries_the_page_token(circle, client_for):
    client = client_for(circle.owner)
    client.handler.enforce_csrf_checks = True
    html = page(client, reverse("reminders:today", args=[circle.patient.pk]))
    menu = html[html.index('<details class="menu">'):]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', menu).group(1)
    response = client.post(reverse("accounts:logout"), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_frame_speaks_the_members_language(circle, client_for):
    circle.owner.language = "es"
    circle.owner.save()
    html = page(client_for(circle.owner), reverse("reminders:today", args=[circle.patient.pk]))
    with translation.override("es"):
        for message in ["My patients", "Care circle", "Log out", "Today", "Guidance"]:
            assert translation.gettext(message) != message
            assert translation.gettext(message) in html
