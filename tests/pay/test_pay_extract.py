"""Regression tests for the pay extractor: real snapshot strings and structured ATS fields."""

from __future__ import annotations

import datetime as dt

import pytest
from pay_cases import CASES, NO_PAY

from pipelines.pay import currency as cur
from pipelines.pay.extract import (
    extract_pay,
    from_ashby_compensation,
    from_greenhouse_html,
    from_lever_salary_range,
    to_record,
)


def _close(got: float | None, want: float | None) -> bool:
    if want is None or got is None:
        return got is want
    return abs(got - want) <= 0.005 * max(1.0, abs(want))


@pytest.mark.parametrize("c", CASES, ids=[f"{i}:{c.source}:{c.text[:40]}" for i, c in
                                          enumerate(CASES)])
def test_regression_case(c):
    got = extract_pay(c.text, c.country)
    if c.min == NO_PAY:
        assert got.representative is None, got.representative
        assert got.error
        return
    r = got.representative
    assert r is not None, got.error
    assert _close(r.min, c.min) and _close(r.max, c.max), (r.min, r.max)
    assert (r.currency, r.period, r.kind) == (c.currency, c.period, c.kind)
    assert got.equity is c.equity
    assert c.text[r.start:r.end] == r.span


def test_case_count_and_coverage_of_sources():
    assert len(CASES) >= 150
    assert {c.source for c in CASES} >= {
        "openai_careers", "ailab_tracker", "hn_extracted_2022_2025", "hn_whoishiring",
        "remotewlb", "issue",
    }


# --- Known failure modes of other tools, each spelled out ---


def test_shorthand_range_is_not_read_as_120_dollars():
    r = extract_pay("$120-150k", "US").representative
    assert (r.min, r.max) == (120_000, 150_000)


def test_aud_after_dollar_sign_is_not_usd():
    r = extract_pay("$120K AUD", "US").representative
    assert r.currency == "AUD"
    assert r.max_usd_annual < 120_000


def test_reversed_range_is_ordered_and_flagged():
    r = extract_pay("$150,000 - $120,000", "US").representative
    assert r.min <= r.max and "reversed" in r.flags


@pytest.mark.parametrize("text", ["$120,000 USD - $150,000 USD", "USD 120k - USD 150k"])
def test_currency_repeated_on_both_bounds(text):
    r = extract_pay(text).representative
    assert (r.min, r.max, r.currency) == (120_000, 150_000, "USD")


@pytest.mark.parametrize("text", ["Negotiable", "$120,000+", "competitive", "", "   ", "$", "k"])
def test_no_crash_on_placeholders(text):
    extract_pay(text, "US")


def test_open_ended_plus_gives_min_only():
    r = extract_pay("$120,000+", "US").representative
    assert (r.min, r.max) == (120_000, None) and "open_ended" in r.flags


@pytest.mark.parametrize("text,top", [("$1.2M", 1_200_000), ("$500K – $1M", 1_000_000),
                                      ("$380K – $780K", 780_000)])
def test_high_top_end_is_kept(text, top):
    assert extract_pay(text, "US").representative.max == top


def test_bare_dollar_without_country_is_unresolved_not_usd():
    r = extract_pay("$150,000").representative
    assert r.currency is None and "currency_unresolved" in r.flags and r.max_usd_annual is None


@pytest.mark.parametrize("country,code", [("US", "USD"), ("CA", "CAD"), ("AU", "AUD"),
                                          ("SG", "SGD")])
def test_bare_dollar_resolves_by_country(country, code):
    r = extract_pay("$150,000", country).representative
    assert r.currency == code and "currency_from_country" in r.flags


def test_commission_range_next_to_base_is_not_base():
    got = extract_pay("$189K  $220.5K  Offers Equity  $189K  $220.5K Commission", "US")
    assert len(got.ranges) == 1
    assert any("Commission" in x.reason for x in got.rejected)


# --- Annualisation and exchange rates ---


def test_annualisation_factors():
    assert cur.ANNUAL_FACTORS == {"hour": 2080, "day": 260, "week": 52, "month": 12, "year": 1}
    r = extract_pay("$50 - $60 per hour", "US").representative
    assert (r.min_annual, r.max_annual) == (104_000, 124_800)
    assert (r.min_usd_annual, r.max_usd_annual) == (104_000, 124_800)


def test_fx_uses_posting_date_and_falls_back_to_reference_date():
    jan = extract_pay("£100,000", "GB", "2024-01-15").representative.min_usd_annual
    undated = extract_pay("£100,000", "GB").representative.min_usd_annual
    ref = round(100_000 * cur.usd_rate("GBP", cur.REFERENCE_FX_DATE))
    assert undated == ref
    assert 120_000 < jan < 135_000 and jan != undated
    weekend = extract_pay("€100,000", "DE", dt.date(2024, 1, 6)).representative
    assert weekend.min_usd_annual is not None


def test_currency_without_ecb_rate_has_no_usd_figure():
    r = extract_pay(">= 80k+ NTD / month", "TW").representative
    assert r.currency == "TWD" and r.min_usd_annual is None and "fx_unavailable" in r.flags


# --- Structured ATS fields (real Ashby objects, ids dropped) ---

BLOCKWORKS = {
    "compensationTierSummary": "$90K • $90K Commission • OTE $180,000",
    "scrapeableCompensationSalarySummary": "$90K",
    "compensationTiers": [{"tierSummary": "$90K • $90K Commission • OTE $180,000", "title": None,
                           "components": [
        {"summary": "$90K", "compensationType": "Salary", "interval": "1 YEAR",
         "currencyCode": "USD", "minValue": 90000, "maxValue": 90000},
        {"summary": "$90K Commission", "compensationType": "Commission", "interval": "1 YEAR",
         "currencyCode": "USD", "minValue": 90000, "maxValue": 90000}]}],
    "summaryComponents": [],
}
LAMBDA_OTE = {
    "compensationTierSummary": "$251K – $377K • OTE",
    "compensationTiers": [{"tierSummary": "$251K – $377K • OTE", "title": None, "components": [
        {"summary": "$251K – $377K", "compensationType": "Salary", "interval": "1 YEAR",
         "currencyCode": "USD", "minValue": 251000, "maxValue": 377000}]}],
}
LEVELPATH = {
    "compensationTierSummary": "€5K – €8K per month • Offers Equity",
    "compensationTiers": [{"tierSummary": "€5K – €8K per month • Offers Equity", "title": None,
                           "components": [
        {"summary": "€5K – €8K per month", "compensationType": "Salary", "interval": "1 MONTH",
         "currencyCode": "EUR", "minValue": 5000, "maxValue": 8000},
        {"summary": "Offers Equity", "compensationType": "EquityPercentage", "interval": "NONE",
         "currencyCode": None, "minValue": None, "maxValue": None}]}],
}
HOMEBOUND = {
    "compensationTierSummary": "$24.04 • Offers Commission",
    "compensationTiers": [{"tierSummary": "$24.04 • Offers Commission", "title": None,
                           "components": [
        {"summary": "$24.04", "compensationType": "Salary", "interval": "1 YEAR",
         "currencyCode": "USD", "minValue": 24.04, "maxValue": 24.04}]}],
}
CODER = {
    "compensationTierSummary": "$143K – $246K • Offers Equity • Offers Bonus • Multiple Ranges",
    "compensationTiers": [
        {"tierSummary": "$188K – $246K • Offers Equity • Offers Bonus", "title": "US Tier 1",
         "components": [{"summary": "$188K – $246K", "compensationType": "Salary",
                         "interval": "1 YEAR", "currencyCode": "USD", "minValue": 188000,
                         "maxValue": 246000},
                        {"summary": "Offers Equity", "compensationType": "EquityPercentage",
                         "interval": "NONE", "currencyCode": None, "minValue": None,
                         "maxValue": None}]},
        {"tierSummary": "$157K – $205K • Offers Equity • Offers Bonus", "title": "US Tier 2",
         "components": [{"summary": "$157K – $205K", "compensationType": "Salary",
                         "interval": "1 YEAR", "currencyCode": "USD", "minValue": 157000,
                         "maxValue": 205000}]},
        {"tierSummary": "CA$165K – CA$211K • Offers Equity • Offers Bonus", "title": "Canada",
         "components": [{"summary": "CA$165K – CA$211K", "compensationType": "Salary",
                         "interval": "1 YEAR", "currencyCode": "CAD", "minValue": 165000,
                         "maxValue": 211000}]},
    ],
}


def test_ashby_base_salary_with_separate_commission_and_ote():
    got = from_ashby_compensation(BLOCKWORKS, "US", "2025-08-21T19:45:52.267+00:00")
    r = got.representative
    assert (r.min, r.max, r.currency, r.period, r.kind) == (90_000, 90_000, "USD", "year", "base")
    assert len(got.ranges) == 1


def test_ashby_ote_label():
    assert from_ashby_compensation(LAMBDA_OTE, "US").representative.kind == "ote"


def test_ashby_monthly_euro_with_equity():
    got = from_ashby_compensation(LEVELPATH, "ES")
    r = got.representative
    assert (r.min, r.max, r.currency, r.period) == (5_000, 8_000, "EUR", "month")
    assert (r.min_annual, r.max_annual) == (60_000, 96_000)
    assert got.equity


def test_ashby_hourly_rate_filed_as_yearly_is_corrected():
    r = from_ashby_compensation(HOMEBOUND, "US").representative
    assert r.period == "hour" and "period_corrected" in r.flags


def test_ashby_tiers_all_kept_first_us_tier_representative():
    got = from_ashby_compensation(CODER, "US")
    assert [x.label for x in got.ranges] == ["US Tier 1", "US Tier 2", "Canada"]
    assert got.representative.label == "US Tier 1"
    assert from_ashby_compensation(CODER, "CA").representative.label == "Canada"


@pytest.mark.parametrize("comp", [{}, {"compensationTiers": []},
                                  {"compensationTierSummary": None, "compensationTiers": [],
                                   "summaryComponents": []}])
def test_ashby_empty_compensation(comp):
    got = from_ashby_compensation(comp)
    assert got.representative is None and got.error


# --- Greenhouse pay-range blocks (real Anthropic markup) ---

GH_INTRO = (
    '<div class="content-pay-transparency"><div class="pay-input"><div class="description">'
    "<p>The annual compensation range for this role is listed below. </p>\n<p>For sales roles, "
    "the range provided is the role’s On Target Earnings (\"OTE\") range, meaning that the "
    "range includes both the sales commissions/sales bonuses target and annual base salary "
    'for the role.</p></div><div class="title">Annual Salary:</div>'
)


def _gh(body: str) -> str:
    return GH_INTRO + f'<div class="pay-range">{body}</div></div></div>'


USD_BLOCK = ('<span>$360,000</span><span class="divider">&mdash;</span>'
             "<span>$550,000 USD</span>")


def test_greenhouse_usd_block_and_sales_title_is_ote():
    html = _gh(USD_BLOCK)
    r = from_greenhouse_html(html, "US").representative
    assert (r.min, r.max, r.currency, r.period, r.kind) == (360_000, 550_000, "USD", "year",
                                                            "base")
    assert html[r.start:r.end] == r.span
    sales = from_greenhouse_html(html, "US", title="Growth Account Executive").representative
    assert sales.kind == "ote"


def test_greenhouse_escaped_markup_and_euro_thousands():
    body = ('<span>€155.000</span><span class="divider">—</span>'
            "<span>€205.000 EUR</span>")
    escaped = _gh(body).replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    r = from_greenhouse_html(escaped, "IE").representative
    assert (r.min, r.max, r.currency) == (155_000, 205_000, "EUR")


def test_greenhouse_gbp_block_and_several_tiers():
    gbp = '<span>£255,000</span><span class="divider">—</span><span>£325,000 GBP</span>'
    html = (GH_INTRO.replace("Annual Salary:", "San Francisco") + f'<div class="pay-range">'
            f'{USD_BLOCK}</div><div class="title">London</div><div class="pay-range">{gbp}</div>')
    got = from_greenhouse_html(html, "GB")
    assert [x.label for x in got.ranges] == ["San Francisco", "London"]
    assert got.representative.currency == "GBP"
    assert from_greenhouse_html(html).representative.label == "San Francisco"


def test_greenhouse_placeholder_range_is_rejected():
    got = from_greenhouse_html(_gh('<span>$1</span><span class="divider">—</span>'
                                   "<span>$2 USD</span>"), "US")
    assert got.representative is None and "implausible" in got.error


def test_greenhouse_without_block_reads_prose_and_skips_revenue():
    html = ("<p>You have previously owned partnership portfolios generating $250M+ in aggregate "
            "influenced or direct revenue</p>")
    got = from_greenhouse_html(html, "US")
    assert got.representative is None


def test_greenhouse_equity_ignores_donation_matching():
    html = _gh(USD_BLOCK) + "<p>optional equity donation matching, generous vacation</p>"
    assert not from_greenhouse_html(html, "US").equity


# --- Lever salaryRange (shape from Lever's postings API) ---


def test_lever_salary_range():
    got = from_lever_salary_range(
        {"currency": "USD", "interval": "per-year-salary", "min": 150000, "max": 190000}, "US"
    )
    r = got.representative
    assert (r.min, r.max, r.currency, r.period) == (150_000, 190_000, "USD", "year")


def test_lever_hourly_and_swapped():
    r = from_lever_salary_range(
        {"currency": "CAD", "interval": "per-hour-wage", "min": 60, "max": 45}
    ).representative
    assert (r.min, r.max, r.period) == (45, 60, "hour") and "reversed" in r.flags


@pytest.mark.parametrize("d", [{}, None, {"currency": "USD"}, {"min": "abc", "max": 3}])
def test_lever_bad_input_never_raises(d):
    got = from_lever_salary_range(d)
    assert not (got.error or "").startswith("internal error")
    assert got.representative is None or got.representative.min is None


# --- Output record ---


def test_to_record_fields():
    rec = to_record(extract_pay("$255K – $405K • Offers Equity", "US"), "job-1")
    assert set(rec) == {"id", "currency", "period", "min", "max", "min_usd_annual",
                        "max_usd_annual", "kind", "equity", "confidence", "span"}
    assert rec["span"] == "$255K – $405K" and rec["equity"] is True
    assert 0 < rec["confidence"] <= 1


def test_to_record_error():
    assert to_record(extract_pay("Negotiable"), "job-2") == {"id": "job-2",
                                                            "error": "no pay amount found"}


def test_confidence_orders_clean_above_doubtful():
    clean = extract_pay("$150,000 - $220,000 USD per year").representative.confidence
    doubtful = extract_pay("1498000.0").representative.confidence
    assert clean > doubtful
