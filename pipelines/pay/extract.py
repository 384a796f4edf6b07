"""Read posted pay out of structured ATS fields and free text.

Entry points: `extract_pay` (free text), `from_ashby_compensation`, `from_greenhouse_html`,
`from_lever_salary_range`, and `to_record` (one line of the batch CLI's output).

Conventions (documented once, here):

* `min`/`max` are in the posting's own currency and period, shorthand expanded ("$150-200k" is
  150000-200000, "€155.000" is 155000, "₹19L" is 1900000). `min <= max` always holds: a
  reversed range is reordered and flagged `reversed`. An open top ("$120,000+") gives
  `max=None` and the flag `open_ended`; "up to £150k" gives `min=None`.
* Currency is ISO 4217 and never guessed silently. An explicit code or an unambiguous sign wins;
  a bare "$" (or "kr", or a number with no sign in a pay field) is resolved from the `country`
  argument and flagged `currency_from_country`; otherwise currency is None and the range is
  flagged `currency_unresolved` (so it gets no USD figures).
* Period is hour/day/week/month/year. When the text names none it is inferred from the size of
  the amount in USD (under 300 -> hour, 1,000-10,000 -> month, 10,000 and up -> year) and
  flagged `period_inferred` (and `period_guessed` for hour and month, the less certain
  bands); amounts between 300 and 1,000 stay unresolved (day or week?).
* Annualised figures use `currency.ANNUAL_FACTORS` (2080 h, 260 d, 52 w, 12 m). USD figures use
  ECB rates at the posting date (or `currency.REFERENCE_FX_DATE` when undated).
* `kind` is `ote` for on-target earnings (base + commission), `total` for total compensation
  (base + equity/bonus), otherwise `base`. Amounts labelled as commission, bonus, equity,
  stipend and the like are not pay ranges at all; neither are funding rounds, valuations,
  revenue, prices, or amounts implausible for the period (see `_PLAUSIBLE_USD`).
* `confidence` starts at 0.99 for structured ATS fields, 0.95 for a Greenhouse pay-range block
  and 0.9 for free text, and loses the penalties in `_PENALTIES` for each doubt recorded in
  `flags`; it is a ranking aid, not a calibrated probability.
* `representative` is the first range in document order after preferring base pay over OTE over
  total, and the posting country's currency (USD when no country is given). Employers list
  their primary, usually highest-cost US, tier first (Ashby "US Tier 1", Greenhouse SF/NY).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html as html_lib
import logging
import math
import re
from dataclasses import dataclass, field
from typing import Any

from pipelines.pay import currency as cur

log = logging.getLogger(__name__)

PERIODS = ("hour", "day", "week", "month", "year")

# Smallest and largest plausible pay per period, in USD. Wide on purpose: the floor admits
# low-wage countries, the ceiling admits $1M+ research ranges but not funding rounds.
_PLAUSIBLE_USD = {
    "hour": (3.0, 5_000.0),
    "day": (10.0, 40_000.0),
    "week": (50.0, 200_000.0),
    "month": (100.0, 1_000_000.0),
    "year": (1_000.0, 10_000_000.0),
}

# Confidence lost for each doubt recorded in a range's flags.
_PENALTIES = {
    "currency_unresolved": 0.3,
    "currency_from_country": 0.05,
    "currency_from_text": 0.1,
    "currency_conflict": 0.2,
    "period_unresolved": 0.3,
    "period_inferred": 0.05,
    "period_guessed": 0.15,
    "period_corrected": 0.2,
    "bare_numbers": 0.1,
    "no_pay_context": 0.1,
    "weak_separator": 0.05,
    "single_value": 0.05,
    "open_ended": 0.1,
    "approximate": 0.05,
    "reversed": 0.1,
    "fx_unavailable": 0.0,
}

_BASE_CONFIDENCE = {"structured": 0.99, "greenhouse": 0.95, "text": 0.9}

# A text this short on one line is a dedicated pay field ("💰 1498000.0"), so bare numbers in it
# are read as pay; inside prose a number needs a currency sign or a k/M suffix.
_FIELD_MAX_CHARS = 80


@dataclass(frozen=True)
class PayRange:
    """One posted pay range (or single amount) for one tier, location or role."""

    min: float | None
    max: float | None
    currency: str | None
    period: str | None
    kind: str
    equity: bool
    confidence: float
    span: str
    start: int
    end: int
    label: str | None = None
    min_annual: float | None = None
    max_annual: float | None = None
    min_usd_annual: float | None = None
    max_usd_annual: float | None = None
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rejected:
    """An amount that was seen but judged not to be pay, and why (kept for auditing)."""

    span: str
    start: int
    end: int
    reason: str


@dataclass
class PayExtraction:
    """Everything read from one posting: all ranges, the representative one, or an error."""

    ranges: list[PayRange] = field(default_factory=list)
    representative: PayRange | None = None
    equity: bool = False
    error: str | None = None
    rejected: list[Rejected] = field(default_factory=list)
    source: str = "text"


# ---------------------------------------------------------------------------------------------
# Amount grammar
# ---------------------------------------------------------------------------------------------

_SIGNS = sorted([*cur.SYMBOLS, "$", "¥", "kr", "Rs."], key=len, reverse=True)
# Letter signs ("R$", "RM", "US$") must not be the tail of a word ("FIRM 500").
_SIGN_RE = "(?<![A-Za-z])(?:" + "|".join(
    re.escape(s) for s in _SIGNS if s not in ("zł", "Kč", "kr", "Rs")
) + ")"
# Codes that are also common words ("TRY", "COP") must be upper case to count.
_CASELESS_CODES = ("USD", "EUR", "GBP", "CAD", "AUD", "PHP", "PLN", "INR", "CHF", "SGD")
_CODE_RE = "|".join(
    [f"(?i:{c})" for c in _CASELESS_CODES]
    + [c for c in sorted(cur.CODES, key=len, reverse=True) if c not in _CASELESS_CODES]
)
_MULTS = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "mn": 1e6, "mil": 1e6, "mio": 1e6,
    "million": 1e6, "l": 1e5, "lakh": 1e5, "lakhs": 1e5, "lpa": 1e5, "cr": 1e7, "crore": 1e7,
    "crores": 1e7, "b": 1e9, "bn": 1e9, "billion": 1e9,
}
_PERIOD_WORDS = (
    r"(?P<{g}>(?i:hours?|hourly|hrs?|h|days?|daily|d|weeks?|weekly|wk|months?|monthly|mo|mth|"
    r"years?|yearly|yr|y|annum|annually|annual|pa))"
)
_AMOUNT = re.compile(
    rf"""
    (?P<code1>(?<![A-Za-z])(?:{_CODE_RE})(?![A-Za-z]))?\s?(?:💲\s?)?
    (?P<sign>{_SIGN_RE})?\s?
    (?P<num>\d{{1,3}}(?:(?:,|\.|'|’|[ \u00a0\u202f])\d{{3}})+(?:[.,]\d{{1,2}})?(?![\d])
        |\d+(?:[.,]\d+)?)
    (?:\s?(?P<mult>[kK]|thousand|mm|MM|mn|[mM]il(?:lion)?|[mM]io|[mM]illion|[mM]|lakhs?|LPA|L
        |[cC]r(?:ores?)?|bn|B|billion)(?![A-Za-z]))?
    (?P<plus>\+(?![A-Za-z0-9]))?
    (?:\s?(?P<sign2>\$|€|£|zł|kr\.?|Kč|₹)(?![A-Za-z]))?
    (?:\s?\(?(?P<code2>(?<![A-Za-z])(?:{_CODE_RE})(?![A-Za-z]))\)?)?
    (?:\s?(?:/|per\s|an?\s|p\.?\s?)\s?{_PERIOD_WORDS.format(g="per")}\b\.?)?
    """,
    re.VERBOSE,
)
_RANGE_SEP = re.compile(
    r"\s*(?:(?:gross|net|base)\s*)?(?:-{1,2}|–|—|−|~|/|to|up\s+to|and|through|until|bis|à)"
    r"\s*(?:up\s+to\s*|[<>]=?\s*)?",
    re.IGNORECASE,
)
_CODE_WORD = re.compile(rf"(?<![A-Za-z])(?:{_CODE_RE})(?![A-Za-z])")
_NOT_AMOUNT_TAIL = re.compile(r"\s?%|(?:st|nd|rd|th)\b")
_PERCENT = re.compile(r"\s?%")
_WEAK_SEP = re.compile(r"\s+")
_PERIOD_AFTER = re.compile(
    r"^[\s,]*(?:\(?(?:" + _CODE_RE + r")\)?\s*)?(?:gross\s*|net\s*|base\s*)?"
    r"(?:/|per\s|an?\s|each\s|p\.?\s?)\s*" + _PERIOD_WORDS.format(g="per") + r"\b"
    r"|^[\s,]*(?:\(?(?:" + _CODE_RE + r")\)?\s*)?(?P<adv>hourly|daily|weekly|monthly|yearly|"
    r"annually|annual|p\.a\.|LPA)\b",
    re.IGNORECASE,
)
_PERIOD_BEFORE = re.compile(
    r"\b(?P<adv>hourly|daily|weekly|monthly|yearly|annual|annually|per\s+annum)\b"
    r"[^.$€£\d]{0,40}$",
    re.IGNORECASE,
)
_PERIOD_NORMAL = {
    "h": "hour", "hr": "hour", "hrs": "hour", "hour": "hour", "hours": "hour", "hourly": "hour",
    "d": "day", "day": "day", "days": "day", "daily": "day",
    "wk": "week", "week": "week", "weeks": "week", "weekly": "week",
    "mo": "month", "mth": "month", "month": "month", "months": "month", "monthly": "month",
    "y": "year", "yr": "year", "year": "year", "years": "year", "yearly": "year",
    "annum": "year", "annually": "year", "annual": "year", "pa": "year", "p.a.": "year",
    "lpa": "year", "per annum": "year",
}

# Words that make an amount something other than pay, before or after it, in the same clause.
_NOT_PAY_BEFORE = re.compile(
    r"\b(?:rais(?:ed|ing|e)|funding|funded|backed|valuation|valued|revenues?|ARR|MRR|GMV|AUM|"
    r"invest(?:ed|ment|ors?)?|rounds?|seed|series\s+[A-H]|grants?|prizes?|awards?|fund|assets|"
    r"loans?|deposits?|processe[sd]|processing|spent|spend|budgets?|sav(?:e|es|ed|ing)|worth|"
    r"prices?|priced|pricing|costs?|fees?|paid\s+out|generat\w*|turnover|profits?|donat\w*|"
    r"capital|acquired|acquisition|sold|market|stipends?|allowance|reimburs\w*|credits?|"
    r"bonus(?:es)?|commissions?|sign(?:ing|-on)|relocation|equity|stock|RSUs?|options|"
    r"plans?|subscriptions?|charge[sd]?|exceed\w*|bringing|volume|sales\s+of|"
    r"mid-?point|median)\b"
    r"[^$€£\d]{0,12}$",
    re.IGNORECASE,
)
_NOT_PAY_AFTER = re.compile(
    r"^\W{0,3}(?:\(?(?:" + _CODE_RE + r")\)?\s*)?(?:in\s+|of\s+|worth\s+of\s+)?(?:"
    r"series|seed|rounds?|funding|raised?|valuation|ARR|MRR|GMV|AUM|revenues?|sales|"
    r"customers?|users?|clients?|members?|downloads?|installs?|businesses|companies|"
    r"investment|investors?|assets|loans?|deposits?|transactions?|payments?|volume|"
    r"market|industry|deals?|contracts?|budget|plans?|subscriptions?|credits?|prizes?|grants?|"
    r"per\s+(?:employee|person|seat|user|license|month\s+plan)|for\s+(?:groceries|food|meals?|"
    r"lunch|learning|wellness|home|equipment|internet|gym|books?)|towards?|"
    r"\w+\s+(?:budget|stipend|allowance|reimbursement)|"
    r"in\s+(?:annual|recurring|ARR|revenue|funding|sales))\b",
    re.IGNORECASE,
)
# A component label right after the amount ("$21K Commission", "€10k Signing Bonus"); a "+"
# in between ("$150k + equity") adds the component to the pay instead.
_COMPONENT_AFTER = re.compile(
    r"^[\s(:]{0,3}(?:\(?(?:" + _CODE_RE + r")\)?\s*)?(?:in\s+|of\s+)?(?:"
    r"stipends?|allowances?|reimburse\w*|(?:signing|sign-on|annual|performance|target|"
    r"variable|cash)?\s*bonus(?:es)?|commissions?|equity|stock|RSUs?|options|relocation)\b"
    r"(?!\s*(?:eligib|potential|plan|program|opportunit))",
    re.IGNORECASE,
)
_PAY_CONTEXT = re.compile(
    r"\b(?:salary|salaries|comp|compensation|pay|paid|base|OTE|on[- ]target|range|wages?|rate|"
    r"annual|annually|per\s+year|yearly|/yr|a\s+year|package|TC|earnings|income|CTC|LPA|gross|"
    r"hourly|monthly|equity|DOE|USD|EUR|GBP|k)\b",
    re.IGNORECASE,
)
_OTE = re.compile(
    r"\bOTE\b|on[- ]target|target\s+earnings|incl(?:uding|\.)?\s+commission|"
    r"base\s*\+\s*commission|with\s+commission",
    re.IGNORECASE,
)
_TOTAL = re.compile(
    r"total\s+(?:target\s+|annual\s+|yearly\s+)?(?:comp(?:ensation)?|cash|package|rewards?|pay)\b"
    r"|\bTC\b|\bTTC\b",
    re.IGNORECASE,
)
_EQUITY = re.compile(
    r"\b(?:equity|stock\s+options?|share\s+options?|options|RSUs?|ESOP|stock)\b", re.IGNORECASE
)
# Uses of "equity" and "stock" that say nothing about an equity grant.
_EQUITY_NOT = re.compile(
    r"(?:diversity,?\s+|pay\s+|health\s+|home\s+|racial\s+|gender\s+|private\s+|growth\s+|"
    r"brand\s+|digital\s+|social\s+|educational\s+)equity"
    r"|equity[\s,]+(?:and\s+)?inclusion|equity\s+donation|equity[- ]backed|"
    r"equity\s+(?:firms?|funds?|investors?|research|markets?|analyst|trading|derivatives)|in\s+stock\b|stock\s+(?:market|"
    r"photos?|images?|levels?|exchange|trading|price)|out\s+of\s+stock|(?:more|many|several|"
    r"other|no|these|those|the|your|two|three|flexible|hiring|relocation|remote)\s+options",
    re.IGNORECASE,
)
# A percentage band or a "+ 0.8%" after pay is an equity grant when small (startup grants are
# well under 10%); "+ 20% for outside the US" or "30% bonus" is not.
_EQUITY_PERCENT = re.compile(
    r"(?:(?P<a>\d*\.?\d+)\s?%?\s*(?:-|–|—|to)\s*(?P<b>\d*\.?\d+)\s?%|\+\s*(?P<c>\d*\.?\d+)\s?%)"
    r"(?![^.,;|]{0,12}\b(?:bonus|commission|match\w*|401))",
    re.IGNORECASE,
)
_UP_TO = re.compile(r"\b(?:up\s*to|upto|max(?:imum)?|not\s+more\s+than|under|below)\W*$", re.I)
_AT_LEAST = re.compile(
    r"\b(?:from|starting\s+(?:at|from)|at\s+least|min(?:imum)?|over|above|more\s+than|>=?)\W*$|"
    r">=?\s*$",
    re.I,
)
_BARE_OK_AFTER = re.compile(
    r"\s*(?:$|[|,;)•\-–—/(+]|and\s+up|offers|equity|"
    r"(?:base|salary|per\b|a\s+year|annual|yearly|USD|EUR|GBP|CAD|AUD|DOE|OTE|gross|"
    r"depending|plus|total|take[- ]home|net\b|\.(?:\s|$)))",
    re.IGNORECASE,
)
_OTE_WITH_AMOUNT = re.compile(r"\bOTE[\s:(]{0,3}(?:[A-Z]{0,3}[$€£]|[A-Z]{3}\s?)\d[\d,.]*[kKM]?")
_MIN_LABEL = re.compile(r"\b(?:min(?:imum)?|low)\s*:\s*$", re.I)
_MAX_LABEL = re.compile(r"\b(?:max(?:imum)?|high)\s*:\s*$", re.I)
_US_HINT = re.compile(r"\b(?:US|USA|U\.S\.A?\.?|United States)\b")
_BETWEEN = re.compile(r"\bbetween\W*$", re.I)
_CLAUSE_BREAK = re.compile(r"[.!?](?=\s|$)|\n|\||•|;|·|\s[-–—]\s(?=[A-Z])")
_SALES_TITLE = re.compile(
    r"\b(?:sales|account\s+(?:executive|manager|director)|AE|SDR|BDR|business\s+development|"
    r"partnerships?\s+(?:manager|lead|director)|revenue|customer\s+success)\b",
    re.IGNORECASE,
)


@dataclass
class _Amount:
    value: float
    has_mult: bool
    mult: float
    sign: str | None  # as written: "$", "€", "kr", "CA$"...
    code: str | None
    period: str | None
    plus: bool
    start: int
    end: int


def _to_number(num: str, has_mult: bool) -> float | None:
    s = re.sub(r"['’\u00a0\u202f ]", "", num)
    if "," in s and "." in s:
        dec = "." if s.rfind(".") > s.rfind(",") else ","
        s = s.replace("," if dec == "." else ".", "").replace(dec, ".")
    elif "," in s:
        parts = s.split(",")
        s = s.replace(",", "") if all(len(p) == 3 for p in parts[1:]) else s.replace(",", ".")
    elif "." in s:
        parts = s.split(".")
        # "€155.000" is 155000; "$86.8K", "1498000.0" and "1.125M" keep the decimal point.
        if len(parts) > 2 or (len(parts[1]) == 3 and not has_mult):
            s = s.replace(".", "")
    try:
        return float(s)
    except ValueError:
        return None


def _resolve_sign(sign: str | None, country: str | None) -> tuple[str | None, bool]:
    """ISO currency for a sign, and whether the country had to decide it."""
    if sign is None:
        return None, False
    if sign in cur.SYMBOLS:
        return cur.SYMBOLS[sign], False
    if sign == "Rs.":
        return "INR", False
    if sign == "$":
        return cur.dollar_currency(country), True
    if sign in ("kr", "kr."):
        return cur.krona_currency(country), True
    if sign == "¥":
        return cur.yen_currency(country), True
    return None, False


def _scan_amounts(text: str) -> list[_Amount]:
    out: list[_Amount] = []
    for m in _AMOUNT.finditer(text):
        start, end = m.start(), m.end()
        num_start = m.start("num")
        # Skip the tail of a longer token ("B2B", "W24", "v1.5") and percentages.
        glued = num_start > 0 and (text[num_start - 1].isalnum() or text[num_start - 1] in "._/#")
        if glued and not (m.group("sign") or m.group("code1")):
            continue
        if _NOT_AMOUNT_TAIL.match(text, m.end("num")) or _PERCENT.match(text, end):
            continue  # percentages and ordinals ("13th salary")
        raw_mult = m.group("mult")
        if m.group("num") == "401" and raw_mult in ("k", "K") and not m.group("sign"):
            continue  # a 401(k) retirement plan
        if raw_mult == "L" and not (m.group("sign") or m.group("code1") or m.group("code2")):
            continue  # "5L" is lakh only next to a rupee sign or code
        mult = _MULTS.get(raw_mult.lower(), 1.0) if raw_mult else 1.0
        value = _to_number(m.group("num"), raw_mult is not None)
        if value is None:
            continue
        sign = m.group("sign") or m.group("sign2")
        code = m.group("code1") or m.group("code2")
        per = m.group("per")
        # Spaces captured by the optional parts would leak into the span and the gaps.
        while end > start and text[end - 1].isspace():
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        out.append(
            _Amount(
                value=value * mult,
                has_mult=raw_mult is not None,
                mult=mult,
                sign=sign,
                code=cur.CODES.get(code.upper()) if code else None,
                period=_PERIOD_NORMAL.get(per.lower()) if per else None,
                plus=bool(m.group("plus")),
                start=start,
                end=end,
            )
        )
    return out


def _same_money(a: _Amount, b: _Amount) -> bool:
    """False when both amounts name a currency and the two differ."""
    if a.code and b.code:
        return a.code == b.code
    sa, sb = cur.SYMBOLS.get(a.sign or ""), cur.SYMBOLS.get(b.sign or "")
    return not (sa and sb and sa != sb) and not (a.code and sb and sb != a.code) and not (
        b.code and sa and sa != b.code
    )


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the clause (sentence, table cell, bullet) that holds text[start:end]."""
    left = 0
    for m in _CLAUSE_BREAK.finditer(text, 0, start):
        left = m.end()
    m = _CLAUSE_BREAK.search(text, end)
    return left, (m.start() if m else len(text))


def _has_equity(text: str) -> bool:
    cleaned = _EQUITY_NOT.sub(" ", text)
    if _EQUITY.search(cleaned):
        return True
    # Startup boards write the grant as a bare percentage ("$150K - $200K • 1.00% - 3.00%").
    return any(
        float(m.group("b") or m.group("c")) <= 10 for m in _EQUITY_PERCENT.finditer(cleaned)
    )


# ---------------------------------------------------------------------------------------------
# Building ranges
# ---------------------------------------------------------------------------------------------


def _finish(
    lo: float | None,
    hi: float | None,
    *,
    currency: str | None,
    period: str | None,
    kind: str,
    equity: bool,
    span: str,
    start: int,
    end: int,
    base_conf: float,
    flags: list[str],
    posted_at: Any,
    label: str | None = None,
) -> PayRange | Rejected:
    """Order the bounds, infer the period, annualise, convert, judge plausibility, score."""
    if any(v is not None and not math.isfinite(v) for v in (lo, hi)):
        return Rejected(span, start, end, "non-finite amount")
    if lo is not None and hi is not None and lo > hi:
        lo, hi = hi, lo
        flags.append("reversed")
    top = hi if hi is not None else lo
    if top is None or top <= 0:
        return Rejected(span, start, end, "zero or missing amount (placeholder)")
    rate = cur.usd_rate(currency, cur.fx_date(posted_at)) if currency else None
    if currency and rate is None:
        flags.append("fx_unavailable")
    if period is None:
        # Size in USD when the currency is known; the raw number is the best guess otherwise.
        size = top * rate if rate else top
        if size < 300:
            period = "hour"
        elif 1_000 <= size < 10_000:
            period = "month"
        elif size >= 10_000:
            period = "year"
        flags.append("period_inferred" if period else "period_unresolved")
        if period in ("hour", "month"):
            flags.append("period_guessed")
    if period == "year" and (top * rate if rate else top) < 300:
        # Boards sometimes file an hourly rate under a yearly interval ("$24.04", "1 YEAR").
        period = "hour"
        flags.append("period_corrected")
    if rate and period:
        floor, ceiling = _PLAUSIBLE_USD[period]
        if top * rate < floor or top * rate > ceiling:
            return Rejected(span, start, end, f"implausible {period} pay {top:g} {currency}")
    factor = cur.ANNUAL_FACTORS.get(period) if period else None

    def scale(v: float | None, k: float | None) -> float | None:
        return None if v is None or k is None else round(v * k, 2)

    lo_a, hi_a = scale(lo, factor), scale(hi, factor)
    conf = base_conf - sum(_PENALTIES.get(f, 0.0) for f in set(flags))
    return PayRange(
        min=lo,
        max=hi,
        currency=currency,
        period=period,
        kind=kind,
        equity=equity,
        confidence=round(min(0.99, max(0.05, conf)), 2),
        span=span,
        start=start,
        end=end,
        label=label,
        min_annual=lo_a,
        max_annual=hi_a,
        min_usd_annual=None if lo_a is None or not rate else round(lo_a * rate),
        max_usd_annual=None if hi_a is None or not rate else round(hi_a * rate),
        flags=tuple(dict.fromkeys(flags)),
    )


def _kind_of(context: str) -> str:
    if _OTE.search(context):
        return "ote"
    if _TOTAL.search(context):
        return "total"
    return "base"


def _representative(ranges: list[PayRange], country: str | None) -> PayRange | None:
    if not ranges:
        return None
    want = cur.COUNTRY_CURRENCY.get((country or "").upper(), "USD")
    kind_rank = {"base": 0, "ote": 1, "total": 2}
    return min(
        enumerate(ranges),
        key=lambda ir: (kind_rank.get(ir[1].kind, 3), ir[1].currency != want, ir[0]),
    )[1]


def _done(
    ranges: list[PayRange],
    rejected: list[Rejected],
    equity: bool,
    country: str | None,
    source: str,
    empty_reason: str,
) -> PayExtraction:
    rep = _representative(ranges, country)
    error = None
    if rep is None:
        error = rejected[0].reason if rejected else empty_reason
    return PayExtraction(
        ranges=ranges,
        representative=rep,
        equity=equity or any(r.equity for r in ranges),
        error=error,
        rejected=rejected,
        source=source,
    )


def _parse_text(
    text: str,
    country: str | None,
    posted_at: Any,
    *,
    base_conf: float,
    field_mode: bool | None = None,
    default_period: str | None = None,
) -> tuple[list[PayRange], list[Rejected], bool]:
    """Ranges, rejected amounts and the equity flag found in `text`."""
    if field_mode is None:
        field_mode = len(text.strip()) <= _FIELD_MAX_CHARS and "\n" not in text.strip()
    amounts = _scan_amounts(text)
    signed = [a for a in amounts if a.sign or a.code or a.has_mult]
    if not field_mode or signed:
        # In prose, and in fields that also hold signed amounts, a bare number is not pay
        # ("1099 contract", "2025"); it may still be the unsigned low end of "$150-200k".
        def signed_neighbour(i: int, j: int) -> bool:
            if not 0 <= j < len(amounts):
                return False
            lo, hi = sorted((i, j))
            other = amounts[j]
            return bool(other.sign or other.code or other.has_mult) and bool(
                _RANGE_SEP.fullmatch(text[amounts[lo].end:amounts[hi].start])
            )

        amounts = [
            a
            for i, a in enumerate(amounts)
            if a.sign or a.code or a.has_mult or signed_neighbour(i, i + 1)
            or signed_neighbour(i, i - 1)
        ]
    field_code = None
    if field_mode:
        codes = {m.group(0).upper() for m in _CODE_WORD.finditer(text)}
        if len(codes) == 1:
            field_code = cur.CODES.get(codes.pop())
    equity = _has_equity(text)

    ranges: list[PayRange] = []
    rejected: list[Rejected] = []
    i = 0
    while i < len(amounts):
        a = amounts[i]
        b = amounts[i + 1] if i + 1 < len(amounts) else None
        flags: list[str] = []
        pair = None
        skip_to = 0
        if b is not None and not _same_money(a, b):
            b = None  # "€25.5K EUR/yr - $31K USD/yr" is two amounts, not one range
        if b is not None:
            gap = text[a.end:b.start]
            if _RANGE_SEP.fullmatch(gap) and (
                not re.fullmatch(r"\s*and\s*", gap, re.I) or _BETWEEN.search(text[:a.start])
            ):
                pair = (a, b)
            elif (
                _WEAK_SEP.fullmatch(gap)
                and ((a.sign and a.sign == b.sign) or (a.has_mult and b.has_mult))
                and a.value <= b.value * (1 if b.has_mult or not a.has_mult else b.mult)
            ):
                pair = (a, b)
                flags.append("weak_separator")
        if pair is None and _MIN_LABEL.search(text[max(0, a.start - 12):a.start]):
            # "MIN: $107,200 - MID: $134,000 - MAX: $160,800"
            for j in (i + 1, i + 2):
                if j < len(amounts) and _MAX_LABEL.search(
                    text[max(0, amounts[j].start - 12):amounts[j].start]
                ):
                    pair = (a, amounts[j])
                    skip_to = j + 1
                    break
        if pair:
            a, b = pair
            lo, hi = a.value, b.value
            if not a.has_mult and b.has_mult and a.value < 1000:
                lo = a.value * b.mult  # "$150-200k", "$1-1.5M"
            elif not (a.has_mult or b.has_mult) and a.value < 1000 and a.value * 1000 <= b.value:
                lo = a.value * 1000  # "$10-15,000"
            start, end = a.start, b.end
            i = skip_to if skip_to else i + 2
        else:
            lo = hi = a.value
            start, end = a.start, a.end
            i += 1
        span = text[start:end]
        c_left, c_right = _clause(text, start, end)
        before, after = text[c_left:start], text[end:c_right]
        parts = pair or (a,)

        reason = None
        not_before = _NOT_PAY_BEFORE.search(before)
        if not_before and re.search(r"\b(?:base|salary|OTE|pay)\b[^$€£\d]*$", before, re.I):
            not_before = None
        component = _COMPONENT_AFTER.search(after)
        bare = not any(p.sign or p.code for p in parts)
        if _NOT_PAY_AFTER.search(after):
            reason = "not pay: " + _NOT_PAY_AFTER.search(after).group(0).strip()
        elif component and not parts[-1].plus:
            # "$230k+ equity" is pay plus equity; "$21K Commission" is the commission itself.
            reason = "not pay: " + component.group(0).strip()
        elif not_before:
            reason = "not pay: " + not_before.group(0).strip()
        elif any(p.mult >= 1e6 for p in parts) and not field_mode and not _PAY_CONTEXT.search(
            text[c_left:c_right].replace(span, " ")
        ):
            reason = "large amount without pay context"
        elif bare and not _BARE_OK_AFTER.match(after):
            reason = "unsigned amount not followed by pay wording"  # "100k+ teens"
        if reason:
            rejected.append(Rejected(span, start, end, reason))
            continue

        # Currency: an ISO code beats a sign (it says which dollar), a sign beats the field's code.
        codes = {p.code for p in parts if p.code}
        after_code = re.match(rf"^\s*\(?((?:{_CODE_RE}))(?![A-Za-z])", after)
        if after_code:
            codes.add(cur.CODES.get(after_code.group(1).upper()))
        if not codes and field_code:
            codes.add(field_code)
        sign = next((p.sign for p in parts if p.sign), None)
        sign_cur, from_country = _resolve_sign(sign, country)
        if len(codes) > 1:
            flags.append("currency_conflict")
        code = sorted(codes)[0] if codes else None
        currency = None
        if code and sign and sign not in ("$", "kr", "kr.", "¥") and sign_cur != code:
            currency = sign_cur
            flags.append("currency_conflict")
        elif code:
            currency = code
        elif sign:
            currency = sign_cur
            if from_country and currency:
                flags.append("currency_from_country")
            elif sign == "$" and _US_HINT.search(text[c_left:c_right]):
                # "US: $90,000-$134,000/year", "$185,500 base pay in the United States"
                currency = "USD"
                flags.append("currency_from_text")
        elif country and field_mode:
            currency = cur.COUNTRY_CURRENCY.get(country.upper())
            if currency:
                flags.append("currency_from_country")
        if any(p.mult in (1e5, 1e7) for p in parts) and currency != "INR":
            # Lakh and crore are Indian units, whatever code was appended ("30-50 LPA (USD)").
            currency = "INR"
            flags.append("currency_conflict")
        if currency is None:
            flags.append("currency_unresolved")
        if not any(p.sign or p.code for p in parts) and not codes:
            flags.append("bare_numbers")

        period = next((p.period for p in parts if p.period), None)
        if period is None:
            pm = _PERIOD_AFTER.match(after)
            if pm:
                period = _PERIOD_NORMAL.get((pm.group("per") or pm.group("adv")).lower())
        if period is None:
            pm = _PERIOD_BEFORE.search(before)
            if pm:
                period = _PERIOD_NORMAL.get(re.sub(r"\s+", " ", pm.group("adv").lower()))
        if period is None:
            period = default_period

        plus_joins = parts[-1].plus and _COMPONENT_AFTER.search(after)
        if pair:
            if b.plus and not plus_joins:
                flags.append("open_ended")
        elif (a.plus and not plus_joins) or _AT_LEAST.search(before):
            hi = None
            flags.append("open_ended")
        elif _UP_TO.search(before):
            lo = None
            flags.append("open_ended")
        else:
            flags.append("single_value")
        if re.search(r"(?:~|≈|approx\.?|circa|ca\.)\s*$", before, re.I) or re.match(
            r"^\s*(?:\(?approx|ish\b)", after, re.I
        ):
            flags.append("approximate")
        if not field_mode and not _PAY_CONTEXT.search(text[c_left:c_right].replace(span, " ")):
            flags.append("no_pay_context")

        # An OTE after the span with an amount of its own ("(OTE $184,000)") is another figure.
        kind = _kind_of(
            text[max(c_left, start - 60):end] + _OTE_WITH_AMOUNT.sub(" ", after)[:30]
        )
        result = _finish(
            lo, hi, currency=currency, period=period, kind=kind, equity=equity, span=span,
            start=start, end=end, base_conf=base_conf, flags=flags, posted_at=posted_at,
        )
        (ranges if isinstance(result, PayRange) else rejected).append(result)
    return ranges, rejected, equity


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------


def extract_pay(
    text: str, country: str | None = None, posted_at: str | dt.date | None = None
) -> PayExtraction:
    """Read every pay range in free text. Never raises: on failure `.error` says why."""
    try:
        if not isinstance(text, str) or not text.strip():
            return PayExtraction(error="empty text")
        ranges, rejected, equity = _parse_text(
            text, country, posted_at, base_conf=_BASE_CONFIDENCE["text"]
        )
        return _done(ranges, rejected, equity, country, "text", "no pay amount found")
    except Exception as exc:  # a parser bug must cost one posting, never the whole batch
        log.exception("pay extraction failed on %r", text[:200] if isinstance(text, str) else text)
        return PayExtraction(error=f"internal error: {type(exc).__name__}")


def _as_number(v: Any) -> float | None:
    """A structured field's amount as a float; None when absent or not a number."""
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, int | float):
        return float(v)
    if isinstance(v, str):
        try:
            return float(v.replace(",", ""))
        except ValueError:
            return None
    return None


_ASHBY_INTERVALS = {
    "1 HOUR": "hour", "1 DAY": "day", "1 WEEK": "week", "1 MONTH": "month", "1 YEAR": "year",
}
_ASHBY_EQUITY = {"EquityPercentage", "EquityCashValue"}


def from_ashby_compensation(
    comp: dict, country: str | None = None, posted_at: str | dt.date | None = None
) -> PayExtraction:
    """Pay from an Ashby `compensation` object: one range per Salary component of each tier.

    Bonus, commission and equity components are not pay ranges; equity components set
    `equity`. A tier whose summary or title says OTE / on-target gives kind `ote`.
    """
    try:
        return _from_ashby(comp or {}, country, posted_at)
    except Exception as exc:
        log.exception("Ashby compensation failed: %r", comp)
        return PayExtraction(error=f"internal error: {type(exc).__name__}", source="ashby")


def _from_ashby(comp: dict, country: str | None, posted_at: Any) -> PayExtraction:
    tiers = comp.get("compensationTiers") or []
    if not tiers and comp.get("summaryComponents"):
        tiers = [{"components": comp["summaryComponents"], "tierSummary": None, "title": None}]
    summary = comp.get("compensationTierSummary") or ""
    all_types = {c.get("compensationType") for t in tiers for c in (t.get("components") or [])}
    equity = bool(all_types & _ASHBY_EQUITY) or bool(re.search(r"Offers Equity", summary))
    ranges: list[PayRange] = []
    rejected: list[Rejected] = []
    for tier in tiers:
        # "$90K • $90K Commission • OTE $180,000": an OTE with its own amount is a separate
        # figure, so only a bare "• OTE" label makes the salary component itself OTE.
        tier_text = " ".join(filter(None, [tier.get("title"), tier.get("tierSummary")]))
        tier_text = _OTE_WITH_AMOUNT.sub(" ", tier_text)
        for c in tier.get("components") or []:
            if c.get("compensationType") != "Salary":
                continue
            lo, hi = _as_number(c.get("minValue")), _as_number(c.get("maxValue"))
            if lo is None and hi is None:
                continue
            span = c.get("summary") or tier.get("tierSummary") or ""
            flags = [] if hi is not None else ["open_ended"]
            code = c.get("currencyCode")
            result = _finish(
                lo,
                hi,
                currency=code,
                period=_ASHBY_INTERVALS.get(c.get("interval") or ""),
                kind=_kind_of(f"{span} {tier_text}"),
                equity=equity,
                span=span,
                start=0,
                end=len(span),
                base_conf=_BASE_CONFIDENCE["structured"],
                flags=flags if code else [*flags, "currency_unresolved"],
                posted_at=posted_at,
                label=tier.get("title"),
            )
            (ranges if isinstance(result, PayRange) else rejected).append(result)
    if not ranges and not rejected and summary.strip():
        # A summary without structured components: read it as text.
        found, rejected, eq = _parse_text(
            summary, country, posted_at, base_conf=_BASE_CONFIDENCE["text"], field_mode=True
        )
        ranges, equity = found, equity or eq
    return _done(ranges, rejected, equity, country, "ashby", "no salary component")


_GH_BLOCK = re.compile(
    r'(?:<div class="title">(?P<title>.*?)</div>\s*)?<div class="pay-range">(?P<body>.*?)</div>',
    re.S,
)
_TAGS = re.compile(r"<[^>]+>")


def from_greenhouse_html(
    html: str,
    country: str | None = None,
    posted_at: str | dt.date | None = None,
    *,
    title: str | None = None,
) -> PayExtraction:
    """Pay from a Greenhouse `content` field: one range per `<div class="pay-range">` block.

    Offsets refer to the HTML after entity-unescaping (the API returns the markup escaped).
    Without pay-range blocks the whole description is read as prose. `title` (the job title)
    decides kind when the board says its ranges are OTE "for sales roles" only.
    """
    try:
        return _from_greenhouse(html or "", country, posted_at, title)
    except Exception as exc:
        log.exception("Greenhouse pay failed")
        return PayExtraction(error=f"internal error: {type(exc).__name__}", source="greenhouse")


def _from_greenhouse(
    html: str, country: str | None, posted_at: Any, title: str | None
) -> PayExtraction:
    doc = html_lib.unescape(html) if "&lt;" in html else html
    plain = html_lib.unescape(_TAGS.sub(" ", doc))
    equity = _has_equity(plain)
    blocks = list(_GH_BLOCK.finditer(doc))
    if not blocks:
        ranges, rejected, eq = _parse_text(
            plain, country, posted_at, base_conf=_BASE_CONFIDENCE["text"], field_mode=False
        )
        return _done(ranges, rejected, equity or eq, country, "greenhouse", "no pay-range block")
    # Boards state once, above the blocks, whether the ranges are base or OTE.
    intro = plain[: plain.find(html_lib.unescape(_TAGS.sub(" ", blocks[0].group(0)))[:20])]
    intro = intro[-1500:]
    if re.search(r"for sales roles[^.]*\bOTE\b|for sales roles[^.]*on[- ]target", intro, re.I):
        kind = "ote" if title and _SALES_TITLE.search(title) else "base"
    else:
        kind = _kind_of(intro[-400:])
    ranges: list[PayRange] = []
    rejected: list[Rejected] = []
    for m in blocks:
        label = html_lib.unescape(_TAGS.sub("", m.group("title") or "")).strip() or None
        body = html_lib.unescape(_TAGS.sub(" ", m.group("body")))
        body = re.sub(r"\s+", " ", body).strip()
        period = None
        hint = f"{label or ''} {intro[-300:]}"
        if re.search(r"hourly|per hour", hint, re.I):
            period = "hour"
        elif re.search(r"annual|yearly|salary", hint, re.I):
            period = "year"
        found, rej, _ = _parse_text(
            body, country, posted_at, base_conf=_BASE_CONFIDENCE["greenhouse"], field_mode=True,
            default_period=period,
        )
        for r in found:
            generic = label is None or label.rstrip(":").lower() in ("annual salary", "salary")
            ranges.append(
                dataclasses.replace(
                    r, span=m.group(0), start=m.start(), end=m.end(), kind=kind, equity=equity,
                    label=None if generic else label.rstrip(":"),
                )
            )
        rejected += [dataclasses.replace(r, span=m.group(0), start=m.start(), end=m.end())
                     for r in rej]
    return _done(ranges, rejected, equity, country, "greenhouse", "empty pay-range block")


_LEVER_INTERVALS = {
    "per-hour-wage": "hour", "per-day-wage": "day", "per-week-salary": "week",
    "per-month-salary": "month", "per-year-salary": "year",
}


def from_lever_salary_range(
    d: dict, country: str | None = None, posted_at: str | dt.date | None = None
) -> PayExtraction:
    """Pay from a Lever posting's `salaryRange` ({currency, interval, min, max})."""
    try:
        lo, hi = _as_number((d or {}).get("min")), _as_number((d or {}).get("max"))
        if lo is None and hi is None:
            return PayExtraction(error="empty salaryRange", source="lever")
        code = (d.get("currency") or "").upper() or None
        interval = d.get("interval") or ""
        span = f"{lo}-{hi} {code or ''} {interval}".strip()
        flags = [] if code else ["currency_unresolved"]
        if hi is None:
            flags.append("open_ended")
        result = _finish(
            lo, hi, currency=code, period=_LEVER_INTERVALS.get(interval), kind="base", equity=False,
            span=span, start=0, end=len(span), base_conf=_BASE_CONFIDENCE["structured"],
            flags=flags, posted_at=posted_at,
        )
        if isinstance(result, Rejected):
            return PayExtraction(error=result.reason, rejected=[result], source="lever")
        return PayExtraction(ranges=[result], representative=result, source="lever")
    except Exception as exc:
        log.exception("Lever salaryRange failed: %r", d)
        return PayExtraction(error=f"internal error: {type(exc).__name__}", source="lever")


def to_record(extraction: PayExtraction, id: str) -> dict:  # noqa: A002 - the CLI's field name
    """One output line of the batch CLI for a posting, from its representative range."""
    r = extraction.representative
    if r is None:
        return {"id": id, "error": extraction.error or "no pay amount found"}
    return {
        "id": id,
        "currency": r.currency,
        "period": r.period,
        "min": r.min,
        "max": r.max,
        "min_usd_annual": r.min_usd_annual,
        "max_usd_annual": r.max_usd_annual,
        "kind": r.kind,
        "equity": extraction.equity,
        "confidence": r.confidence,
        "span": r.span,
    }
