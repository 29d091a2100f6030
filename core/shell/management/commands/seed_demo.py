"""Demo data for `make run`: a family of three around one patient. Safe to run twice."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from decimal import Decimal

from core.assessments.models import BradenAssessment
from core.logs.from_reminders import record_completion
from core.measurements.models import Measurement
from core.notes.models import Note
from core.reminders.models import Assignment, Kind, Occurrence, Recurrence, Schedule
from core.reminders.planning import materialise
from core.reminders.positions import next_position

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
        if not patient.schedules.exists():
            self._plan_and_history(patient)
        self.stdout.write("Demo logins (password for all: %s):" % PASSWORD)
        for email, name, language, role in FAMILY:
            self.stdout.write(f"  {email:20} {name:7} {role:9} language={language}")

    def _plan_and_history(self, patient):
        """Three weeks of care: turns every 2 h (4 h at night), movement twice a day, a daily skin check.
        Deterministic: about one turn in twelve was missed, and nights are shared by Luis."""
        now = timezone.now()
        start = (now - timedelta(days=21)).replace(minute=0, second=0, microsecond=0)
        ana, luis = (User.objects.get(email=e) for e in ("ana@demo.tend", "luis@demo.tend"))
        schedules = [
            Schedule.objects.create(patient=patient, kind=Kind.REPOSITIONING, recurrence=Recurrence.INTERVAL,
                                    interval_minutes=120, night_interval_minutes=240,
                                    night_starts=timezone.datetime(2000, 1, 1, 22).time(),
                                    night_ends=timezone.datetime(2000, 1, 1, 7).time(),
                                    starts_at=start, escalate_after_minutes=60, created_by=ana),
            Schedule.objects.create(patient=patient, kind=Kind.PASSIVE_MOVEMENT, recurrence=Recurrence.TIMES,
                                    times_of_day=["10:00", "17:00"], starts_at=start, created_by=ana),
            Schedule.objects.create(patient=patient, kind=Kind.SKIN_CHECK, recurrence=Recurrence.TIMES,
                                    times_of_day=["08:30"], starts_at=start, assignment=Assignment.MEMBER,
                                    assignee=ana, created_by=ana),
        ]
        for schedule in schedules:
            schedule.patient = patient
        materialise(schedules, now=now, back=now - start, ahead=timedelta(hours=48))
        position = None
        past = Occurrence.objects.filter(patient=patient, due_at__lt=now - timedelta(minutes=30)).order_by("due_at")
        for index, occurrence in enumerate(past):
            if index % 12 == 5:
                continue  # missed
            local_hour = timezone.localtime(occurrence.due_at).hour
            occurrence.status = Occurrence.Status.DONE
            occurrence.done_by = luis if local_hour >= 22 or local_hour < 7 else ana
            occurrence.done_at = occurrence.due_at + timedelta(minutes=(index * 7) % 25)
            if occurrence.kind == Kind.REPOSITIONING:
                position = next_position(position)
                occurrence.position = position
            occurrence.save()
            record_completion(occurrence)  # the timeline and "last turned" see it, as from Today
        self._measurements(patient, start, ana, luis)

    def _measurements(self, patient, start, ana, luis):
        """Weekly weight and calves (a slow loss, then steady), a Braden at the start and after two weeks,
        a strength check, and a note for the night."""
        weights = [64.0, 63.4, 62.9, 62.8]
        latest = timezone.now() - timedelta(hours=2)  # never in the future: the forms refuse that too
        for week, weight in enumerate(weights):
            weeks_ago = len(weights) - 1 - week
            Measurement.objects.create(patient=patient, recorded_by=ana, occurred_at=latest - timedelta(days=7 * weeks_ago),
                                       weight_kg=Decimal(str(weight)), weight_method="chair_scale",
                                       calf_left_cm=Decimal("31.5") - Decimal(week) / 10,
                                       calf_right_cm=Decimal("32.4") - Decimal(week) / 20)
        for day, values in ((0, (2, 3, 1, 2, 2, 2)), (14, (2, 3, 2, 2, 3, 2))):
            braden = BradenAssessment(patient=patient, recorded_by=ana, occurred_at=start + timedelta(days=day, hours=11),
                                      **dict(zip(("sensory", "moisture", "activity", "mobility", "nutrition", "friction"), values)))
            braden.full_clean()
            braden.save()
        Note.objects.create(patient=patient, recorded_by=ana, handoff=True, occurred_at=timezone.now() - timedelta(hours=3),
                            text="Rosa's heels were a little red this evening: keep them floated on the pillow.")
