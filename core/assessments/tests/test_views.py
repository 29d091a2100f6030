"""The three checks through the shared log views: who may do what, what the forms refuse,
what the entry page shows, and what the timeline costs."""

import re
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.assessments import scales
from core.assessments.models import BradenAssessment, MobilityCheck, SarcF
from core.logs.models import TimelineEntry

KINDS = {"braden": BradenAssessment, "mobility": MobilityCheck, "sarc_f": SarcF}
ROLES = ["owner", "caregiver", "viewer", "stranger", "anonymous"]


def now_field():
    return timezone.localtime().strftime("%Y-%m-%dT%H:%M")


def braden_data(**changes):
    answers = {"sensory": 2, "moisture": 2, "activity": 2, "mobility": 2, "nutrition": 2, "friction": 2}
    return {"entry_id": str(uuid.uuid4()), "occurred_at": now_field(), **answers, **changes}


def mobility_data(**changes):
    return {"entry_id": str(uuid.uuid4()), "occurred_at": now_field(), "chair_stand": 9, "tug_seconds": "13.5",
            "fac": 3, "note": "keep me", **changes}


def sarc_f_data(**changes):
    return {"entry_id": str(uuid.uuid4()), "occurred_at": now_field(), "strength": 1, "walking": 1, "rising": 0,
            "stairs": 2, "falls_past_year": 0, **changes}


DATA = {"braden": braden_data, "mobility": mobility_data, "sarc_f": sarc_f_data}


def make_entry(kind, patient, user, **values):
    defaults = {
        "braden": {"sensory": 2, "moisture": 2, "activity": 2, "mobility": 2, "nutrition": 2, "friction": 2},
        "mobility": {"chair_stand": 9},
        "sarc_f": {"strength": 1, "walking": 1, "rising": 1, "stairs": 1, "falls_past_year": 0},
    }[kind]
    entry = KINDS[kind](patient=patient, recorded_by=user, **(defaults | values))
    entry.save()
    return entry


def new_url(circle, kind):
    return reverse("logs:new", args=[circle.patient.pk, kind])


def detail_url(entry):
    return reverse("logs:detail", args=[entry.patient_id, entry.KIND, entry.pk])


def client_as(client_for, circle, role):
    return client_for(None if role == "anonymous" else circle.users[role])


# --- Who may do what -------------------------------------------------------------

ALLOWED = {"new": ("owner", "caregiver"), "detail": ("owner", "caregiver", "viewer"),
           "edit": ("owner", "caregiver"), "delete": ("owner", "caregiver")}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("view", ALLOWED)
@pytest.mark.parametrize("role", ROLES)
def test_each_view_of_each_check_answers_each_role_as_it_should(kind, view, role, circle, client_for):
    entry = make_entry(kind, circle.patient, circle.caregiver)  # the caregiver is its author
    args = [circle.patient.pk, kind] + ([] if view == "new" else [entry.pk])
    response = client_as(client_for, circle, role).get(reverse(f"logs:{view}", args=args))
    if role == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    elif role == "stranger":
        assert response.status_code == 404
    elif role in ALLOWED[view]:
        assert response.status_code == 200
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("kind", KINDS)
def test_a_viewer_cannot_add_a_check_and_nothing_is_saved(kind, circle, client_for):
    response = client_for(circle.viewer).post(new_url(circle, kind), DATA[kind]())
    assert response.status_code == 403
    assert not KINDS[kind].objects.exists()


@pytest.mark.parametrize("kind", KINDS)
def test_a_stranger_cannot_see_a_check_of_another_family(kind, circle, client_for):
    entry = make_entry(kind, circle.patient, circle.caregiver)
    assert client_for(circle.stranger).get(detail_url(entry)).status_code == 404
    # nor reach it through their own patient's address
    url = reverse("logs:detail", args=[circle.other_patient.pk, kind, entry.pk])
    assert client_for(circle.stranger).get(url).status_code == 404


# --- Replays and forged ids --------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_the_same_check_sent_twice_is_saved_once(kind, circle, client_for):
    client = client_for(circle.caregiver)
    data = DATA[kind]()
    assert client.post(new_url(circle, kind), data).status_code == 302
    replay = client.post(new_url(circle, kind), data, follow=True)
    assert "already saved" in replay.content.decode()
    assert KINDS[kind].objects.count() == 1 and TimelineEntry.objects.count() == 1


@pytest.mark.parametrize("kind", KINDS)
def test_an_entry_id_of_another_patient_is_refused_and_changes_nothing(kind, circle, client_for):
    theirs = make_entry(kind, circle.other_patient, circle.stranger)
    before = TimelineEntry.objects.get(entry_id=theirs.pk).data
    response = client_for(circle.caregiver).post(new_url(circle, kind), DATA[kind](entry_id=str(theirs.pk)))
    assert response.status_code == 404
    assert KINDS[kind].objects.count() == 1
    theirs.refresh_from_db()
    assert theirs.patient == circle.other_patient
    assert TimelineEntry.objects.get(entry_id=theirs.pk).data == before


def test_computed_results_sent_in_the_form_are_ignored(circle, client_for):
    client = client_for(circle.caregiver)
    client.post(new_url(circle, "braden"), braden_data(total=23, band="no_risk", banding="v9"))
    client.post(new_url(circle, "mobility"), mobility_data(mrc='{"neck_left": 9}', mrc_sum=60))
    braden = BradenAssessment.objects.get()
    assert (braden.total, braden.band, braden.banding) == (12, "high", "v1")
    mobility = MobilityCheck.objects.get()
    assert (mobility.mrc, mobility.mrc_sum) == ({}, None)


# --- Braden ----------------------------------------------------------------------------


def test_a_braden_check_shows_its_score_band_banding_source_and_turning_guideline(circle, client_for):
    client = client_for(circle.caregiver)
    response = client.post(new_url(circle, "braden"), braden_data())
    entry = BradenAssessment.objects.get()
    assert response["Location"] == detail_url(entry)
    page = client.get(detail_url(entry)).content.decode()
    assert "Braden 12 — high risk" in page
    assert "Banding: 19–23 no risk, 15–18 at risk, 13–14 moderate, 10–12 high, 9 or less very high." in page
    assert "Screening aid, not a diagnosis." in page
    assert "Braden &amp; Bergstrom" in page or "Braden and Nancy Bergstrom" in page
    assert "Guidelines: turn at least every 4 hours at high risk; many families start at every 2 hours." in page
    assert "not a prescription" in page
    assert reverse("reminders:plan", args=[circle.patient.pk]) in page
    assert "2 · Very limited" in page  # each answer with its score


@pytest.mark.parametrize("answers,expected", [
    ({"sensory": 3, "moisture": 3, "activity": 3, "mobility": 3, "nutrition": 3, "friction": 3},
     "Guidelines: change position at least every 6 hours when at risk"),  # 18: at risk
    ({"sensory": 4, "moisture": 4, "activity": 4, "mobility": 4, "nutrition": 3, "friction": 3},
     "This score does not suggest a turning interval"),  # 22: no risk
])
def test_the_turning_guideline_follows_the_band(answers, expected, circle, client_for):
    client = client_for(circle.caregiver)
    client.post(new_url(circle, "braden"), braden_data(**answers))
    page = client.get(detail_url(BradenAssessment.objects.get())).content.decode()
    assert expected in page


def test_the_braden_form_offers_big_radio_groups_and_the_copyright_note(circle, client_for):
    page = client_for(circle.caregiver).get(new_url(circle, "braden")).content.decode()
    assert page.count("<fieldset") == 6 and page.count("<legend>") == 6
    assert page.count('type="radio"') == 4 * 5 + 3
    assert "Completely limited" in page and "No apparent problem" in page
    assert "© Barbara Braden and Nancy Bergstrom" in page
    assert "---------" not in page


def test_an_out_of_range_braden_answer_is_refused_next_to_it_and_the_rest_is_kept(circle, client_for):
    response = client_for(circle.caregiver).post(new_url(circle, "braden"), braden_data(sensory=5, moisture=3))
    page = response.content.decode()
    assert response.status_code == 200
    sensory = page[page.index("Sensory perception"):page.index("Moisture")]
    assert "Select a valid choice" in sensory
    assert re.search(r'name="moisture" value="3"[^>]*checked', page)
    assert re.search(r'name="friction" value="2"[^>]*checked', page)
    assert not BradenAssessment.objects.exists() and not TimelineEntry.objects.exists()


def test_a_missing_braden_answer_is_asked_for(circle, client_for):
    data = braden_data()
    del data["nutrition"]
    page = client_for(circle.caregiver).post(new_url(circle, "braden"), data).content.decode()
    nutrition = page[page.index("Nutrition"):page.index("Friction and shear")]
    assert "Choose one answer." in nutrition
    assert not BradenAssessment.objects.exists()


def test_an_owner_edit_rescores_and_keeps_the_history(circle, client_for):
    client_for(circle.caregiver).post(new_url(circle, "braden"), data := braden_data())
    entry = BradenAssessment.objects.get()
    edit = reverse("logs:edit", args=[circle.patient.pk, "braden", entry.pk])
    assert client_for(circle.owner).post(edit, {**data, "sensory": 4, "moisture": 4}).status_code == 302
    entry.refresh_from_db()
    assert (entry.total, entry.band) == (16, "at_risk")
    assert entry.history.count() == 2
    assert TimelineEntry.objects.get(entry_id=entry.pk).data["total"] == 16


# --- Mobility and strength -------------------------------------------------------------


def test_a_mobility_check_shows_each_result_with_its_source(circle, client_for):
    circle.patient.year_of_birth, circle.patient.sex = timezone.localtime().year - 72, "female"
    circle.patient.save()
    grades = {f"mrc_{key}": 4 for key in scales.MRC_KEYS} | {"mrc_knee_extension_left": 3}
    client = client_for(circle.caregiver)
    response = client.post(new_url(circle, "mobility"), mobility_data(**grades))
    entry = MobilityCheck.objects.get()
    assert response.status_code == 302
    assert (entry.mrc_sum, entry.chair_stand, str(entry.tug_seconds), entry.fac) == (47, 9, "13.5", 3)
    page = client.get(detail_url(entry)).content.decode()
    assert "MRC sum score 47 of 60" in page and "ICU-acquired weakness threshold — discuss with a clinician" in page
    assert "Lay-rated" in page
    assert "Below 10, the value for women aged 70–74" in page and "CDC STEADI 30-Second Chair Stand" in page
    assert "13.5 seconds" in page and "12 seconds or more: suggests a risk of falls" in page
    assert "3 · Needs someone beside them or spoken guidance only" in page
    assert page.count("Screening aid, not a diagnosis.") >= 3


def test_without_year_of_birth_or_sex_the_chair_stand_is_not_compared_and_says_so(circle, client_for):
    client = client_for(circle.caregiver)
    form = client.get(new_url(circle, "mobility")).content.decode()
    assert "cannot be compared with the table for age and sex" in form
    client.post(new_url(circle, "mobility"), mobility_data())
    page = client.get(detail_url(MobilityCheck.objects.get())).content.decode()
    assert "No comparison with the age and sex table is possible" in page
    assert "The year of birth is not in the profile." in page


def test_a_partly_graded_strength_check_gives_no_sum(circle, client_for):
    client = client_for(circle.caregiver)
    client.post(new_url(circle, "mobility"), mobility_data(mrc_elbow_flexion_left=2, mrc_elbow_flexion_right=5))
    entry = MobilityCheck.objects.get()
    assert entry.mrc == {"elbow_flexion_left": 2, "elbow_flexion_right": 5} and entry.mrc_sum is None
    page = client.get(detail_url(entry)).content.decode()
    assert "2 of 12 muscle groups graded" in page


def test_out_of_range_mobility_values_are_refused_next_to_their_field_and_the_rest_is_kept(circle, client_for):
    data = mobility_data(mrc_knee_extension_left=6, chair_stand=61, fac=6, tug_seconds="12.3",
                         mrc_elbow_flexion_right=4)
    page = client_for(circle.caregiver).post(new_url(circle, "mobility"), data).content.decode()
    knee = page.index('id="id_mrc_knee_extension_left"')
    assert page.index("Select a valid choice", knee) < page.index('id="id_mrc_knee_extension_right"')
    chair = page.index('id="id_chair_stand"')
    assert "less than or equal to 60" in page[page.index("30-second chair stand"):chair + 400]
    fac = page[page.index("Walking category (FAC)</legend>"):page.index("Walking with help</legend>")]
    assert "Select a valid choice" in fac
    assert 'value="12.3"' in page and 'value="keep me"' in page
    assert re.search(r'<option value="4" selected>', page[page.index('id="id_mrc_elbow_flexion_right"'):])
    assert not MobilityCheck.objects.exists() and not TimelineEntry.objects.exists()


def test_an_empty_mobility_check_is_refused_with_a_clear_message(circle, client_for):
    data = {"entry_id": str(uuid.uuid4()), "occurred_at": now_field()}
    page = client_for(circle.caregiver).post(new_url(circle, "mobility"), data).content.decode()
    assert "Fill in at least one check" in page
    assert not MobilityCheck.objects.exists()


def test_editing_a_mobility_check_shows_its_grades_and_keeps_them(circle, client_for):
    entry = make_entry("mobility", circle.patient, circle.caregiver, mrc={"hip_flexion_right": 2})
    edit = reverse("logs:edit", args=[circle.patient.pk, "mobility", entry.pk])
    page = client_for(circle.caregiver).get(edit).content.decode()
    assert re.search(r'<option value="2" selected>', page[page.index('id="id_mrc_hip_flexion_right"'):])


def test_logging_a_check_from_a_mobility_reminder_marks_it_done(circle, client_for):
    from core.reminders.models import Kind, Schedule
    from core.reminders.planning import materialise_patient

    schedule = Schedule.objects.create(patient=circle.patient, kind=Kind.MOBILITY_CHECK, recurrence="times",
                                       times_of_day=[timezone.localtime().strftime("%H:%M")],
                                       starts_at=timezone.now() - timedelta(days=1))
    materialise_patient(circle.patient)
    occurrence = schedule.occurrences.order_by("-due_at").first()
    client_for(circle.caregiver).post(new_url(circle, "mobility"), mobility_data(occurrence=occurrence.pk))
    occurrence.refresh_from_db()
    assert occurrence.status == "done" and MobilityCheck.objects.count() == 1


# --- SARC-F ---------------------------------------------------------------------------


@pytest.mark.parametrize("falls,total,likely", [(0, 3, False), (1, 4, True)])
def test_a_sarc_f_check_shows_its_total_and_whether_sarcopenia_is_likely(falls, total, likely, circle, client_for):
    client = client_for(circle.caregiver)
    client.post(new_url(circle, "sarc_f"), sarc_f_data(falls_past_year=falls, stairs=1))
    entry = SarcF.objects.get()
    assert entry.total == total
    page = client.get(detail_url(entry)).content.decode()
    assert f"SARC-F {total} of 10" in page
    assert ("sarcopenia (loss of muscle strength and mass) is likely" in page) is likely
    assert "Screening aid, not a diagnosis." in page


def test_bad_sarc_f_answers_are_refused_next_to_them(circle, client_for):
    page = client_for(circle.caregiver).post(
        new_url(circle, "sarc_f"), sarc_f_data(stairs=3, falls_past_year=-1)).content.decode()
    stairs = page[page.index("Climbing stairs"):page.index('id="id_falls_past_year"')]
    assert "Select a valid choice" in stairs
    assert "greater than or equal to 0" in page
    assert re.search(r'name="strength" value="1"[^>]*checked', page)
    assert not SarcF.objects.exists()


# --- Timeline and costs ---------------------------------------------------------------------


def test_the_timeline_shows_each_checks_key_number_and_flag(circle, client_for):
    circle.patient.year_of_birth, circle.patient.sex = timezone.localtime().year - 80, "male"
    circle.patient.save()
    make_entry("braden", circle.patient, circle.caregiver, sensory=1, moisture=1)
    make_entry("mobility", circle.patient, circle.caregiver, chair_stand=9, tug_seconds="11.9", walk_distance_m=20,
               walk_helpers=1)
    make_entry("sarc_f", circle.patient, circle.caregiver, stairs=2)
    page = client_for(circle.viewer).get(reverse("logs:timeline", args=[circle.patient.pk])).content.decode()
    assert '<span class="flag">10 — high risk</span>' in page
    assert "chair stand 9" in page and "(below 10)" in page
    assert "Up and Go 11.9 s" in page and "(fall risk)" not in page
    assert "walked 20 m" in page and "1 helper" in page
    assert "5 of 10" in page and "sarcopenia likely" in page


def test_the_timeline_of_many_checks_costs_a_fixed_number_of_queries(circle, client_for):
    start = timezone.now() - timedelta(days=200)
    client = client_for(circle.owner)
    url = reverse("logs:timeline", args=[circle.patient.pk])
    make_entry("braden", circle.patient, circle.caregiver, occurred_at=start)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for day in range(1, 120):
        for kind in KINDS:
            make_entry(kind, circle.patient, circle.caregiver, occurred_at=start + timedelta(days=day))
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
        assert client.get(reverse("logs:menu", args=[circle.patient.pk])).status_code == 200
    assert len(many) <= 2 * len(few) + 2 and len(few) <= 12


@pytest.mark.parametrize("kind", KINDS)
def test_an_entry_page_costs_the_same_queries_however_often_it_was_edited(kind, circle, client_for):
    entry = make_entry(kind, circle.patient, circle.caregiver)
    client = client_for(circle.viewer)
    client.get(detail_url(entry))  # the first request also loads the session
    with CaptureQueriesContext(connection) as fresh:
        client.get(detail_url(entry))
    for _ in range(30):
        entry.save()
    with CaptureQueriesContext(connection) as edited:
        assert client.get(detail_url(entry)).status_code == 200
    assert len(edited) == len(fresh) <= 15


@pytest.mark.parametrize("language", ["es", "ar"])
@pytest.mark.parametrize("kind", KINDS)
def test_forms_and_results_render_in_other_languages(language, kind, circle, client_for):
    circle.caregiver.language = language
    circle.caregiver.save()
    entry = make_entry(kind, circle.patient, circle.caregiver)
    client = client_for(circle.caregiver)
    for url in (new_url(circle, kind), detail_url(entry)):
        response = client.get(url)
        assert response.status_code == 200
        assert f'lang="{language}"' in response.content.decode()
