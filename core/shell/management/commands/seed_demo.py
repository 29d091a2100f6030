"""Demo data for `make run`: a family of three around one patient. Safe to run twice."""

from django.core.management.base import BaseCommand
from django.db import transaction

from core.accounts.models import User
from core.patients.models import Condition, Membership, Mobility, Patient, Role, Sex

PASSWORD = "tend-demo-2026"
FAMILY = [
    ("ana@demo.tend", "Ana", "en", Role.OWNER),
    ("luis@demo.tend", "Luis", "es", Role.CAREGIVER),
    ("samira@demo.tend", "Samira", "ar", Role.VIEWER),
]


class Command(BaseCommand):
    help = "Create the demo family and patient (idempotent) and print the logins."

    @transaction.atomic
    def handle(self, *args, **options):
        patient = Patient.objects.filter(display_name="Rosa (demo)").first()
        if patient is None:
            patient = Patient.objects.create(
                display_name="Rosa (demo)", year_of_birth=1948, sex=Sex.FEMALE,
                conditions=[Condition.STROKE], usual_mobility=Mobility.BED_BOUND,
                time_zone="Europe/Madrid",
                notes="Left side weak since the stroke in October. Likes the radio on.",
            )
        for email, name, language, role in FAMILY:
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User.objects.create_user(email, PASSWORD, display_name=name, language=language,
                                                time_zone="Europe/Madrid")
            Membership.objects.get_or_create(patient=patient, user=user, defaults={"role": role})
        self.stdout.write("Demo logins (password for all: %s):" % PASSWORD)
        for email, name, language, role in FAMILY:
            self.stdout.write(f"  {email:20} {name:7} {role:9} language={language}")
