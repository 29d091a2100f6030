"""Setup for the bedside-log journeys: a patient and the members of the care circle, made
through the ORM because who is in the circle is not what these journeys are about.

The people then log in through the real login form, on their own phones, and do the
journey itself in the browser.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import formats, translation

from tests.browser.conftest import Person, new_person

MADRID = ZoneInfo("Europe/Madrid")


def make_circle(*members, name="Rosa", **patient_fields):
    """make_circle(("Olivia", "owner"), ("Carlos", "caregiver"), …) -> (patient id, {name: Person})."""
    from core.accounts.models import User
    from core.patients.models import Membership, Patient

    patient = Patient.objects.create(display_name=name, time_zone="Europe/Madrid",
                                     **{"year_of_birth": 1941, **patient_fields})
    people = {}
    for member_name, role in members:
        person = make_person(member_name)
        Membership.objects.create(patient=patient, user=User.objects.get(email=person.email), role=role)
        people[member_name] = person
    return str(patient.pk), people


def make_person(name) -> Person:
    """An account (and nothing else) that can log in with the usual test password."""
    from core.accounts.models import User

    person = new_person(name)
    User.objects.create_user(person.email, person.password, display_name=name, time_zone="Europe/Madrid")
    return person


def shown_time(moment: datetime) -> str:
    """A time as the pages show it to an English reader in the patient's zone ("4:05 p.m.")."""
    with translation.override("en"):
        return formats.time_format(moment.astimezone(MADRID), "TIME_FORMAT")


def typed(moment: datetime) -> str:
    """What a person types into a "When" (datetime-local) field, in Madrid time."""
    return moment.astimezone(MADRID).strftime("%Y-%m-%dT%H:%M")


def shown_short_datetime(moment: datetime) -> str:
    with translation.override("en"):
        return formats.date_format(moment.astimezone(MADRID), "SHORT_DATETIME_FORMAT")


def user_of(person: Person):
    from core.accounts.models import User

    return User.objects.get(email=person.email)
