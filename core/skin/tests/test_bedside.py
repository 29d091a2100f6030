"""The bedside flow: all clear in one tap, a finding with its photos, the clinician message."""

import uuid

import pytest
from django.urls import reverse

from core.logs.models import TimelineEntry
from core.skin.models import Finding, SkinCheck, WoundPhoto

from .factories import jpeg_upload, make_check, make_finding
from .helpers import finding_data, new_url

CLINICIAN = "Contact your clinician"


def post_finding(client, circle, follow=True, url=None, **fields):
    return client.post(url or new_url(circle), finding_data(**fields), follow=follow)


# --- All clear --------------------------------------------------------------------

def test_all_clear_is_one_tap(circle, client_for):
    client = client_for(circle.caregiver)
    page = client.get(new_url(circle))
    entry_id = page.context["form"]["entry_id"].value()
    response = client.post(reverse("skin:all_clear", args=[circle.patient.pk]), {"entry_id": entry_id},
                           follow=True)
    check = SkinCheck.objects.get()
    assert check.all_clear and str(check.pk) == str(entry_id) and check.recorded_by == circle.caregiver
    assert TimelineEntry.objects.get(entry_id=check.pk).data["all_clear"] is True
    assert b"All clear" in response.content


def test_a_double_tap_on_all_clear_saves_once(circle, client_for):
    client = client_for(circle.caregiver)
    url = reverse("skin:all_clear", args=[circle.patient.pk])
    entry_id = str(uuid.uuid4())
    client.post(url, {"entry_id": entry_id})
    second = client.post(url, {"entry_id": entry_id}, follow=True)
    assert SkinCheck.objects.count() == 1
    assert TimelineEntry.objects.filter(kind="skin_check").count() == 1
    assert b"already saved" in second.content


def test_all_clear_with_someone_elses_entry_id_is_not_found(circle, client_for):
    theirs = make_check(circle.other_patient, circle.stranger, all_clear=True)
    response = client_for(circle.caregiver).post(reverse("skin:all_clear", args=[circle.patient.pk]),
                                                 {"entry_id": str(theirs.pk)})
    assert response.status_code == 404
    assert SkinCheck.objects.count() == 1


def test_all_clear_without_an_entry_id_saves_nothing(circle, client_for):
    client_for(circle.caregiver).post(reverse("skin:all_clear", args=[circle.patient.pk]), {"entry_id": "nope"})
    assert not SkinCheck.objects.exists()


def test_all_clear_from_a_reminder_marks_the_reminder_done(circle, client_for):
    from core.reminders.models import Kind, Occurrence, Schedule
    from core.reminders.planning import materialise_patient

    Schedule.objects.create(patient=circle.patient, kind=Kind.SKIN_CHECK, interval_minutes=24 * 60)
    materialise_patient(circle.patient)
    occurrence = Occurrence.objects.filter(patient=circle.patient, kind=Kind.SKIN_CHECK).first()
    client_for(circle.caregiver).post(reverse("skin:all_clear", args=[circle.patient.pk]),
                                      {"entry_id": str(uuid.uuid4()), "occurrence": occurrence.pk})
    occurrence.refresh_from_db()
    assert occurrence.status == "done" and occurrence.done_by == circle.caregiver


def test_the_log_menus_new_skin_check_opens_the_body_map(circle, client_for):
    response = client_for(circle.caregiver).get(reverse("logs:new", args=[circle.patient.pk, "skin_check"]))
    assert response.status_code == 302 and response["Location"] == new_url(circle)


# --- A finding ----------------------------------------------------------------------

def test_tapping_a_place_on_the_body_map_preselects_it(circle, client_for):
    response = client_for(circle.caregiver).get(new_url(circle, site="heel", side="left"))
    form = response.context["form"]
    assert form["site"].value() == "heel" and form["side"].value() == "left"
    assert b'aria-current="true"' in response.content


def test_every_place_on_the_map_is_a_named_link_that_works_without_javascript(circle, client_for):
    from core.skin.bodymap import SPOTS

    html = client_for(circle.caregiver).get(new_url(circle)).content.decode()
    drawing = html.split('aria-label="Body map', 1)[1].split("</svg>", 1)[0]
    for spot in SPOTS:
        assert f'href="?site={spot.site}&amp;side={spot.side}#finding" aria-label="' in drawing
    assert drawing.count("<a href=") == drawing.count("aria-label=") == len(SPOTS)
    # The plain list offers the same places (and a few too small to draw).
    listed = html.split("Choose the place from a list", 1)[1]
    for spot in SPOTS:
        assert f'href="?site={spot.site}&amp;side={spot.side}#finding"' in listed


def test_the_map_keeps_the_reminder_it_was_opened_from(circle, client_for):
    from core.reminders.models import Kind, Occurrence, Schedule
    from core.reminders.planning import materialise_patient

    Schedule.objects.create(patient=circle.patient, kind=Kind.SKIN_CHECK, interval_minutes=24 * 60)
    materialise_patient(circle.patient)
    occurrence = Occurrence.objects.filter(patient=circle.patient, kind=Kind.SKIN_CHECK).first()
    client = client_for(circle.caregiver)
    html = client.get(new_url(circle, occurrence=occurrence.pk)).content.decode()
    assert f"?occurrence={occurrence.pk}&amp;site=heel" in html
    assert f'name="occurrence" value="{occurrence.pk}"' in html
    # Another patient's reminder, or a made-up one, is dropped.
    assert "occurrence=" not in client.get(new_url(circle, occurrence=999999)).content.decode()


def test_a_finding_is_saved_with_its_photos_in_one_go(circle, client_for):
    client = client_for(circle.caregiver)
    response = post_finding(client, circle, category="stage_1", blanch="does_not_blanch",
                            photos=[jpeg_upload("a.jpg"), jpeg_upload("b.jpg", color="red")])
    finding = Finding.objects.get()
    assert finding.photos.count() == 2
    assert finding.skin_check.recorded_by == circle.caregiver
    assert response.redirect_chain[-1][0] == reverse("skin:detail", args=[circle.patient.pk, finding.skin_check.pk])
    assert TimelineEntry.objects.get(entry_id=finding.skin_check.pk).data["findings"] == 1


def test_a_replayed_finding_is_saved_once(circle, client_for):
    client = client_for(circle.caregiver)
    data = finding_data(category="stage_2")
    client.post(new_url(circle), data)
    again = client.post(new_url(circle), data, follow=True)
    assert Finding.objects.count() == 1 and SkinCheck.objects.count() == 1
    assert b"already saved" in again.content


def test_a_second_finding_joins_the_same_check(circle, client_for):
    client = client_for(circle.caregiver)
    first = finding_data(category="stage_1")
    client.post(new_url(circle), first)
    check = SkinCheck.objects.get()
    page = client.get(new_url(circle, check=check.pk))
    assert str(page.context["form"]["entry_id"].value()) == str(check.pk)
    client.post(new_url(circle), finding_data(entry_id=str(check.pk), site="heel", side="right",
                                              category="stage_2"))
    assert SkinCheck.objects.count() == 1 and check.findings.count() == 2
    assert TimelineEntry.objects.get(entry_id=check.pk).data["findings"] == 2


def test_a_finding_after_all_clear_on_the_same_page_turns_the_check_into_a_finding(circle, client_for):
    client = client_for(circle.caregiver)
    entry_id = str(uuid.uuid4())
    client.post(reverse("skin:all_clear", args=[circle.patient.pk]), {"entry_id": entry_id})
    client.post(new_url(circle), finding_data(entry_id=entry_id, category="stage_1"))
    check = SkinCheck.objects.get()
    assert not check.all_clear and check.findings.count() == 1


def test_a_finding_cannot_be_slipped_into_another_patients_check(circle, client_for):
    theirs = make_check(circle.other_patient, circle.stranger)
    response = post_finding(client_for(circle.owner), circle, follow=False, entry_id=str(theirs.pk))
    assert response.status_code == 404
    assert not Finding.objects.exists()


def test_a_finding_cannot_reuse_the_id_of_another_kind_of_entry(circle, client_for):
    from core.logs.models import Repositioning

    turn = Repositioning.objects.create(patient=circle.patient, recorded_by=circle.caregiver, position="supine")
    response = post_finding(client_for(circle.caregiver), circle, follow=False, entry_id=str(turn.pk))
    assert response.status_code == 404
    assert not Finding.objects.exists() and not SkinCheck.objects.exists()


def test_a_replayed_finding_id_from_another_patient_is_not_confirmed(circle, client_for):
    theirs = make_finding(circle.other_patient, circle.stranger)
    response = post_finding(client_for(circle.caregiver), circle, follow=False, finding_id=str(theirs.pk))
    assert response.status_code == 404
    assert Finding.objects.count() == 1


def test_a_caregiver_cannot_add_to_a_check_someone_else_recorded(circle, client_for):
    owners = make_check(circle.patient, circle.owner)
    client = client_for(circle.caregiver)
    assert client.get(new_url(circle, check=owners.pk)).status_code == 403
    assert post_finding(client, circle, follow=False, entry_id=str(owners.pk)).status_code == 403
    assert not Finding.objects.exists()


def test_bad_answers_are_explained_next_to_the_field_and_kept(circle, client_for):
    response = post_finding(client_for(circle.caregiver), circle, category="stage_2", length_cm="60",
                            width_cm="2", note="by the left buttock")
    assert response.status_code == 200
    form = response.context["form"]
    assert "length_cm" in form.errors
    assert response.context["details_open"] is True
    assert b"by the left buttock" in response.content and b'value="60"' in response.content
    assert not SkinCheck.objects.exists()


def test_a_lower_stage_than_before_is_refused_at_the_bedside(circle, client_for):
    make_finding(circle.patient, circle.caregiver, days_ago=3, site="sacrum", side="centre", category="stage_3")
    response = post_finding(client_for(circle.caregiver), circle, category="stage_2")
    assert "category" in response.context["form"].errors
    assert Finding.objects.count() == 1


def test_the_form_proposes_the_worst_stage_of_a_place_already_watched(circle, client_for):
    make_finding(circle.patient, circle.caregiver, days_ago=3, site="sacrum", side="centre", category="stage_3")
    response = client_for(circle.caregiver).get(new_url(circle, site="sacrum", side="centre"))
    assert response.context["form"]["category"].value() == "stage_3"
    assert b"keeps its worst stage" in response.content


def test_a_future_time_is_refused(circle, client_for):
    response = post_finding(client_for(circle.caregiver), circle, occurred_at="2999-01-01T10:00")
    assert "occurred_at" in response.context["form"].errors
    assert not SkinCheck.objects.exists()


# --- Contact your clinician -----------------------------------------------------------

@pytest.mark.parametrize("fields", [
    {"category": "stage_2"}, {"category": "stage_3"}, {"category": "stage_4"}, {"category": "unstageable"},
    {"category": "dtpi"},
    {"category": "stage_1", "odour": "on"},
    {"category": "stage_1", "periwound_inflamed": "on"},
    {"category": "stage_1", "exudate_amount": "light", "exudate_type": "purulent"},
])
def test_stage_2_or_worse_or_infection_shows_contact_your_clinician(circle, client_for, fields):
    response = post_finding(client_for(circle.caregiver), circle, **fields)
    html = response.content.decode()
    assert CLINICIAN in html
    assert reverse("guidance:article", kwargs={"slug": "red-flags"}) in html


def test_signs_of_infection_are_named_as_such(circle, client_for):
    response = post_finding(client_for(circle.caregiver), circle, category="stage_1", odour="on")
    assert b"can mean infection" in response.content


@pytest.mark.parametrize("fields", [{"category": "stage_1", "blanch": "does_not_blanch"},
                                    {"category": "unsure"},
                                    {"category": "mucosal", "site": "lips"}])
def test_a_shallow_clean_finding_gets_calm_advice_not_an_alarm(circle, client_for, fields):
    response = post_finding(client_for(circle.caregiver), circle, **fields)
    html = response.content.decode()
    assert CLINICIAN not in html
    assert "Keep weight off this place" in html


def test_the_form_links_to_the_skin_checking_guidance(circle, client_for):
    html = client_for(circle.caregiver).get(new_url(circle)).content.decode()
    assert reverse("guidance:article", kwargs={"slug": "checking-skin"}) in html


# --- Who may do what ----------------------------------------------------------------

def test_a_viewer_can_see_but_not_add(circle, client_for):
    finding = make_finding(circle.patient, circle.caregiver, photos=1)
    viewer = client_for(circle.viewer)
    detail = viewer.get(reverse("skin:detail", args=[circle.patient.pk, finding.skin_check.pk]))
    assert detail.status_code == 200 and b"Add another finding" not in detail.content
    index = viewer.get(reverse("skin:index", args=[circle.patient.pk]))
    assert index.status_code == 200 and new_url(circle).encode() not in index.content
    photo = finding.photos.get()
    assert viewer.get(reverse("skin:photo", args=[circle.patient.pk, photo.pk])).status_code == 200
    assert viewer.get(new_url(circle)).status_code == 403
    assert viewer.post(new_url(circle), finding_data(category="stage_2")).status_code == 403
    assert viewer.post(reverse("skin:all_clear", args=[circle.patient.pk]),
                       {"entry_id": str(uuid.uuid4())}).status_code == 403
    assert Finding.objects.count() == 1 and SkinCheck.objects.count() == 1


def test_a_stranger_finds_nothing(circle, client_for):
    finding = make_finding(circle.patient, circle.caregiver, photos=1)
    stranger = client_for(circle.stranger)
    for url in (reverse("skin:index", args=[circle.patient.pk]),
                reverse("skin:detail", args=[circle.patient.pk, finding.skin_check.pk]),
                reverse("skin:site", args=[circle.patient.pk, "heel", "left"]),
                new_url(circle)):
        assert stranger.get(url).status_code == 404
    # Their own patient's address with our check's id: still not found.
    assert stranger.get(reverse("skin:detail", args=[circle.other_patient.pk, finding.skin_check.pk])
                        ).status_code == 404


def test_the_generic_edit_page_changes_the_note_but_not_all_clear(circle, client_for):
    check = make_check(circle.patient, circle.caregiver, all_clear=True)
    client = client_for(circle.caregiver)
    url = reverse("logs:edit", args=[circle.patient.pk, "skin_check", check.pk])
    client.post(url, {"note": "Heels fine", "all_clear": "", "occurred_at":
                      check.occurred_at.strftime("%Y-%m-%dT%H:%M")})
    check.refresh_from_db()
    assert check.note == "Heels fine" and check.all_clear is True


def test_an_unknown_site_or_side_is_not_found(circle, client_for):
    client = client_for(circle.caregiver)
    assert client.get(reverse("skin:site", args=[circle.patient.pk, "elbowz", "left"])).status_code == 404
    assert client.get(reverse("skin:site", args=[circle.patient.pk, "sacrum", "left"])).status_code == 404


def test_the_timeline_says_all_clear_or_the_findings_and_the_worst(circle, client_for):
    make_check(circle.patient, circle.caregiver, all_clear=True)
    make_finding(circle.patient, circle.caregiver, site="sacrum", side="centre", category="stage_3")
    html = client_for(circle.viewer).get(reverse("logs:timeline", args=[circle.patient.pk])).content.decode()
    assert "all clear" in html
    assert "1 finding" in html and "worst: Stage 3" in html and "contact your clinician" in html


def test_pages_render_in_other_languages_with_unlocalised_drawing_numbers(circle, client_for):
    make_finding(circle.patient, circle.caregiver, photos=1)
    for language in ("es", "ar"):
        circle.caregiver.language = language
        circle.caregiver.save()
        client = client_for(circle.caregiver)
        html = client.get(new_url(circle)).content.decode()
        assert f'lang="{language}"' in html
        assert 'cx="172.5"' in html  # a comma here ("172,5") would break the drawing
        assert client.get(reverse("skin:index", args=[circle.patient.pk])).status_code == 200
        assert client.get(reverse("skin:site", args=[circle.patient.pk, "heel", "left"])).status_code == 200


def test_after_a_mistake_the_form_asks_to_choose_the_photos_again(circle, client_for):
    response = post_finding(client_for(circle.caregiver), circle, category="stage_2", length_cm="99",
                            width_cm="1", photos=[jpeg_upload()])
    assert b"choose the photos again" in response.content
    assert not WoundPhoto.objects.exists()


def test_the_generic_detail_and_delete_pages_work_for_a_skin_check(circle, client_for):
    finding = make_finding(circle.patient, circle.caregiver, photos=1)
    check = finding.skin_check
    client = client_for(circle.caregiver)
    assert client.get(reverse("logs:detail", args=[circle.patient.pk, "skin_check", check.pk])).status_code == 200
    client.post(reverse("logs:delete", args=[circle.patient.pk, "skin_check", check.pk]))
    assert client.get(reverse("skin:detail", args=[circle.patient.pk, check.pk])).status_code == 404
    photo = finding.photos.get()
    assert client.get(reverse("skin:photo", args=[circle.patient.pk, photo.pk])).status_code == 404
    assert TimelineEntry.objects.get(entry_id=check.pk).deleted


def test_an_all_clear_sent_late_keeps_the_time_the_page_was_opened(circle, client_for):
    from datetime import timedelta

    from django.utils import timezone

    client = client_for(circle.caregiver)
    opened = timezone.localtime() - timedelta(hours=3)  # tapped with no signal, sent when back online
    client.post(reverse("skin:all_clear", args=[circle.patient.pk]),
                {"entry_id": str(uuid.uuid4()), "occurred_at": opened.strftime("%Y-%m-%dT%H:%M")})
    assert abs(SkinCheck.objects.get().occurred_at - opened) < timedelta(minutes=1)


def test_an_all_clear_with_an_impossible_time_is_dated_now(circle, client_for):
    from datetime import timedelta

    from django.utils import timezone

    client_for(circle.caregiver).post(reverse("skin:all_clear", args=[circle.patient.pk]),
                                      {"entry_id": str(uuid.uuid4()), "occurred_at": "2999-01-01T10:00"})
    assert abs(SkinCheck.objects.get().occurred_at - timezone.now()) < timedelta(minutes=1)


def test_the_all_clear_button_can_wait_for_a_signal(circle, client_for):
    html = client_for(circle.caregiver).get(new_url(circle)).content.decode()
    form = html.split('class="all-clear"', 1)[1].split("</form>", 1)[0]
    assert "data-enhance" in form and 'name="occurred_at"' in form and 'name="entry_id"' in form
