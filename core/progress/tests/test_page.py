"""The Progress page: who may see it, the range selector, what each card shows."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from core.reminders.models import Kind, Occurrence, Recurrence, Schedule


def url(circle, **params):
    address = reverse("progress:index", args=[circle.patient.pk])
    return address + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


@pytest.mark.parametrize("role", ["owner", "caregiver", "viewer"])
def test_every_member_of_the_circle_sees_progress(role, circle, client_for):
    response = client_for(circle.users[role]).get(url(circle))
    assert response.status_code == 200
    assert b"Rosa" in response.content


def test_a_stranger_gets_not_found_and_an_anonymous_visitor_the_login_page(circle, client_for):
    assert client_for(circle.stranger).get(url(circle)).status_code == 404
    response = client_for(None).get(url(circle))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_progress_keeps_the_address_the_tabs_and_the_offline_test_know(circle):
    assert url(circle) == f"/p/{circle.patient.pk}/progress/"


def test_the_tab_bar_marks_progress_as_the_current_page(circle, client_for):
    html = client_for(circle.owner).get(url(circle)).content.decode()
    assert f'href="{url(circle)}" aria-current="page"' in html


def test_the_range_defaults_to_90_days_and_an_unknown_range_falls_back_to_it(circle, client_for):
    client = client_for(circle.owner)
    assert client.get(url(circle)).context["period"].days == 90
    assert client.get(url(circle, range="30")).context["period"].days == 30
    assert client.get(url(circle, range="365")).context["period"].days == 365
    assert client.get(url(circle, range="9999")).context["period"].days == 90
    html = client.get(url(circle, range="30")).content.decode()
    assert 'href="?range=30" aria-current="true"' in html


def test_without_any_history_each_card_says_so_in_words_and_keeps_its_expectation(circle, client_for):
    html = client_for(circle.viewer).get(url(circle)).content.decode()
    assert 'class="chart-svg' not in html
    assert "No turns were scheduled in this period." in html
    assert "about two weeks before a difference is felt" in html


def _turns(circle, days=10, every_hours=3, late_minutes=10):
    now = timezone.now()
    schedule = Schedule.objects.create(patient=circle.patient, kind=Kind.REPOSITIONING,
                                       recurrence=Recurrence.INTERVAL, interval_minutes=every_hours * 60,
                                       starts_at=now - timedelta(days=days))
    rows = []
    for i in range(days * 24 // every_hours):
        due = now - timedelta(hours=every_hours * (i + 1))
        missed = i % 5 == 0
        rows.append(Occurrence(schedule=schedule, patient=circle.patient, kind=Kind.REPOSITIONING, due_at=due,
                               status="pending" if missed else "done",
                               done_at=None if missed else due + timedelta(minutes=late_minutes)))
    Occurrence.objects.bulk_create(rows)


def test_turning_card_shows_a_chart_the_rule_the_last_value_and_a_real_table(circle, client_for):
    _turns(circle)
    html = client_for(circle.caregiver).get(url(circle)).content.decode()
    assert 'class="chart-svg chart-bars"' in html and 'role="img"' in html
    assert "no later than 30 minutes after it was due" in html
    assert ("Latest:" in html or "Today so far:" in html) and "on time (" in html
    table = html.split('<table class="data">', 1)[1].split("</table>", 1)[0]
    assert "<caption>Turning on time</caption>" in table
    assert '<th scope="col">Day</th>' in table and '<th scope="row">' in table
    assert "Show as table" in html


def test_the_page_has_no_inline_style_or_script(circle, client_for):
    _turns(circle)
    html = client_for(circle.owner).get(url(circle)).content.decode()
    assert " style=" not in html
    assert "<script>" not in html and "<script " not in html.replace('<script src="/static/js/app.js" defer>', "")


def test_numbers_and_dates_follow_the_members_language(circle, client_for):
    _turns(circle, days=3)
    circle.owner.language = "es"
    circle.owner.save()
    html = client_for(circle.owner).get(url(circle)).content.decode()
    translation.activate("en")
    assert 'lang="es"' in html
    # A Spanish date in the table (month names are translated by Django itself).
    months = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
              "octubre", "noviembre", "diciembre"]
    assert any(month in html for month in months)


def test_an_arabic_page_draws_time_from_right_to_left(circle, client_for):
    _turns(circle, days=5)
    circle.owner.language = "ar"
    circle.owner.save()
    html = client_for(circle.owner).get(url(circle)).content.decode()
    translation.activate("en")
    assert 'dir="rtl"' in html
    assert "\u2068" in html  # labels isolated
    bars = [int(x) for x in re.findall(r'<rect class="bar[^"]*" x="(\d+)"', html)]
    assert len(bars) >= 2 and bars == sorted(bars, reverse=True), "the oldest day is on the right"


def test_table_cells_are_escaped():
    from core.progress.cards import Row, table_body

    html = table_body([Row("<b>1 Jan</b>", ["<script>x</script>", "5"])])
    assert html == ('<tr><th scope="row">&lt;b&gt;1 Jan&lt;/b&gt;</th><td>&lt;script&gt;x&lt;/script&gt;</td>'
                    "<td>5</td></tr>")


@pytest.fixture
def history(circle):
    from scripts.bench.history import History

    circle.patient.sex, circle.patient.year_of_birth = "female", 1948
    circle.patient.save()
    # 120 days: the sacrum wound (weeks 10-16), weekly measurements and scores, monthly strength checks.
    History(circle.patient, [circle.owner, circle.caregiver], days=120, seed=3).build()
    return circle


def cards_of(response):
    return {card.key: card for card in response.context["cards"]}


def test_every_card_has_a_chart_a_last_value_and_a_table_with_a_year_of_data(history, client_for):
    response = client_for(history.viewer).get(url(history, range="365"))
    cards = cards_of(response)
    assert list(cards) == ["calf", "weight", "mrc", "chair", "wounds", "braden", "turning", "movement"]
    for key, card in cards.items():
        assert card.svg.startswith("<svg"), key
        assert card.last and card.rows and card.columns, key
        assert str(card.expectation), key
        assert f'id="chart-{key}-title"' in card.svg


def test_reference_lines_are_the_sourced_cut_offs(history, client_for):
    cards = cards_of(client_for(history.viewer).get(url(history, range="365")))
    assert "Below 48: weakness" in cards["mrc"].svg
    assert "18 or less: at risk" in cards["braden"].svg
    assert "Low below 33.0 cm (AWGS 2019)" in cards["calf"].svg  # a woman: AWGS 2019, < 33 cm
    # Born 1948: in her late seventies, STEADI's cut-off for women of 75-79 is 10 stands.
    assert "Below 10: risk of falls (STEADI)" in cards["chair"].svg


def test_without_the_patients_sex_no_calf_cut_off_is_drawn_and_the_card_says_why(circle, client_for):
    from scripts.bench.history import History

    History(circle.patient, [circle.owner], days=30, seed=4).build()
    cards = cards_of(client_for(circle.owner).get(url(circle)))
    assert 'class="ref"' not in cards["calf"].svg
    assert "sex in the profile" in cards["calf"].note


def test_a_member_who_reads_pounds_and_inches_sees_them_everywhere(history, client_for):
    from core.measurements.models import DisplayPreferences

    DisplayPreferences.objects.create(user=history.viewer, units="imperial")
    cards = cards_of(client_for(history.viewer).get(url(history, range="365")))
    assert " lb" in cards["weight"].last and "kg" not in cards["weight"].last
    assert all(" lb" in row.cells[0] for row in cards["weight"].rows)
    assert " in" in cards["calf"].last and "cm" not in cards["calf"].svg
    assert "in²" in cards["wounds"].last
    # The owner still reads metric on the same patient.
    owner_cards = cards_of(client_for(history.owner).get(url(history, range="365")))
    assert " kg" in owner_cards["weight"].last


def test_wound_areas_are_length_times_width_per_site(history, client_for):
    cards = cards_of(client_for(history.owner).get(url(history, range="365")))
    wounds = cards["wounds"]
    sites = [label for _swatch, label in wounds.legend]  # in the order they were first seen
    assert sorted(sites) == ["Heel, left", "Tailbone (sacrum, coccyx)"]
    assert wounds.columns == ["When", *sites]
    # The heel finding is 1.5 × 1.0 cm.
    heel = sites.index("Heel, left")
    assert {row.cells[heel] for row in wounds.rows} == {"1.5 cm²", "—"}


def test_a_deleted_entry_leaves_the_charts(history, client_for):
    from core.measurements.models import Measurement

    latest = Measurement.objects.filter(patient=history.patient).order_by("-occurred_at").first()
    before = len(cards_of(client_for(history.owner).get(url(history, range="365")))["weight"].rows)
    latest.soft_delete()
    after = len(cards_of(client_for(history.owner).get(url(history, range="365")))["weight"].rows)
    assert after == before - 1


def test_another_patients_data_never_shows(history, client_for):
    from scripts.bench.history import History

    before = cards_of(client_for(history.owner).get(url(history, range="30")))
    History(history.other_patient, [history.stranger], days=30, seed=5).build()
    after = cards_of(client_for(history.owner).get(url(history, range="30")))
    for key in before:
        assert (before[key].summary, before[key].rows) == (after[key].summary, after[key].rows), key


def test_a_single_wound_site_is_still_named_in_the_last_value_and_the_table(circle, client_for):
    from scripts.bench.history import History

    History(circle.patient, [circle.owner], days=40, seed=6).build()  # only the red heel, no sacrum yet
    wounds = cards_of(client_for(circle.owner).get(url(circle)))["wounds"]
    assert wounds.columns == ["When", "Heel, left"]
    assert wounds.last.startswith("Heel, left: ") and not wounds.legend
