"""Logging measurements and meals through the shared log views: units, refusals, alerts, rights."""

import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from core.logs.models import TimelineEntry
from core.measurements import series
from core.measurements.models import DisplayPreferences, Measurement, NutritionEntry
from core.measurements.units import Units
from core.patients.models import Sex
from core.reminders.models import Kind, Occurrence, Recurrence, Schedule
from core.reminders.planning import materialise_patient

ROLES = ["owner", "caregiver", "viewer", "stranger", "anonymous"]


def new_url(circle, kind="measurement"):
    return reverse("logs:new", args=[circle.patient.pk, kind])


def detail_url(entry):
    return reverse("logs:detail", args=[entry.patient_id, entry.KIND, entry.pk])


def when(days_ago=0):
    return timezone.localtime(timezone.now() - timedelta(days=days_ago)).strftime("%Y-%m-%dT%H:%M")


def measurement(**changes):
    data = {"entry_id": str(uuid.uuid4()), "occurred_at": when(), "weight_kg": "", "weight_method": "bed_scale",
            "calf_left_cm": "", "calf_right_cm": "", "calf_position": "seated", "muac_cm": "",
            "muac_side": "left", "note": ""}
    data.update(changes)
    return data


def meal(**changes):
    data = {"entry_id": str(uuid.uuid4()), "occurred_at": when(), "meal": "lunch", "portion": "half",
            "protein_servings": "2", "fluids_ml": "250", "supplement": ""}
    data.update(changes)
    return data


def plain(response):
    """The page's text without the invisible direction isolates around each measurement."""
    return response.content.decode().replace("\u2068", "").replace("\u2069", "")


def client_of(client_for, circle, role):
    return client_for(None if role == "anonymous" else circle.users[role])


# --- adding a measurement ----------------------------------------------------------------

def test_a_caregiver_records_weight_and_calves_in_metric(circle, client_for):
    response = client_for(circle.caregiver).post(new_url(circle), measurement(
        weight_kg="72.5", calf_left_cm="33.5", calf_right_cm="34"))
    entry = Measurement.objects.get()
    assert response.status_code == 302 and response["Location"] == detail_url(entry)
    assert (entry.weight_kg, entry.calf_left_cm, entry.calf_right_cm) == (Decimal("72.5"), Decimal("33.5"), 34)
    assert entry.recorded_by == circle.caregiver


def test_a_member_who_reads_imperial_types_pounds_and_inches_and_metric_is_stored(circle, client_for):
    DisplayPreferences.objects.create(user=circle.caregiver, units=Units.IMPERIAL)
    client = client_for(circle.caregiver)
    page = client.get(new_url(circle)).content.decode()
    assert "Weight (lb)" in page and "Left calf (in)" in page and 'name="units" value="imperial"' in page
    client.post(new_url(circle), measurement(weight_kg="160.0", calf_left_cm="13.4", units="imperial"))
    entry = Measurement.objects.get()
    assert entry.weight_kg == Decimal("72.57") and entry.calf_left_cm == Decimal("34.04")
    edit = client.get(reverse("logs:edit", args=[circle.patient.pk, "measurement", entry.pk])).content.decode()
    assert 'value="160.0"' in edit and 'value="13.4"' in edit  # the round trip shows what was typed


def test_numbers_are_read_in_the_units_they_were_typed_in_even_after_a_change_of_preference(circle, client_for):
    DisplayPreferences.objects.create(user=circle.caregiver, units=Units.IMPERIAL)
    # Typed in kg on this phone, sent later from the offline queue: still kg.
    client_for(circle.caregiver).post(new_url(circle), measurement(weight_kg="70", units="metric"))
    assert Measurement.objects.get().weight_kg == Decimal("70")


def test_a_spanish_speaker_may_type_a_decimal_comma(circle, client_for):
    circle.caregiver.language = "es"
    circle.caregiver.save()
    client = client_for(circle.caregiver)
    client.post(new_url(circle), measurement(weight_kg="72,5"), HTTP_ACCEPT_LANGUAGE="es")
    assert Measurement.objects.get().weight_kg == Decimal("72.5")


@pytest.mark.parametrize("changes,field,message", [
    ({"calf_left_cm": "-3"}, "calf_left_cm", "Enter a number from 10.0 to 80.0 cm."),
    ({"weight_kg": "0"}, "weight_kg", "Enter a number from 1.0 to 400.0 kg."),
    ({"weight_kg": "401"}, "weight_kg", "Enter a number from 1.0 to 400.0 kg."),
    ({"muac_cm": "61"}, "muac_cm", "Enter a number from 10.0 to 60.0 cm."),
    ({"weight_kg": "heavy"}, "weight_kg", "Enter a number."),
    ({"weight_kg": "70", "occurred_at": "2999-01-01T10:00"}, "occurred_at", "in the future"),
    ({"weight_kg": "70", "weight_method": ""}, "weight_method", "Say how the weight was taken."),
    ({}, None, "Enter at least one measurement"),
])
def test_bad_input_is_refused_next_to_its_field_and_keeps_what_was_typed(changes, field, message, circle,
                                                                         client_for):
    response = client_for(circle.caregiver).post(new_url(circle), measurement(note="left leg swollen", **changes))
    page = response.content.decode()
    assert response.status_code == 200 and message in page
    form = response.context["form"]
    assert message in str(form.errors.get(field or "__all__"))
    assert 'value="left leg swollen"' in page
    assert not Measurement.objects.exists() and not TimelineEntry.objects.exists()


def test_an_imperial_range_error_is_explained_in_pounds(circle, client_for):
    DisplayPreferences.objects.create(user=circle.caregiver, units=Units.IMPERIAL)
    response = client_for(circle.caregiver).post(new_url(circle), measurement(weight_kg="2", units="imperial"))
    assert "Enter a number from 2.2 to 881.8 lb." in response.content.decode()
    assert not Measurement.objects.exists()


def test_the_model_refuses_out_of_range_values_whatever_the_form(circle):
    from django.core.exceptions import ValidationError

    entry = Measurement(patient=circle.patient, calf_left_cm=Decimal("-1"))
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert "calf_left_cm" in error.value.message_dict


def test_a_replayed_entry_creates_nothing_more(circle, client_for):
    client = client_for(circle.caregiver)
    data = measurement(weight_kg="70")
    client.post(new_url(circle), data)
    replay = client.post(new_url(circle), {**data, "weight_kg": "60"}, follow=True)
    assert "already saved" in replay.content.decode()
    assert Measurement.objects.get().weight_kg == Decimal("70") and TimelineEntry.objects.count() == 1


def test_an_entry_id_of_another_patient_is_refused(circle, client_for):
    theirs = Measurement.objects.create(patient=circle.other_patient, weight_kg=Decimal("80"),
                                        weight_method="bed_scale")
    response = client_for(circle.caregiver).post(new_url(circle), measurement(weight_kg="70",
                                                                              entry_id=str(theirs.pk)))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.weight_kg == Decimal("80") and Measurement.objects.count() == 1


# --- what is shown ------------------------------------------------------------------------

def weigh(circle, kg, days_ago, **extra):
    return Measurement.objects.create(patient=circle.patient, recorded_by=circle.caregiver,
                                      weight_kg=Decimal(kg), weight_method=extra.pop("method", "bed_scale"),
                                      occurred_at=timezone.now() - timedelta(days=days_ago), **extra)


def test_a_weight_loss_alert_shows_on_the_entry_and_as_a_flag_in_the_timeline(circle, client_for):
    weigh(circle, "80", days_ago=20)
    entry = weigh(circle, "75.5", days_ago=0)
    client = client_for(circle.viewer)
    detail = plain(client.get(detail_url(entry)))
    assert "Weight is down 5.6 % in a month — this can matter; tell the clinician or dietitian." in detail
    assert "75.5 kg · 166.4 lb" in detail
    timeline = plain(client.get(reverse("logs:timeline", args=[circle.patient.pk])))
    assert 'class="flag">weight down 5.6 % in a month' in timeline


def test_the_entry_page_shows_the_readers_own_unit_first(circle, client_for):
    from core.measurements.models import DisplayPreferences

    entry = weigh(circle, "75.5", days_ago=0, calf_left_cm=Decimal("30.5"))
    DisplayPreferences.objects.create(user=circle.owner, units="imperial")
    imperial = plain(client_for(circle.owner).get(detail_url(entry)))
    metric = plain(client_for(circle.viewer).get(detail_url(entry)))
    assert "166.4 lb · 75.5 kg" in imperial and "12.0 in · 30.5 cm" in imperial
    assert "75.5 kg · 166.4 lb" in metric and "30.5 cm · 12.0 in" in metric


def test_an_estimated_weight_alert_says_it_was_estimated(circle, client_for):
    weigh(circle, "70", days_ago=100)
    entry = weigh(circle, "62", days_ago=0, method="estimated")
    detail = plain(client_for(circle.owner).get(detail_url(entry)))
    assert "Weight is down 11.4 % in six months" in detail and "estimated, not weighed" in detail


def test_no_alert_without_a_loss(circle, client_for):
    weigh(circle, "70", days_ago=20)
    entry = weigh(circle, "70.5", days_ago=0)
    assert "Weight is down" not in client_for(circle.owner).get(detail_url(entry)).content.decode()
    assert TimelineEntry.objects.get(entry_id=entry.pk).data["weight_alert"] is None


def test_deleting_the_heavier_weight_clears_the_alert_of_the_later_one(circle):
    heavy = weigh(circle, "80", days_ago=20)
    later = weigh(circle, "70", days_ago=0)
    assert TimelineEntry.objects.get(entry_id=later.pk).data["weight_alert"]["window"] == "month"
    heavy.soft_delete()
    assert TimelineEntry.objects.get(entry_id=later.pk).data["weight_alert"] is None


def test_a_weight_added_afterwards_for_an_earlier_day_updates_the_later_alerts(circle):
    later = weigh(circle, "70", days_ago=0)
    assert TimelineEntry.objects.get(entry_id=later.pk).data["weight_alert"] is None
    weigh(circle, "80", days_ago=10)
    assert TimelineEntry.objects.get(entry_id=later.pk).data["weight_alert"]["percent"] == 12.5


def test_the_timeline_shows_weights_in_each_members_units(circle, client_for):
    DisplayPreferences.objects.create(user=circle.viewer, units=Units.IMPERIAL)
    weigh(circle, "72.57", days_ago=0, calf_left_cm=Decimal("34.04"))
    url = reverse("logs:timeline", args=[circle.patient.pk])
    assert "weight 160.0 lb" in plain(client_for(circle.viewer).get(url))
    owner_view = plain(client_for(circle.owner).get(url))
    assert "weight 72.6 kg" in owner_view and "left calf 34.0 cm" in owner_view


@pytest.mark.parametrize("sex,calf,flagged", [(Sex.MALE, "33.9", True), (Sex.MALE, "34.0", False),
                                              (Sex.FEMALE, "32.9", True), (Sex.FEMALE, "33.0", False),
                                              ("", "25.0", False)])
def test_a_small_calf_is_flagged_by_the_cut_off_for_the_patients_sex(sex, calf, flagged, circle, client_for):
    circle.patient.sex = sex
    circle.patient.save()
    entry = Measurement.objects.create(patient=circle.patient, calf_right_cm=Decimal(calf))
    client = client_for(circle.owner)
    detail = client.get(detail_url(entry)).content.decode()
    assert ("screening cut-off for" in detail) is flagged
    timeline = client.get(reverse("logs:timeline", args=[circle.patient.pk])).content.decode()
    assert ("calf under the screening cut-off" in timeline) is flagged


def test_swelling_comes_with_a_caution_about_the_calf(circle, client_for):
    entry = Measurement.objects.create(patient=circle.patient, calf_left_cm=Decimal("36"), oedema=True)
    detail = client_for(circle.owner).get(detail_url(entry)).content.decode()
    assert "makes the calf measure bigger than the muscle is" in detail


def test_a_small_upper_arm_is_mentioned_with_the_clinicians_as_the_next_step(circle, client_for):
    entry = Measurement.objects.create(patient=circle.patient, muac_cm=Decimal("24"), muac_side="left")
    detail = plain(client_for(circle.owner).get(detail_url(entry)))
    assert "23.5 cm to 25.0 cm or less can go with a low body weight" in detail


# --- meals ----------------------------------------------------------------------------------

def test_a_caregiver_records_a_meal(circle, client_for):
    client_for(circle.caregiver).post(new_url(circle, "nutrition"), meal())
    entry = NutritionEntry.objects.get()
    assert (entry.meal, entry.portion, entry.protein_servings, entry.fluids_ml) == ("lunch", "half", 2, 250)


def test_drinks_alone_need_no_portion_but_a_meal_does(circle, client_for):
    client = client_for(circle.caregiver)
    refused = client.post(new_url(circle, "nutrition"), meal(portion=""))
    assert "Choose how much was eaten." in str(refused.context["form"].errors["portion"])
    client.post(new_url(circle, "nutrition"), meal(meal="drink", portion="", fluids_ml="300"))
    assert NutritionEntry.objects.get().fluids_ml == 300


@pytest.mark.parametrize("changes,field", [({"protein_servings": "11"}, "protein_servings"),
                                           ({"fluids_ml": "5001"}, "fluids_ml"),
                                           ({"fluids_ml": "-5"}, "fluids_ml"),
                                           ({"meal": "feast"}, "meal")])
def test_out_of_range_meal_values_are_refused_next_to_the_field(changes, field, circle, client_for):
    response = client_for(circle.caregiver).post(new_url(circle, "nutrition"), meal(supplement="Ensure", **changes))
    assert field in response.context["form"].errors and 'value="Ensure"' in response.content.decode()
    assert not NutritionEntry.objects.exists()


def test_coughing_when_swallowing_brings_a_calm_message_and_the_guidance(circle, client_for):
    client = client_for(circle.caregiver)
    response = client.post(new_url(circle, "nutrition"), meal(coughing_or_choking="on"), follow=True)
    page = response.content.decode()
    assert "Please tell the clinician" in page
    assert reverse("guidance:article", kwargs={"slug": "nutrition-swallowing"}) in page
    timeline = client.get(reverse("logs:timeline", args=[circle.patient.pk])).content.decode()
    assert "coughed or choked when swallowing" in timeline


def test_completing_a_meal_reminder_opens_this_log_and_marks_it_done(circle, client_for):
    schedule = Schedule.objects.create(patient=circle.patient, kind=Kind.MEAL, recurrence=Recurrence.INTERVAL,
                                       interval_minutes=240, starts_at=timezone.now() - timedelta(minutes=5))
    materialise_patient(circle.patient)
    occurrence = schedule.occurrences.order_by("due_at").first()
    client = client_for(circle.caregiver)
    form = client.get(new_url(circle, "nutrition") + f"?occurrence={occurrence.pk}").content.decode()
    assert f'name="occurrence" value="{occurrence.pk}"' in form
    client.post(new_url(circle, "nutrition"), meal(occurrence=occurrence.pk))
    occurrence.refresh_from_db()
    assert occurrence.status == Occurrence.Status.DONE and NutritionEntry.objects.count() == 1


# --- rights -------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["measurement", "nutrition"])
@pytest.mark.parametrize("role", ROLES)
def test_only_owners_and_caregivers_may_add(kind, role, circle, client_for):
    client = client_of(client_for, circle, role)
    data = measurement(weight_kg="70") if kind == "measurement" else meal()
    response = client.post(new_url(circle, kind), data)
    expected = {"owner": 302, "caregiver": 302, "viewer": 403, "stranger": 404, "anonymous": 302}[role]
    assert response.status_code == expected
    saved = Measurement.objects.count() + NutritionEntry.objects.count()
    assert saved == (1 if role in ("owner", "caregiver") else 0)


@pytest.mark.parametrize("role,status", [("owner", 200), ("caregiver", 200), ("viewer", 200), ("stranger", 404),
                                         ("anonymous", 302)])
def test_every_member_may_read_an_entry(role, status, circle, client_for):
    for entry in (weigh(circle, "70", 0), NutritionEntry.objects.create(patient=circle.patient, meal="drink")):
        assert client_of(client_for, circle, role).get(detail_url(entry)).status_code == status


@pytest.mark.parametrize("role,status", [("owner", 302), ("caregiver", 302), ("viewer", 403), ("stranger", 404),
                                         ("anonymous", 302)])
def test_the_author_and_owners_may_change_an_entry(role, status, circle, client_for):
    entry = weigh(circle, "70", 0)
    client = client_of(client_for, circle, role)
    edit = reverse("logs:edit", args=[circle.patient.pk, "measurement", entry.pk])
    assert client.post(edit, measurement(weight_kg="71")).status_code == status
    entry.refresh_from_db()
    assert entry.weight_kg == (Decimal("71") if status == 302 and role != "anonymous" else Decimal("70"))


def test_a_caregiver_may_not_change_another_members_entry(circle, client_for):
    entry = Measurement.objects.create(patient=circle.patient, recorded_by=circle.owner, weight_kg=Decimal("70"),
                                       weight_method="bed_scale")
    edit = reverse("logs:edit", args=[circle.patient.pk, "measurement", entry.pk])
    assert client_for(circle.caregiver).post(edit, measurement(weight_kg="71")).status_code == 403


def test_the_units_page_saves_a_members_own_choice_only(circle, client_for):
    client = client_for(circle.caregiver)
    assert client.get(reverse("measurements:units")).status_code == 200
    response = client.post(reverse("measurements:units"), {"units": "imperial", "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == reverse("measurements:units")
    assert DisplayPreferences.objects.get(user=circle.caregiver).units == Units.IMPERIAL
    assert not DisplayPreferences.objects.filter(user=circle.owner).exists()
    refused = client.post(reverse("measurements:units"), {"units": "furlongs"})
    assert refused.status_code == 200 and DisplayPreferences.objects.get().units == Units.IMPERIAL


def test_the_units_page_goes_back_to_the_form_it_came_from(circle, client_for):
    back = new_url(circle)
    response = client_for(circle.caregiver).post(reverse("measurements:units"), {"units": "metric", "next": back})
    assert response["Location"] == back


def test_the_units_page_asks_anonymous_visitors_to_sign_in(client):
    response = client.get(reverse("measurements:units"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


# --- queries ------------------------------------------------------------------------------

def test_the_timeline_with_many_measurements_and_meals_stays_at_a_few_queries(circle, client_for,
                                                                           django_assert_max_num_queries):
    DisplayPreferences.objects.create(user=circle.viewer, units=Units.IMPERIAL)
    for day in range(40):
        weigh(circle, str(80 - day / 4), day, calf_left_cm=Decimal("33"), muac_cm=Decimal("24"))
        NutritionEntry.objects.create(patient=circle.patient, meal="lunch", portion="half", coughing_or_choking=True,
                                      occurred_at=timezone.now() - timedelta(days=day, hours=1))
    client = client_for(circle.viewer)
    url = reverse("logs:timeline", args=[circle.patient.pk])
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.content.decode().count(" lb") == 15  # one page of 30: 15 measurements, 15 meals


def test_weights_and_calves_for_the_charts_are_one_query(circle, django_assert_num_queries):
    weigh(circle, "70", 3, calf_left_cm=Decimal("33"))
    weigh(circle, "71", 2)
    Measurement.objects.create(patient=circle.patient, calf_right_cm=Decimal("34.5"),
                               occurred_at=timezone.now() - timedelta(days=1))
    weigh(circle, "90", 1).soft_delete()
    Measurement.objects.create(patient=circle.other_patient, weight_kg=Decimal("50"), weight_method="bed_scale")
    with django_assert_num_queries(1):
        found = series.weights_and_calves(circle.patient, since=timezone.now() - timedelta(days=30))
    weights = found["weight"]
    assert [v for _at, v in weights] == [70.0, 71.0]
    assert [v for _at, v in found["left"]] == [33.0] and [v for _at, v in found["right"]] == [34.5]
    assert weights[0][0] < weights[1][0]


@pytest.mark.parametrize("role,status", [("owner", 302), ("caregiver", 302), ("viewer", 403), ("stranger", 404),
                                         ("anonymous", 302)])
def test_only_the_author_or_an_owner_may_delete_a_meal(role, status, circle, client_for):
    entry = NutritionEntry.objects.create(patient=circle.patient, recorded_by=circle.caregiver, meal="drink")
    url = reverse("logs:delete", args=[circle.patient.pk, "nutrition", entry.pk])
    assert client_of(client_for, circle, role).post(url).status_code == status
    entry.refresh_from_db()
    assert (entry.deleted_at is not None) is (role in ("owner", "caregiver"))


@pytest.mark.parametrize("language", ["es", "ar"])
def test_every_page_of_this_feature_renders_in_another_language(language, circle, client_for):
    circle.owner.language = language
    circle.owner.save()
    circle.patient.sex = Sex.MALE
    circle.patient.save()
    weigh(circle, "80", 20)
    entry = weigh(circle, "70", 0, calf_left_cm=Decimal("30"), muac_cm=Decimal("22"), oedema=True)
    drink = NutritionEntry.objects.create(patient=circle.patient, meal="lunch", portion="half",
                                          coughing_or_choking=True)
    client = client_for(circle.owner)
    urls = [new_url(circle), new_url(circle, "nutrition"), detail_url(entry), detail_url(drink),
            reverse("logs:timeline", args=[circle.patient.pk]), reverse("measurements:units")]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert f'lang="{language}"' in response.content.decode()
    if language == "es":
        assert "70,0 kg" in plain(client.get(detail_url(entry)))


@pytest.mark.parametrize("local_time,expected", [("08:00", "breakfast"), ("13:00", "lunch"), ("19:30", "dinner"),
                                                 ("16:30", "snack"), ("03:00", "snack")])
def test_the_meal_is_guessed_from_the_patients_clock(local_time, expected, circle):
    import zoneinfo
    from datetime import datetime

    from core.measurements.forms import guess_meal

    hour, minute = map(int, local_time.split(":"))
    now = datetime(2025, 3, 3, hour, minute, tzinfo=zoneinfo.ZoneInfo(circle.patient.time_zone))
    assert guess_meal(circle.patient, now) == expected


def test_the_database_refuses_an_empty_or_out_of_range_measurement(circle):
    from django.db import IntegrityError, transaction

    for values in ({}, {"weight_kg": Decimal("0"), "weight_method": "bed_scale"}, {"muac_cm": Decimal("70")}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Measurement.objects.create(patient=circle.patient, **values)
    assert not TimelineEntry.objects.exists()
