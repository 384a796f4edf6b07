"""Property tests: the pay extractor never raises and never returns min > max."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.pay.extract import (
    PayExtraction,
    extract_pay,
    from_ashby_compensation,
    from_greenhouse_html,
    from_lever_salary_range,
    to_record,
)

# Pieces of real pay text, recombined at random with arbitrary text between them.
FRAGMENTS = [
    "$", "€", "£", "¥", "₹", "CHF ", "USD", "usd ", "CA$", "R$", "kr", "zł", " PLN", "(USD)",
    "k", "K", "M", "L", "LPA", "mm", "B", "+", "-", " - ", "–", "—", "~", " to ", " and ",
    "between ", "up to ", ">= ", "/hr", " per hour", "/month", " a year", " annually", "/yr",
    "OTE", " Commission", " Offers Equity", " equity", " bonus", "raised ", " Series B",
    " ARR", "%", "0.5%", ".", ",", "'", "’", " ", "  ", "\u00a0", "\n", "|", "•", "(", ")",
    "MIN: ", "MAX: ", "$120,000", "150", "1.2", "86.8", "155.000", "140'000", "0", "401k",
    "1498000.0", "999999999999999999", "1e9", "..", ",,", "--",
]
money_text = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.integers(0, 10**9).map(str), st.text(max_size=4)),
    max_size=25,
).map("".join)
countries = st.one_of(st.none(), st.sampled_from(["US", "CA", "AU", "GB", "DE", "IN", "JP",
                                                  "SE", "CN", "XX", "", "us"]))
dates = st.one_of(st.none(), st.sampled_from(["2024-01-06", "1990-01-01", "2099-12-31",
                                              "not a date", ""]), st.dates())

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(got: PayExtraction) -> None:
    assert isinstance(got, PayExtraction)
    assert (got.representative is None) == (not got.ranges)
    if got.representative is None:
        assert got.error
    # A caught exception would still be a parser bug.
    assert not (got.error or "").startswith("internal error"), got.error
    for r in got.ranges:
        if r.min is not None and r.max is not None:
            assert r.min <= r.max
        if r.min_usd_annual is not None and r.max_usd_annual is not None:
            assert r.min_usd_annual <= r.max_usd_annual
        assert 0 < r.confidence <= 1
        assert r.min is not None or r.max is not None
    to_record(got, "x")


@FAST
@given(st.text(max_size=300), countries, dates)
def test_arbitrary_text_never_raises(text, country, posted_at):
    _check(extract_pay(text, country, posted_at))


@FAST
@given(money_text, countries, dates)
def test_money_like_text_never_raises_and_stays_ordered(text, country, posted_at):
    got = extract_pay(text, country, posted_at)
    _check(got)
    for r in got.ranges:
        assert text[r.start:r.end] == r.span


@FAST
@given(money_text)
def test_greenhouse_blocks_never_raise(body):
    html = f'<div class="title">Annual Salary:</div><div class="pay-range">{body}</div>'
    _check(from_greenhouse_html(html, "US"))


numbers = st.one_of(st.none(), st.sampled_from([float("nan"), float("inf"), -1.0, 0.0, True]),
                    st.floats(allow_nan=True, allow_infinity=True),
                    st.integers(-10**12, 10**12), st.text(max_size=5))


@FAST
@given(numbers, numbers, st.one_of(st.none(), st.sampled_from(["USD", "EUR", "XXX", ""])),
       st.one_of(st.none(), st.sampled_from(["1 YEAR", "1 HOUR", "1 MONTH", "NONE", "x"])))
def test_structured_inputs_never_raise(lo, hi, code, interval):
    comp = {"compensationTiers": [{"tierSummary": None, "title": None, "components": [
        {"compensationType": "Salary", "interval": interval, "currencyCode": code,
         "minValue": lo, "maxValue": hi, "summary": None}]}]}
    _check(from_ashby_compensation(comp, "US"))
    _check(from_lever_salary_range({"currency": code, "interval": interval, "min": lo,
                                    "max": hi}))
