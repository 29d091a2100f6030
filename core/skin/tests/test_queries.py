"""Pages that list findings stay at a fixed number of queries, however long the history."""

from decimal import Decimal

import pytest
from django.urls import reverse

from core.skin.models import Finding

from .factories import make_check, make_finding

MAX_QUERIES = 10


@pytest.fixture
def fifty_findings_with_photos(circle):
    # Seven weeks of daily checks of a healing sacral sore, each with a photo, and a second place.
    for day in range(50, 0, -1):
        check = make_check(circle.patient, circle.caregiver, days_ago=day)
        make_finding(circle.patient, circle.caregiver, check=check, site="sacrum", side="centre",
                     category="stage_3", healing="healing", length_cm=Decimal("1.0") + Decimal(day) / 10,
                     width_cm=Decimal("2.0"), exudate_amount="light", tissue="granulation",
                     photos=1 if day % 2 else 2)
        if day % 5 == 0:
            make_finding(circle.patient, circle.caregiver, check=check, site="heel", side="left",
                         category="stage_1")
    assert Finding.objects.count() == 60


@pytest.mark.parametrize("name, args", [
    ("skin:site", ["sacrum", "centre"]),
    ("skin:index", []),
    ("skin:new", []),
])
def test_skin_pages_use_a_bounded_number_of_queries(name, args, circle, client_for, fifty_findings_with_photos,
                                                    django_assert_max_num_queries):
    client = client_for(circle.owner)
    url = reverse(name, args=[circle.patient.pk, *args])
    client.get(url)  # warm the session
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url)
    assert response.status_code == 200


def test_the_site_history_shows_every_photo_side_by_side_and_the_push_trend(circle, client_for,
                                                                          fifty_findings_with_photos):
    response = client_for(circle.viewer).get(reverse("skin:site", args=[circle.patient.pk, "sacrum", "centre"]))
    html = response.content.decode()
    assert len(response.context["photos"]) == 75
    assert html.count('class="plain photo-compare"') == 1
    assert html.count("/thumbnail/") == 75
    assert html.count("<tr>") == 51  # a header row and one row per finding


def test_a_check_with_several_findings_and_photos_uses_a_bounded_number_of_queries(
        circle, client_for, django_assert_max_num_queries):
    check = make_check(circle.patient, circle.caregiver)
    for site, side in [("sacrum", "centre"), ("heel", "left"), ("heel", "right"), ("hip", "left"),
                       ("elbow", "right"), ("occiput", "centre")]:
        make_finding(circle.patient, circle.caregiver, check=check, site=site, side=side, photos=2)
    client = client_for(circle.owner)
    url = reverse("skin:detail", args=[circle.patient.pk, check.pk])
    client.get(url)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(url).status_code == 200
