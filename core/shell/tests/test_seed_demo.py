"""`make run`'s demo family: a believable three weeks, nothing dated in the future, and the
pages a visitor opens first work for each demo member."""

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from core.accounts.models import User
from core.logs.models import TimelineEntry
from core.patients.models import Patient


def test_the_demo_has_history_but_nothing_in_the_future(db, client):
    call_command("seed_demo")
    call_command("seed_demo")  # make run runs it every time: no second family
    assert Patient.objects.filter(display_name="Rosa (demo)").count() == 1
    assert TimelineEntry.objects.count() > 100
    assert not TimelineEntry.objects.filter(occurred_at__gt=timezone.now())
    patient = Patient.objects.get(display_name="Rosa (demo)")
    for email in ("ana@demo.tend", "luis@demo.tend", "samira@demo.tend"):
        client.force_login(User.objects.get(email=email))
        for name in ("reminders:today", "logs:timeline", "progress:index"):
            assert client.get(reverse(name, args=[patient.pk])).status_code == 200, (email, name)
