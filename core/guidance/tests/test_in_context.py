"""Each in-context link lands on the right article, on the page where it is needed."""

from django.urls import reverse

from core.movement.tests.helpers import item, new_session, step_url


def article(slug):
    return reverse("guidance:article", args=[slug])


def test_the_skin_check_form_links_to_checking_the_skin(circle, client_for):
    page = client_for(circle.caregiver).get(reverse("skin:new", args=[circle.patient.pk])).content.decode()
    assert f'class="guide-link" href="{article("checking-skin")}"' in page


def test_the_braden_form_links_to_repositioning(circle, client_for):
    page = client_for(circle.caregiver).get(reverse("logs:new", args=[circle.patient.pk, "braden"])).content.decode()
    assert f'class="guide-link" href="{article("repositioning")}"' in page


def test_each_passive_movement_step_links_to_its_joint_page(circle, client_for):
    client = client_for(circle.caregiver)
    for code, slug in (("shoulder_flexion", "prom-shoulder"), ("ankle_dorsiflexion", "prom-ankle-foot"),
                       ("neck_rotation", "prom-neck")):
        session = new_session(circle.patient, circle.caregiver, items=[item(code, sides="left")])
        page = client.get(step_url(session)).content.decode()
        assert f'class="guide-link" href="{article(slug)}"' in page, code


def test_stopping_for_swelling_or_a_suspected_clot_points_to_the_red_flags(circle, client_for):
    client = client_for(circle.caregiver)
    session = new_session(circle.patient, circle.caregiver, items=[item("hip_knee_bend", sides="left")])
    page = client.get(step_url(session)).content.decode()
    # Not the header's "When to call": the link shown with the stop reasons themselves.
    assert f'class="guide-link" href="{article("red-flags")}"' in page
