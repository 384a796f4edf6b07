"""Currencies, periods and exchange rates for the pay extractor.

Exchange rates come from the ECB reference-rate history shipped inside the `CurrencyConverter`
package (no live service), so a rebuild from the snapshot always gives the same numbers.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging

log = logging.getLogger(__name__)

# Hours, days, weeks and months in a working year. A full-time US year is 52 weeks of 40 hours
# (2080 h) or of 5 days (260 d); these are the conventions US pay-transparency notices use.
ANNUAL_FACTORS: dict[str, int] = {"hour": 2080, "day": 260, "week": 52, "month": 12, "year": 1}

# Used when a posting has no date. Mid-2025 sits inside the span most sources cover, and one
# fixed date keeps every undated conversion comparable with every other.
REFERENCE_FX_DATE = dt.date(2025, 7, 1)

# Currencies pegged to the US dollar that the ECB table lacks; units per 1 USD.
USD_PEGS: dict[str, float] = {"SAR": 3.75, "AED": 3.6725, "QAR": 3.64, "BHD": 0.376, "OMR": 0.3845}

# The currency a bare "$" means in each country that uses a dollar sign for its own money
# (Brazil writes "R$", so a bare "$" there stays unresolved).
DOLLAR_COUNTRIES: dict[str, str] = {
    "US": "USD", "CA": "CAD", "AU": "AUD", "NZ": "NZD", "SG": "SGD", "HK": "HKD",
    "TW": "TWD", "MX": "MXN", "AR": "ARS", "CL": "CLP", "CO": "COP",
    "PR": "USD", "EC": "USD", "SV": "USD", "PA": "USD",
}

# A country's own currency, used only for numbers that carry no currency sign at all.
COUNTRY_CURRENCY: dict[str, str] = {
    **DOLLAR_COUNTRIES,
    "BR": "BRL",
    "GB": "GBP", "IE": "EUR", "DE": "EUR", "FR": "EUR", "NL": "EUR", "ES": "EUR", "PT": "EUR",
    "IT": "EUR", "BE": "EUR", "AT": "EUR", "FI": "EUR", "EE": "EUR", "LT": "EUR", "LV": "EUR",
    "GR": "EUR", "LU": "EUR", "SK": "EUR", "SI": "EUR", "HR": "EUR", "CY": "EUR", "MT": "EUR",
    "CH": "CHF", "PL": "PLN", "SE": "SEK", "NO": "NOK", "DK": "DKK", "CZ": "CZK", "HU": "HUF",
    "RO": "RON", "BG": "BGN", "IS": "ISK", "TR": "TRY", "IL": "ILS", "IN": "INR", "JP": "JPY",
    "KR": "KRW", "CN": "CNY", "PH": "PHP", "ID": "IDR", "MY": "MYR", "TH": "THB", "ZA": "ZAR",
    "AE": "AED", "SA": "SAR", "QA": "QAR",
}

# Sign or written form -> ISO 4217. "$" is absent on purpose: it needs the country.
SYMBOLS: dict[str, str] = {
    "US$": "USD", "USD$": "USD", "U$": "USD", "CA$": "CAD", "CAD$": "CAD", "C$": "CAD",
    "A$": "AUD", "AU$": "AUD", "AUD$": "AUD", "NZ$": "NZD", "S$": "SGD", "SG$": "SGD",
    "SGD$": "SGD", "HK$": "HKD", "R$": "BRL", "MX$": "MXN", "NT$": "TWD",
    "€": "EUR", "£": "GBP", "₹": "INR", "₩": "KRW", "₱": "PHP", "₪": "ILS", "₺": "TRY",
    "zł": "PLN", "Kč": "CZK", "Rs": "INR",
    "RM": "MYR",
}

# ISO codes (and a few common non-ISO spellings) recognised next to a number.
CODES: dict[str, str] = {
    code: code
    for code in (
        "USD", "EUR", "GBP", "CAD", "AUD", "NZD", "SGD", "CHF", "INR", "JPY", "CNY", "PLN",
        "BRL", "MXN", "SEK", "NOK", "DKK", "CZK", "HUF", "RON", "ILS", "ZAR", "TWD", "HKD",
        "KRW", "PHP", "TRY", "AED", "SAR", "ARS", "COP", "CLP", "BGN", "IDR", "MYR", "THB",
        "UAH", "NGN", "KES", "EGP", "PKR", "VND", "QAR",
    )
} | {"NTD": "TWD", "RMB": "CNY", "PLZ": "PLN"}

# "kr" is the krona/krone of several countries; only the country tells which.
KRONA_COUNTRIES: dict[str, str] = {"SE": "SEK", "NO": "NOK", "DK": "DKK", "IS": "ISK"}


def dollar_currency(country: str | None) -> str | None:
    """The currency a bare "$" means for a posting in `country`, or None when unknowable."""
    return DOLLAR_COUNTRIES.get((country or "").upper())


def krona_currency(country: str | None) -> str | None:
    """The currency a bare "kr" means for a posting in `country`, or None when unknowable."""
    return KRONA_COUNTRIES.get((country or "").upper())


def yen_currency(country: str | None) -> str:
    """"¥" is the yuan in China and the yen everywhere else."""
    return "CNY" if (country or "").upper() == "CN" else "JPY"


@functools.lru_cache(maxsize=1)
def _converter():
    # Loading the ECB history takes about a second, so it happens once and only when needed.
    from currency_converter import CurrencyConverter

    return CurrencyConverter(
        fallback_on_wrong_date=True,
        fallback_on_missing_rate=True,
        fallback_on_missing_rate_method="last_known",
    )


def fx_date(posted_at: str | dt.date | dt.datetime | None) -> dt.date:
    """The date to convert at: the posting's own date when it parses, else REFERENCE_FX_DATE."""
    if isinstance(posted_at, dt.datetime):
        return posted_at.date()
    if isinstance(posted_at, dt.date):
        return posted_at
    if isinstance(posted_at, str) and len(posted_at) >= 10:
        try:
            return dt.date.fromisoformat(posted_at[:10])
        except ValueError:
            log.debug("unparseable posting date %r; using the reference FX date", posted_at)
    return REFERENCE_FX_DATE


@functools.lru_cache(maxsize=4096)
def usd_rate(currency: str, on: dt.date) -> float | None:
    """US dollars per one unit of `currency` on `on` (nearest earlier ECB day), or None.

    Dates outside the table use its first or last day; currencies the ECB never quoted
    (and that are not dollar-pegged) give None, so no USD figure is invented for them.
    """
    if currency == "USD":
        return 1.0
    if currency in USD_PEGS:
        return 1.0 / USD_PEGS[currency]
    conv = _converter()
    if currency not in conv.currencies:
        return None
    try:
        return float(conv.convert(1.0, currency, "USD", date=on))
    except Exception:  # the library raises its own RateNotFoundError and ValueError subclasses
        log.debug("no %s rate near %s", currency, on)
        return None
