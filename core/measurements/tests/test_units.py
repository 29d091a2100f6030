"""Stored metric, shown and typed in each member's own units."""

from decimal import Decimal

from django.template import Context, Template
from django.utils import translation

from core.measurements import units
from core.measurements.models import DisplayPreferences
from core.measurements.units import Units


def test_conversions_use_the_standard_factors():
    assert units.kg_to_lb(Decimal("1")) == Decimal("2.20462")
    assert units.in_to_cm(Decimal("1")) == Decimal("2.54")
    assert units.lb_to_kg(Decimal("160.0")) == Decimal("72.57")


def round_trip_failures(quantity, first_tenth, last_tenth):
    failures = []
    for tenths in range(first_tenth, last_tenth + 1):
        typed = Decimal(tenths) / 10
        stored = units.to_metric(quantity, Units.IMPERIAL, typed)
        if stored != stored.quantize(Decimal("0.01")) or units.to_display(quantity, Units.IMPERIAL, stored) != typed:
            failures.append(typed)
    return failures


def test_every_weight_typed_in_pounds_comes_back_exactly_as_typed():
    assert round_trip_failures("weight", 22, 8818) == []  # 2.2 lb to 881.8 lb: the allowed range


def test_every_circumference_typed_in_inches_comes_back_exactly_as_typed():
    assert round_trip_failures("length", 40, 314) == []  # 4.0 in to 31.4 in


def test_metric_values_are_kept_as_typed():
    assert units.to_metric("weight", Units.METRIC, "72.5") == Decimal("72.50")
    assert units.to_display("length", Units.METRIC, Decimal("33.95")) == Decimal("34.0")


def test_values_from_the_timeline_json_and_empty_values_are_handled():
    assert units.to_display("weight", Units.METRIC, 72.5) == Decimal("72.5")
    assert units.to_display("weight", Units.METRIC, None) is None
    assert units.format_value("weight", Units.METRIC, "") == ""


def render(text, language="en", **context):
    with translation.override(language):
        out = Template("{% load units %}" + text).render(Context(context)).strip()
    return out.replace("\u2068", "").replace("\u2069", "")


def test_a_member_who_chose_imperial_reads_pounds_and_inches(circle):
    DisplayPreferences.objects.create(user=circle.caregiver, units=Units.IMPERIAL)
    out = render("{{ w|weight:user }} / {{ c|length:user }}", w=Decimal("72.57"), c=Decimal("34.04"),
                 user=circle.caregiver)
    assert out == "160.0 lb / 13.4 in"


def test_a_member_without_a_choice_reads_kilograms_and_centimetres(circle):
    out = render("{{ w|weight:user }} / {{ c|length:user }}", w=Decimal("72.57"), c=33, user=circle.owner)
    assert out == "72.6 kg / 33.0 cm"


def test_numbers_follow_the_members_language(circle):
    assert render("{{ w|weight:'metric' }}", language="es", w=Decimal("72.5")) == "72,5 kg"


def test_the_preference_is_read_once_per_request(circle, django_assert_num_queries):
    DisplayPreferences.objects.create(user=circle.caregiver, units=Units.IMPERIAL)
    with django_assert_num_queries(1):
        out = render("{% for w in ws %}{{ w|weight:user }} {% endfor %}", ws=[70, 71, 72], user=circle.caregiver)
    assert out.count("lb") == 3


def test_values_keep_their_order_inside_right_to_left_text():
    with translation.override("en"):
        out = Template("{% load units %}{{ w|weight:'metric' }}").render(Context({"w": 60}))
    assert out == "\u206860.0 kg\u2069"


def test_length_without_an_argument_is_still_djangos_length():
    assert render("{{ items|length }}", items=[1, 2, 3]) == "3"


def test_anonymous_visitors_see_metric():
    from django.contrib.auth.models import AnonymousUser

    assert units.units_for(AnonymousUser()) == Units.METRIC
