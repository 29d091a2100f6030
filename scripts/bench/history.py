"""A year (or any number of days) of realistic, deterministic care history for one patient.

Used by `make bench` (scripts/bench/seed.py) and by the query-budget tests
(core/progress/tests/test_queries.py), so the benchmark and the tests see the same
shape of data:

- turns at 01, 04, 07, 09 … 21 h (every 2 h by day, 3 h at night: 10 a day): most done
  on time, some late, a few missed or skipped; each done turn is a Repositioning log
  entry with the next position on the turning clock, as Today records it;
- passive movement at 10:00 and 17:00 (most days both, some days one), each session with
  its steps;
- a skin check every morning; now and then a finding (a sacrum stage 2 that heals over
  a few weeks, a red heel);
- weekly weight and calf circumference; weekly Braden; monthly MRC and chair stands.

Everything is written with bulk_create (and the log entries' TimelineEntry lines and
edit history rows, which save() would normally write), so a year takes seconds.
Each feature's part is written only if that feature's models are installed.
"""

import random
import uuid
import zoneinfo
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from core.logs.models import Repositioning, TimelineEntry
from core.reminders.models import Kind, Occurrence, Recurrence, Schedule
from core.reminders.positions import next_position

TURN_TIMES = ["01:00", "04:00", "07:00", "09:00", "11:00", "13:00", "15:00", "17:00", "19:00", "21:00"]
MOVEMENT_TIMES = ["10:00", "17:00"]
SKIN_TIMES = ["08:30"]


def _with_history(model, objects):
    """bulk_create, plus the edit-history rows that save() would have written."""
    history = getattr(model, "history", None)
    if history is None:
        return model.objects.bulk_create(objects, batch_size=500)
    from simple_history.utils import bulk_create_with_history

    return bulk_create_with_history(objects, model, batch_size=500)


def _timeline(entries):
    TimelineEntry.objects.bulk_create([
        TimelineEntry(entry_id=e.pk, patient_id=e.patient_id, kind=e.KIND, occurred_at=e.occurred_at,
                      recorded_by_id=e.recorded_by_id, data=e.timeline_data(), deleted=False)
        for e in entries], batch_size=500)


class History:
    def __init__(self, patient, members, days=365, now=None, seed=7):
        self.patient = patient
        self.members = list(members)
        self.days = days
        self.now = now or timezone.now()
        self.zone = zoneinfo.ZoneInfo(patient.time_zone)
        self.random = random.Random(seed)
        today = self.now.astimezone(self.zone).date()
        self.first_day = today - timedelta(days=days)
        self.start = datetime.combine(self.first_day, time(0), tzinfo=self.zone)
        self.counts = {}

    def local(self, day, hhmm):
        hour, minute = (int(x) for x in hhmm.split(":"))
        return datetime.combine(day, time(hour, minute), tzinfo=self.zone)

    def each_day(self):
        for offset in range(self.days + 1):
            yield self.first_day + timedelta(days=offset)

    def who(self, when):
        hour = when.astimezone(self.zone).hour
        return self.members[0] if 7 <= hour < 22 or len(self.members) == 1 else self.members[1]

    def schedule(self, kind, times):
        return Schedule.objects.create(patient=self.patient, kind=kind, recurrence=Recurrence.TIMES,
                                       times_of_day=times, starts_at=self.start, created_by=self.members[0])

    def occurrences(self, schedule, times, outcome):
        """One occurrence per time per day up to now; ``outcome(due)`` -> (status, minutes late)."""
        rows = []
        for day in self.each_day():
            for hhmm in times:
                due = self.local(day, hhmm)
                if due > self.now:
                    continue
                status, late = outcome(due)
                done_at = due + timedelta(minutes=late) if status != "pending" else None
                if done_at and done_at > self.now:
                    status, done_at = "pending", None
                rows.append(Occurrence(schedule=schedule, patient=self.patient, kind=schedule.kind, due_at=due,
                                       status=status, done_at=done_at,
                                       done_by=self.who(due) if done_at else None))
        return Occurrence.objects.bulk_create(rows, batch_size=500)

    def usual_outcome(self, due):
        roll = self.random.random()
        if roll < 0.80:
            return "done", self.random.randint(-10, 25)
        if roll < 0.88:
            return "done", self.random.randint(35, 120)
        if roll < 0.95:
            return "pending", 0
        return "skipped", self.random.randint(0, 20)

    @transaction.atomic
    def build(self):
        self.turns()
        self.movement()
        self.skin()
        self.measurements()
        self.assessments()
        return self.counts

    def turns(self):
        schedule = self.schedule(Kind.REPOSITIONING, TURN_TIMES)
        occurrences = self.occurrences(schedule, TURN_TIMES, self.usual_outcome)
        position, entries, tasks = None, [], []
        for occ in occurrences:
            if occ.status == "done":
                position = next_position(position)
                occ.position = position
                entries.append(Repositioning(
                    id=uuid.UUID(int=self.random.getrandbits(128), version=4), patient=self.patient,
                    recorded_by=occ.done_by, occurred_at=occ.done_at, position=position, occurrence=occ,
                    heels_floated=position == "supine"))
            elif occ.status == "skipped":
                occ.skip_reason = "asleep"
                tasks.append(TimelineEntry(
                    entry_id=uuid.uuid5(uuid.NAMESPACE_URL, f"tend:occurrence:{occ.pk}"), patient=self.patient,
                    kind="task", occurred_at=occ.done_at, recorded_by=occ.done_by,
                    data={"task": occ.kind, "title": "", "status": "skipped", "reason": "asleep", "note": ""}))
        Occurrence.objects.bulk_update([o for o in occurrences if o.status != "pending"],
                                       ["position", "skip_reason"], batch_size=500)
        _with_history(Repositioning, entries)
        _timeline(entries)
        TimelineEntry.objects.bulk_create(tasks, batch_size=500)
        self.counts.update(turn_occurrences=len(occurrences), repositionings=len(entries))

    def movement(self):
        try:
            from core.movement.catalogue import MOVEMENTS, Side, Status
            from core.movement.models import MovementRecord, PromSession, SessionStatus
        except ImportError:
            return
        schedule = self.schedule(Kind.PASSIVE_MOVEMENT, MOVEMENT_TIMES)
        occurrences = self.occurrences(schedule, MOVEMENT_TIMES, self.usual_outcome)
        plan = []
        for code, movement in list(MOVEMENTS.items())[:6]:
            sides = [Side.LEFT, Side.RIGHT] if movement.bilateral else [Side.NONE]
            plan += [[code, side, 10] for side in sides]
        sessions, records = [], []
        for occ in occurrences:
            if occ.status != "done":
                continue
            session = PromSession(id=uuid.UUID(int=self.random.getrandbits(128), version=4), patient=self.patient,
                                  recorded_by=occ.done_by, occurred_at=occ.done_at, status=SessionStatus.FINISHED,
                                  finished_at=occ.done_at + timedelta(minutes=20), plan=plan, occurrence=occ)
            sessions.append(session)
            for order, (code, side, reps) in enumerate(plan, start=1):
                stopped = self.random.random() < 0.03
                records.append(MovementRecord(
                    session=session, movement=code, side=side, order=order,
                    status=Status.STOPPED if stopped else Status.DONE, reps_done=reps if not stopped else 4,
                    pain=self.random.choice([0, 0, 0, 1, 2]), stop_reason="pain" if stopped else "",
                    recorded_by=occ.done_by, recorded_at=occ.done_at + timedelta(minutes=order)))
        _with_history(PromSession, sessions)
        MovementRecord.objects.bulk_create(records, batch_size=500)
        _timeline(sessions)
        self.counts.update(movement_sessions=len(sessions), movement_records=len(records))

    def skin(self):
        try:
            from core.skin.models import Finding, SkinCheck
            from core.skin.staging import Category, Healing, Side, Site
        except ImportError:
            return
        schedule = self.schedule(Kind.SKIN_CHECK, SKIN_TIMES)
        occurrences = self.occurrences(schedule, SKIN_TIMES, self.usual_outcome)
        checks, findings = [], []
        for index, occ in enumerate(o for o in occurrences if o.status == "done"):
            # A sacrum stage 2 in weeks 10-16, healing; a red heel now and then.
            week = index // 7
            sacrum = 10 <= week < 16
            heel = index % 23 == 0
            check = SkinCheck(id=uuid.UUID(int=self.random.getrandbits(128), version=4), patient=self.patient,
                              recorded_by=occ.done_by, occurred_at=occ.done_at, all_clear=not (sacrum or heel))
            checks.append(check)
            if sacrum:
                size = Decimal(max(0.5, 3.0 - 0.4 * (week - 10))).quantize(Decimal("0.1"))
                findings.append(Finding(skin_check=check, site=Site.SACRUM, side=Side.CENTRE,
                                        category=Category.STAGE_2, worst_stage=Category.STAGE_2,
                                        length_cm=size, width_cm=(size * Decimal("0.7")).quantize(Decimal("0.1")),
                                        healing=Healing.HEALING if week > 11 else Healing.NEW))
            if heel:
                findings.append(Finding(skin_check=check, site=Site.HEEL, side=Side.LEFT,
                                        category=Category.STAGE_1, worst_stage=Category.STAGE_1,
                                        length_cm=Decimal("1.5"), width_cm=Decimal("1.0")))
        _with_history(SkinCheck, checks)
        Finding.objects.bulk_create(findings, batch_size=500)
        by_check = {}
        for finding in findings:
            by_check.setdefault(finding.skin_check_id, []).append(finding)
        TimelineEntry.objects.bulk_create([
            TimelineEntry(entry_id=c.pk, patient_id=c.patient_id, kind=c.KIND, occurred_at=c.occurred_at,
                          recorded_by_id=c.recorded_by_id, deleted=False,
                          data={"all_clear": c.all_clear, "findings": len(by_check.get(c.pk, [])),
                                "worst": by_check[c.pk][0].category if c.pk in by_check else "",
                                "clinician": False})
            for c in checks], batch_size=500)
        self.counts.update(skin_checks=len(checks), skin_findings=len(findings))

    def weekly(self, hhmm):
        """One local time a week (Sundays), up to now."""
        for day in self.each_day():
            when = self.local(day, hhmm)
            if day.weekday() == 6 and when <= self.now:
                yield when

    def measurements(self):
        try:
            from core.measurements.models import Measurement
        except ImportError:
            return
        entries = []
        for week, when in enumerate(self.weekly("10:00")):
            # Weight falls for four months, then slowly comes back; calves follow.
            trend = week if week < 17 else 34 - week
            trend = max(trend, 0)
            weight = Decimal(68 - 0.25 * trend + self.random.uniform(-0.3, 0.3)).quantize(Decimal("0.01"))
            calf = Decimal(32.0 - 0.08 * trend + self.random.uniform(-0.1, 0.1)).quantize(Decimal("0.01"))
            entries.append(Measurement(id=uuid.UUID(int=self.random.getrandbits(128), version=4),
                                       patient=self.patient, recorded_by=self.members[0], occurred_at=when,
                                       weight_kg=weight, weight_method="chair_scale" if _has_choice(
                                           Measurement, "weight_method", "chair_scale") else "",
                                       calf_left_cm=calf, calf_right_cm=calf + Decimal("0.4")))
        _with_history(Measurement, entries)
        _timeline(entries)
        self.counts.update(measurements=len(entries))

    def assessments(self):
        """Braden weekly; a mobility and strength check every four weeks."""
        try:
            from core.assessments import scales
            from core.assessments.models import BradenAssessment, MobilityCheck
        except ImportError:
            return
        bradens, checks = [], []
        for week, when in enumerate(self.weekly("18:00")):
            # Risk highest in the spring (the sacrum wound), better after.
            low = 10 <= week < 18
            scores = {"sensory": 3, "moisture": 2 if low else 3, "activity": 1, "mobility": 2,
                      "nutrition": 2 if low else 3, "friction": 2}
            braden = BradenAssessment(id=uuid.UUID(int=self.random.getrandbits(128), version=4),
                                      patient=self.patient, recorded_by=self.members[0], occurred_at=when,
                                      **scores)
            braden.score()
            bradens.append(braden)
            if week % 4 == 0:
                grade = 2 if week < 20 else 3
                mrc = {key: grade + (1 if key.endswith("_right") else 0) for key in scales.MRC_KEYS}
                checks.append(MobilityCheck(id=uuid.UUID(int=self.random.getrandbits(128), version=4),
                                            patient=self.patient, recorded_by=self.members[0],
                                            occurred_at=when + timedelta(minutes=20), mrc=mrc,
                                            mrc_sum=scales.mrc_sum(mrc), chair_stand=0 if week < 30 else week // 8))
        _with_history(BradenAssessment, bradens)
        _with_history(MobilityCheck, checks)
        _timeline(bradens + checks)
        self.counts.update(braden=len(bradens), mobility_checks=len(checks))


def _has_choice(model, field_name, value):
    field = model._meta.get_field(field_name)
    return value in dict(field.choices or [])
