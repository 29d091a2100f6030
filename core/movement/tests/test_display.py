"""A passive-movement session's timeline line: what was done, skipped or stopped, the worst pain,
how it ended, its warning signs and the link to each movement, in every language."""

import uuid
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import translation

from core.logs import registry
from core.logs.lines import Line
from core.movement.display import summary
from core.movement.models import PromSession

PATIENT = SimpleNamespace(pk=uuid.uuid4())
ENTRY_ID = str(uuid.uuid4())
SUMMARY_URL = reverse("movement:summary", args=[PATIENT.pk, ENTRY_ID])
LINK = f'<a href="{SUMMARY_URL}">Each movement</a>'


def line_for(patient=PATIENT, entry_id=ENTRY_ID):
    return Line(user=None, patient=patient, prefix="", entry_id=entry_id)


def session(patient=PATIENT, entry_id=ENTRY_ID, **data):
    data = {"status": "finished", "steps": 4, "done": 4, "skipped": 0, "stopped": 0, "worst_pain": None,
            "red_flag": "", **data}
    return str(summary(data, line_for(patient, entry_id)))


def test_the_movement_kind_shows_its_line_with_this_summary():
    assert registry.get(PromSession.KIND).summary is summary


def test_a_finished_session_counts_what_was_done_and_links_to_each_movement():
    assert session() == f"<strong>Passive movement</strong>: 4 movements done · {LINK}"


@pytest.mark.parametrize("done, words", [(0, "0 movements done"), (1, "1 movement done"),
                                         (2, "2 movements done")])
def test_the_done_count_is_singular_or_plural(done, words):
    assert f"</strong>: {words} · " in session(done=done)


def test_skipped_stopped_and_pain_follow_in_order():
    assert session(done=2, skipped=1, stopped=1, worst_pain=6) == (
        "<strong>Passive movement</strong>: 2 movements done · 1 skipped · 1 stopped · pain up to 6/10 · "
        f"{LINK}")


def test_no_pain_or_pain_zero_is_not_mentioned():
    assert "pain" not in session(worst_pain=None) and "pain" not in session(worst_pain=0)


@pytest.mark.parametrize("status, words", [("in_progress", "not finished"), ("stopped", "ended early")])
def test_an_unfinished_session_says_how_it_ended(status, words):
    assert f"movements done · {words} · {LINK}" in session(status=status)


def test_a_finished_session_says_neither():
    html = session(status="finished")
    assert "not finished" not in html and "ended early" not in html


@pytest.mark.parametrize("red_flag, words", [("suspected_clot", "possible blood clot"),
                                             ("swelling", "new swelling")])
def test_each_warning_sign_is_flagged(red_flag, words):
    assert f'ended early · <span class="flag">{words}</span> · {LINK}' in session(status="stopped",
                                                                                    red_flag=red_flag)


def test_a_stop_that_is_not_a_warning_sign_is_not_flagged():
    assert "flag" not in session(red_flag="pain")


@pytest.mark.parametrize("patient, entry_id", [(None, ENTRY_ID), (PATIENT, "")])
def test_the_link_needs_both_the_patient_and_the_entry(patient, entry_id):
    assert session(patient, entry_id) == "<strong>Passive movement</strong>: 4 movements done"


def test_values_are_escaped():
    html = session(worst_pain="<script>alert(1)</script>")
    assert "<script>" not in html and "pain up to &lt;script&gt;" in html


def test_the_line_is_translated():
    with translation.override("es"):
        html = session(done=2, skipped=1, status="stopped", red_flag="suspected_clot")
    assert html.startswith("<strong>Ejercicios pasivos</strong>: 2 movimientos hechos · omitidos: 1")
    assert "terminada antes de tiempo" in html and "posible coágulo" in html and "Cada movimiento" in html
