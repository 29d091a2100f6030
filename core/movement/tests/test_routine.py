"""The movements as data, the routine in the care plan, and its editor."""

import pytest
from django.core.exceptions import ValidationError

from core.movement import catalogue
from core.movement.catalogue import MOVEMENTS, Side
from core.movement.models import Routine, default_items, plan_steps

from .helpers import item, routine_url

ROLES = ["owner", "caregiver", "viewer", "stranger", "anonymous"]


def test_every_movement_has_an_existing_illustration_and_a_guidance_page():
    from django.conf import settings

    from core.guidance import articles
    from core.guidance.links import slug_for

    for movement in MOVEMENTS.values():
        assert (settings.BASE_DIR / "static" / movement.image_path).exists(), movement.code
        article, _ = articles.get(slug_for(movement.joint.guide), "en")
        assert movement.image in [name for _alt, name in article.images], movement.code


def test_the_catalogue_covers_every_joint_of_the_clinical_table():
    assert set(catalogue.GROUPS) == {"neck", "shoulder", "elbow_forearm", "wrist", "fingers_thumb", "hip_knee",
                                     "ankle_foot"}
    assert len(MOVEMENTS) == 19
    assert [m.code for m in MOVEMENTS.values() if not m.bilateral] == [
        "neck_rotation", "neck_side_tilt", "neck_chin_to_chest"]


def test_a_new_patient_gets_every_movement_on_both_sides_ten_times(circle):
    routine = Routine.for_patient(circle.patient)
    assert routine.pk is None
    assert routine.items == default_items()
    assert all(i["sides"] == "both" and i["reps"] == 10 for i in routine.items)
    steps = routine.plan()
    assert len(steps) == 3 + 2 * 16  # the neck once, every other movement on each side


def test_a_session_does_the_neck_then_one_arm_then_the_other_then_each_leg():
    steps = plan_steps(default_items())
    regions = [(MOVEMENTS[code].region, side) for code, side, _reps in steps]
    order = []
    for key in regions:
        if not order or order[-1] != key:
            order.append(key)
    assert order == [("neck", Side.NONE), ("arm", Side.LEFT), ("arm", Side.RIGHT), ("leg", Side.LEFT),
                     ("leg", Side.RIGHT)]
    assert steps[3] == ["shoulder_flexion", "left", 10]


def test_one_sided_movements_appear_only_on_their_side():
    steps = plan_steps([item("elbow_flexion", "right", 5), item("neck_rotation", "left", 3),
                        item("ankle_circles", "left", 12)])
    assert steps == [["neck_rotation", "none", 3], ["elbow_flexion", "right", 5], ["ankle_circles", "left", 12]]


@pytest.mark.parametrize("reps, ok", [(0, False), (1, True), (10, True), (30, True), (31, False)])
def test_repetitions_must_be_between_1_and_30(circle, reps, ok):
    routine = Routine(patient=circle.patient, items=[item("wrist_flexion", reps=reps)])
    if ok:
        routine.full_clean()
    else:
        with pytest.raises(ValidationError):
            routine.full_clean()


@pytest.mark.parametrize("items", [
    [item("moonwalk")],
    [item("wrist_flexion", sides="middle")],
    [item("wrist_flexion"), item("wrist_flexion")],
    [{"movement": "wrist_flexion", "sides": "both", "reps": "10"}],
    "wrist_flexion",
])
def test_a_routine_with_unknown_or_malformed_movements_is_refused(circle, items):
    with pytest.raises(ValidationError):
        Routine(patient=circle.patient, items=items).full_clean()


def _form_data(**changes):
    data = {}
    for code, movement in MOVEMENTS.items():
        data[f"include_{code}"] = "on"
        data[f"reps_{code}"] = "10"
        if movement.bilateral:
            data[f"sides_{code}"] = "both"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_a_caregiver_changes_the_routine_and_it_keeps_a_history(circle, client_for):
    client = client_for(circle.caregiver)
    data = _form_data(include_neck_rotation=None, sides_wrist_flexion="left", reps_wrist_flexion="5")
    response = client.post(routine_url(circle.patient), data)
    assert response.status_code == 302
    routine = Routine.objects.get(patient=circle.patient)
    assert "neck_rotation" not in [i["movement"] for i in routine.items]
    assert {"movement": "wrist_flexion", "sides": "left", "reps": 5} in routine.items
    assert routine.updated_by == circle.caregiver
    assert routine.history.count() == 1
    page = client.get(routine_url(circle.patient)).content.decode()
    assert "Carlos" in page


@pytest.mark.parametrize("changes, field", [
    ({"reps_wrist_flexion": "31"}, "reps_wrist_flexion"),
    ({"reps_wrist_flexion": "0"}, "reps_wrist_flexion"),
    ({"reps_wrist_flexion": ""}, "reps_wrist_flexion"),
    ({"sides_wrist_flexion": "middle"}, "sides_wrist_flexion"),
])
def test_bad_repetitions_or_sides_are_refused_next_to_the_field_and_what_was_typed_stays(
        circle, client_for, changes, field):
    response = client_for(circle.owner).post(routine_url(circle.patient), _form_data(
        reps_hip_rotation="7", **changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert 'name="reps_hip_rotation" value="7"' in response.content.decode()
    assert not Routine.objects.exists()


def test_a_routine_without_any_movement_is_refused(circle, client_for):
    data = {k: v for k, v in _form_data().items() if not k.startswith("include_")}
    response = client_for(circle.owner).post(routine_url(circle.patient), data)
    assert "Choose at least one movement." in response.content.decode()
    assert not Routine.objects.exists()


def test_the_weak_side_is_asked_only_for_stroke_patients(circle, client_for):
    client = client_for(circle.owner)
    assert "Weak side after a stroke" not in client.get(routine_url(circle.patient)).content.decode()
    circle.patient.conditions = ["stroke"]
    circle.patient.save()
    assert "Weak side after a stroke" in client.get(routine_url(circle.patient)).content.decode()
    client.post(routine_url(circle.patient), _form_data(affected_side="left"))
    assert Routine.objects.get().affected_side == "left"


def test_a_viewer_sees_the_routine_but_cannot_change_it(circle, client_for):
    client = client_for(circle.viewer)
    page = client.get(routine_url(circle.patient))
    assert page.status_code == 200
    assert page.context["form"] is None
    assert "Lift the arm forward and up" in page.content.decode()
    assert "Start a session" not in page.content.decode()
    assert client.post(routine_url(circle.patient), _form_data()).status_code == 403
    assert not Routine.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_the_routine_page_answers_each_role(circle, client_for, role):
    client = client_for(None if role == "anonymous" else circle.users[role])
    get = client.get(routine_url(circle.patient))
    post = client.post(routine_url(circle.patient), _form_data(reps_toe_bends="3"))
    expected_get = {"owner": 200, "caregiver": 200, "viewer": 200, "stranger": 404, "anonymous": 302}[role]
    expected_post = {"owner": 302, "caregiver": 302, "viewer": 403, "stranger": 404, "anonymous": 302}[role]
    assert (get.status_code, post.status_code) == (expected_get, expected_post)
    assert Routine.objects.exists() == (role in ("owner", "caregiver"))
