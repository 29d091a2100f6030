"""The SVG chart functions: scaling, empty and single-point series, reference lines, RTL labels."""

import re
from datetime import date, datetime

from core.progress import charts

START, END = date(2025, 1, 1), date(2025, 1, 31)


def line(points, **extra):
    return charts.line_chart(points, chart_id="c", title="Weight", desc="Weekly weights", start=START, end=END,
                             **extra)


def numbers(svg, attribute):
    return [int(v) for v in re.findall(rf'{attribute}="(-?\d+)"', svg)]


def test_an_empty_series_draws_nothing_so_the_card_can_say_so_in_words():
    assert line([]) == ""
    assert charts.bar_chart([], chart_id="b", title="t", desc="d", start=START, end=END) == ""


def test_a_chart_is_an_image_named_by_its_title_and_description():
    svg = line([(date(2025, 1, 5), 70), (date(2025, 1, 20), 71)])
    assert svg.startswith("<svg ") and 'role="img"' in svg and 'viewBox="0 0 360 180"' in svg
    assert 'aria-labelledby="c-title c-desc"' in svg
    assert '<title id="c-title">Weight</title>' in svg and '<desc id="c-desc">Weekly weights</desc>' in svg


def test_coordinates_are_whole_numbers_and_there_is_no_style_or_script():
    svg = line([(date(2025, 1, d), 70 + d / 7) for d in range(1, 31)], reference=72, reference_label="cut-off")
    assert not re.search(r'(?:x|y|x1|x2|y1|y2|cx|cy)="-?\d+\.\d', svg)
    path = re.search(r' d="([^"]+)"', svg).group(1)
    assert re.fullmatch(r"(?:[ML]\d+ \d+ ?)+", path)
    assert "style" not in svg and "<script" not in svg and "on" + "load" not in svg


def test_time_runs_proportionally_from_the_first_to_the_last_day_of_the_range():
    svg = line([(START, 10), (date(2025, 1, 16), 10), (END, 10)])
    first, middle, last = (int(x) for x in re.findall(r'cx="(\d+)"', svg))
    assert first < middle < last
    assert abs((middle - first) - (last - middle)) <= 1
    # A datetime sits at its hour of the day: the evening is right of the morning.
    svg = line([(datetime(2025, 1, 10, 6), 1), (datetime(2025, 1, 10, 18), 2)])
    morning, evening = (int(x) for x in re.findall(r'cx="(\d+)"', svg))
    assert morning < evening


def test_higher_values_are_drawn_higher_and_every_value_fits_the_frame():
    svg = line([(date(2025, 1, 3), 60.4), (date(2025, 1, 10), 75.9)])
    low_y, high_y = (int(y) for y in re.findall(r'cy="(\d+)"', svg))
    assert high_y < low_y
    assert charts.TOP <= high_y and low_y <= charts.HEIGHT - charts.BOTTOM


def test_the_scale_has_round_limits_around_the_values():
    assert charts.value_range([60.4, 75.9]) == (60, 80, 5)
    assert charts.value_range([3, 7], include_zero=True) == (0, 8, 2)
    assert charts.nice_step(100) == 25


def test_a_single_point_is_a_dot_in_the_middle_of_a_scale_around_it():
    svg = line([(date(2025, 1, 15), 34)])
    assert "<path" not in svg
    assert svg.count("<circle") == 1
    cy = int(re.search(r'cy="(\d+)"', svg).group(1))
    assert charts.TOP < cy < charts.HEIGHT - charts.BOTTOM


def test_a_reference_line_is_dashed_labelled_and_inside_the_scale_even_far_from_the_values():
    svg = line([(date(2025, 1, 3), 55), (date(2025, 1, 9), 56)], reference=48, reference_label="Weakness below 48")
    ref = re.search(r'<line class="ref" x1="\d+" y1="(\d+)" x2="\d+" y2="(\d+)"/>', svg)
    assert ref and ref.group(1) == ref.group(2)
    assert int(ref.group(1)) <= charts.HEIGHT - charts.BOTTOM
    assert "Weakness below 48" in svg
    dots = [int(y) for y in re.findall(r'cy="(\d+)"', svg)]
    assert all(y < int(ref.group(1)) for y in dots), "values above the cut-off are drawn above its line"


def test_labels_are_escaped_and_isolated_for_right_to_left_text():
    svg = line([(date(2025, 1, 3), 1)], reference=2, reference_label="<b>cut-off</b>",
               format_x=lambda d: f"{d.day} يناير")
    assert "<b>" not in svg and "&lt;b&gt;" in svg
    labels = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert labels and all(label.startswith("\u2068") and label.endswith("\u2069") for label in labels)
    assert 'direction="ltr"' in svg  # anchors mean the same on an Arabic page


def test_right_to_left_runs_time_from_right_to_left_with_values_on_the_right():
    points = [(date(2025, 1, 2), 1), (date(2025, 1, 30), 2)]
    ltr = [int(x) for x in re.findall(r'cx="(\d+)"', line(points))]
    rtl_svg = line(points, rtl=True)
    rtl = [int(x) for x in re.findall(r'cx="(\d+)"', rtl_svg)]
    assert ltr[0] < ltr[1] and rtl[0] > rtl[1]
    assert abs((ltr[0] + rtl[0]) - charts.WIDTH) <= charts.AXIS_SIDE  # mirrored
    value_labels = [(int(x), int(y)) for x, y, _a in re.findall(
        r'<text class="label" x="(\d+)" y="(\d+)" text-anchor="(start|end)"', rtl_svg)]
    value_label_x = [x for x, y in value_labels if y != charts.HEIGHT - 6]  # not the dates along the bottom
    assert value_label_x and all(x > charts.WIDTH / 2 for x in value_label_x)


def test_bars_per_day_share_the_range_and_a_zero_is_a_thin_mark_not_a_gap():
    svg = charts.bar_chart([(date(2025, 1, 1), 100), (date(2025, 1, 2), 0), (date(2025, 1, 31), 50)],
                           chart_id="b", title="t", desc="d", start=START, end=END, high=100)
    rects = re.findall(r'<rect class="([^"]+)" x="(\d+)" y="(\d+)" width="(\d+)" height="(\d+)"/>', svg)
    assert [r[0] for r in rects] == ["bar", "bar zero", "bar"]
    full, zero, half = (int(r[4]) for r in rects)
    assert zero == 1 and abs(full - 2 * half) <= 1
    assert int(rects[0][1]) < int(rects[1][1]) < int(rects[2][1])


def test_weekly_bars_are_wider_than_daily_ones():
    daily = charts.bar_chart([(date(2025, 1, 6), 3)], chart_id="b", title="t", desc="d", start=START, end=END)
    weekly = charts.bar_chart([(date(2025, 1, 6), 3)], chart_id="b", title="t", desc="d", start=START, end=END,
                              days_per_bar=7)
    width = lambda svg: int(re.search(r'<rect[^>]* width="(\d+)"', svg).group(1))  # noqa: E731
    assert width(weekly) > 5 * width(daily)


def test_value_labels_use_the_formatter_passed_in():
    svg = charts.bar_chart([(date(2025, 1, 6), 40)], chart_id="b", title="t", desc="d", start=START, end=END,
                           high=100, format_y=lambda v, decimals: f"{v:g} pct")
    assert "\u2068100 pct\u2069" in svg and "\u20680 pct\u2069" in svg


def test_value_labels_have_the_decimals_their_step_needs():
    assert [charts.step_decimals(s) for s in (5, 1, 0.5, 0.25, 0.1, 25)] == [0, 0, 1, 2, 1, 0]
    svg = line([(date(2025, 1, 3), 32.1), (date(2025, 1, 20), 32.4)])
    labels = re.findall(r'text-anchor="end">\u2068([^\u2069]*)\u2069', svg)
    values = [label for label in labels if "/" not in label]
    assert len(set(values)) == len(values), f"two grid lines with the same label: {values}"


def test_several_lines_differ_by_dash_class_and_marker_shape_and_have_swatches():
    svg = charts.line_chart(series=[[(date(2025, 1, 3), 1), (date(2025, 1, 9), 2)],
                                    [(date(2025, 1, 3), 3), (date(2025, 1, 9), 4)]],
                            chart_id="m", title="t", desc="d", start=START, end=END)
    assert 'class="line s0"' in svg and 'class="line s1"' in svg
    assert "<circle" in svg and '<rect class="dot s1' in svg
    swatch = charts.swatch(1)
    assert 'aria-hidden="true"' in swatch and 'class="line s1"' in swatch


def test_an_empty_line_among_others_is_skipped():
    svg = charts.line_chart(series=[[], [(date(2025, 1, 3), 3)]], chart_id="m", title="t", desc="d",
                            start=START, end=END)
    assert 'class="dot s1 last"' in svg and "s0" not in svg


def test_a_small_wobble_is_not_drawn_as_a_cliff_when_a_minimum_span_is_given():
    low, high, _step = charts.value_range([67.7, 68.3], min_span=5)
    assert low <= 65.5 and high >= 70.5 and high - low <= 10
    assert charts.value_range([67.7, 68.3]) == (67.6, 68.4, 0.2)  # without it: a cliff
    low, high, _step = charts.value_range([0.2, 0.3], min_span=2)
    assert low == 0 and high >= 2


def test_a_week_cut_by_the_range_edge_stays_inside_the_frame():
    svg = charts.bar_chart([(date(2024, 12, 30), 3), (date(2025, 1, 27), 4)], chart_id="b", title="t", desc="d",
                           start=START, end=END, days_per_bar=7)
    for x, width in re.findall(r'<rect class="bar" x="(\d+)" y="\d+" width="(\d+)"', svg):
        assert charts.AXIS_SIDE <= int(x) and int(x) + int(width) <= charts.WIDTH - charts.FAR_SIDE


def test_scores_and_counts_get_whole_number_grid_lines():
    assert charts.value_range([0, 6], min_span=6, integers=True)[2] == 2
    assert charts.value_range([0, 3], include_zero=True, integers=True)[2] == 1
    assert charts.nice_step(10) == 2.5 and charts.nice_step(10, integers=True) == 5
