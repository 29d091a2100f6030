"""A skin check's timeline line: all clear, findings counted, the worst named, the clinician flag,
the link to the findings, in every language."""

import uuid
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import translation

from core.logs import registry
from core.logs.lines import Line
from core.skin import staging
from core.skin.display import summary
from core.skin.models import SkinCheck

PATIENT = SimpleNamespace(pk=uuid.uuid4())
ENTRY_ID = str(uuid.uuid4())
DETAIL_URL = reverse("skin:detail", args=[PATIENT.pk, ENTRY_ID])


def line_for(patient=PATIENT, entry_id=ENTRY_ID):
    return Line(user=None, patient=patient, prefix="", entry_id=entry_id)


def check(**data):
    data = {"all_clear": False, "findings": 0, "worst": "", "clinician": False, **data}
    return str(summary(data, line_for()))


def test_the_skin_kind_shows_its_line_with_this_summary():
    assert registry.get(SkinCheck.KIND).summary is summary


def test_an_all_clear_check_says_so_and_has_no_findings_to_link_to():
    assert check(all_clear=True) == "<strong>Skin check</strong>: all clear"


def test_a_check_with_nothing_in_it_says_nothing_was_recorded():
    assert check() == "<strong>Skin check</strong>: nothing recorded"


def test_one_finding_is_singular_and_links_to_the_findings():
    assert check(findings=1) == (f'<strong>Skin check</strong>: 1 finding <a href="{DETAIL_URL}">'
                                 "Findings and photos</a>")


def test_several_findings_are_plural_with_the_worst_and_the_clinician_flag():
    assert check(findings=3, worst="stage_3", clinician=True) == (
        "<strong>Skin check</strong>: 3 findings · worst: Stage 3 · "
        f'<span class="flag">contact your clinician</span> <a href="{DETAIL_URL}">Findings and photos</a>')


def test_without_a_clinician_finding_there_is_no_flag():
    assert "flag" not in check(findings=2, worst="stage_1")


@pytest.mark.parametrize("category", list(staging.Category))
def test_the_worst_finding_is_named_by_its_category(category):
    assert f"worst: {category.label}" in check(findings=1, worst=category.value)


@pytest.mark.parametrize("worst", ["stage_9", "<script>alert(1)</script>"])
def test_a_category_it_does_not_know_reads_not_sure_yet_and_is_never_shown_as_is(worst):
    html = check(findings=1, worst=worst)
    assert "worst: Not sure yet" in html
    assert "<script>" not in html and "stage_9" not in html


def test_without_a_worst_category_the_line_names_none():
    assert "worst" not in check(findings=1)


@pytest.mark.parametrize("patient, entry_id", [(None, ENTRY_ID), (PATIENT, "")])
def test_the_link_needs_both_the_patient_and_the_entry(patient, entry_id):
    html = str(summary({"findings": 2, "worst": "stage_2"}, line_for(patient, entry_id)))
    assert "<a " not in html and html.startswith("<strong>Skin check</strong>: 2 findings")


def test_an_all_clear_check_that_still_has_findings_links_to_them():
    # As the template did: the link follows the findings, whatever all_clear says.
    html = check(all_clear=True, findings=1)
    assert html.endswith(f'all clear <a href="{DETAIL_URL}">Findings and photos</a>')


def test_the_line_is_translated():
    with translation.override("es"):
        html = check(findings=3, worst="stage_3", clinician=True)
    assert html.startswith("<strong>Revisión de la piel</strong>: 3 hallazgos · el peor: Estadio 3")
    assert "comuníquese con el médico" in html and "Hallazgos y fotos" in html
