"""Tell the country (ISO 3166-1 alpha-2) and the remote flag from free location text.

Location strings are free text ("San Francisco, CA | New York City, NY", "Remote - EMEA",
"London, UK", "Bilbao, Spain"). The rules are deliberately simple and documented: the first
country that the text names (by country name, a common alias, a major city, or a US state)
wins; text that names none gives None rather than a guess.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import pycountry

_US_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa",
    "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland",
    "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi",
    "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire",
    "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina",
    "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee",
    "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming", "DC": "District of Columbia",
}

# Aliases and major hiring cities, mapped to ISO codes. Cities only where the name is unambiguous
# in job postings (e.g. no "Cambridge", which is both GB and US).
_ALIASES = {
    "US": [
        "USA", "U.S.", "U.S.A.", "United States", "America", "US", "SF", "SFBA", "NYC",
        "Bay Area", "Silicon Valley", "San Francisco", "New York", "Seattle", "Austin",
        "Boston", "Los Angeles", "Chicago", "Palo Alto", "Mountain View", "Menlo Park",
        "Sunnyvale", "San Jose", "Redwood City", "San Mateo", "Denver", "Atlanta", "Miami",
        "Washington DC", "Washington, D.C.", "Pittsburgh", "Philadelphia", "San Diego",
        "Portland", "Salt Lake City", "Brooklyn", "Manhattan", "Oakland", "Berkeley",
        "Santa Clara", "Cupertino", "Bellevue", "Kirkland", "Raleigh", "Nashville", "Dallas",
        "Houston", "Minneapolis", "Detroit", "Phoenix", "Irvine", "Santa Monica",
    ],
    "GB": ["UK", "U.K.", "United Kingdom", "England", "Scotland", "Wales", "Great Britain",
           "London", "Manchester", "Edinburgh", "Bristol"],
    "CA": ["Canada", "Toronto", "Vancouver", "Montreal", "Montréal", "Ottawa", "Waterloo",
           "Calgary"],
    "DE": ["Germany", "Berlin", "Munich", "München", "Hamburg", "Frankfurt", "Cologne"],
    "FR": ["France", "Paris", "Lyon"],
    "NL": ["Netherlands", "Amsterdam", "Rotterdam", "Holland"],
    "IE": ["Ireland", "Dublin"],
    "CH": ["Switzerland", "Zurich", "Zürich", "Geneva", "Lausanne"],
    "ES": ["Spain", "Madrid", "Barcelona"],
    "PT": ["Portugal", "Lisbon"],
    "IT": ["Italy", "Milan", "Rome"],
    "PL": ["Poland", "Warsaw", "Krakow", "Kraków"],
    "SE": ["Sweden", "Stockholm"],
    "DK": ["Denmark", "Copenhagen"],
    "FI": ["Finland", "Helsinki"],
    "NO": ["Norway", "Oslo"],
    "IL": ["Israel", "Tel Aviv"],
    "IN": ["India", "Bangalore", "Bengaluru", "Hyderabad", "Mumbai", "Pune", "New Delhi",
           "Gurgaon", "Gurugram", "Chennai", "Noida"],
    "JP": ["Japan", "Tokyo"],
    "KR": ["South Korea", "Korea", "Seoul"],
    "SG": ["Singapore"],
    "AU": ["Australia", "Sydney", "Melbourne", "Brisbane"],
    "NZ": ["New Zealand", "Auckland"],
    "BR": ["Brazil", "São Paulo", "Sao Paulo", "Rio de Janeiro"],
    "MX": ["Mexico", "Mexico City"],
    "AE": ["UAE", "United Arab Emirates", "Dubai", "Abu Dhabi"],
    "TR": ["Turkey", "Türkiye", "Istanbul"],
    "TW": ["Taiwan", "Taipei"],
    "HK": ["Hong Kong"],
    "CN": ["China", "Beijing", "Shanghai", "Shenzhen"],
    "VN": ["Vietnam", "Viet Nam"],
    "CZ": ["Czech Republic", "Czechia", "Prague"],
    "RU": ["Russia"],
    "AR": ["Argentina", "Buenos Aires"],
    "CO": ["Colombia", "Bogota", "Bogotá"],
    "EE": ["Estonia", "Tallinn"],
    "AT": ["Austria", "Vienna"],
    "BE": ["Belgium", "Brussels"],
    "GR": ["Greece", "Athens"],
    "RO": ["Romania", "Bucharest"],
    "UA": ["Ukraine", "Kyiv"],
    "PH": ["Philippines", "Manila"],
    "ZA": ["South Africa", "Cape Town", "Johannesburg"],
    "NG": ["Nigeria", "Lagos"],
    "EG": ["Egypt", "Cairo"],
}
_REMOTE = re.compile(r"\b(remote|anywhere|distributed|work from home|wfh)\b", re.IGNORECASE)
_NOT_REMOTE = re.compile(r"\b(no remote|not remote|onsite only|on-site only)\b", re.IGNORECASE)


def _fold(text: str) -> str:
    """Text without accents ("Zürich" -> "Zurich", "İstanbul" -> "Istanbul"), case kept."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.cache
def _matchers() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names[_fold(value).lower()] = country.alpha_2
    for code, aliases in _ALIASES.items():
        for alias in aliases:
            if len(alias) > 3:
                names[_fold(alias).lower()] = code
    for name in _US_STATES.values():
        names.setdefault(name.lower(), "US")
    names["georgia"] = "US"  # in job postings, overwhelmingly the state
    ordered = sorted(names, key=len, reverse=True)
    by_name = re.compile(
        r"(?<![\w])(" + "|".join(re.escape(n) for n in ordered) + r")(?![\w])", re.IGNORECASE
    )
    short = {a: c for c, aliases in _ALIASES.items() for a in aliases if len(a) <= 3}
    short.update({code: "US" for code in _US_STATES})
    short.pop("IN", None)  # "Indiana" as "IN" is too often the word "in"
    short.pop("ME", None)
    by_code = re.compile(
        r"(?<![\w.])(" + "|".join(re.escape(s) for s in sorted(short, key=len, reverse=True))
        + r")(?![\w])"
    )
    lookup = {**{k: v for k, v in names.items()}, **short}
    return by_name, by_code, lookup


@functools.lru_cache(maxsize=65536)  # location strings repeat a lot across postings
def country_of(location: str | None) -> str | None:
    """ISO alpha-2 code of the first country the location text names, or None."""
    if not location:
        return None
    by_name, by_code, lookup = _matchers()
    location = _fold(location)
    hits: list[tuple[int, str]] = []
    name_hit = by_name.search(location)
    if name_hit:
        hits.append((name_hit.start(), lookup[name_hit.group(1).lower()]))
    code_hit = by_code.search(location)
    if code_hit:
        hits.append((code_hit.start(), lookup[code_hit.group(1)]))
    return min(hits)[1] if hits else None


def remote_flag(*texts: str | None) -> bool | None:
    """True when the text says the job is remote, False when it says it is not, else None."""
    joined = " ".join(t for t in texts if t)
    if not joined:
        return None
    if _NOT_REMOTE.search(joined):
        return False
    return True if _REMOTE.search(joined) else None
