"""Extract what a job posting asks for: degree, minimum years, seniority and skill families.

Pure functions over plain text; no I/O except reading the bundled vocabulary once.

Degree rule (one label per posting, from the role's required and preferred qualifications):

- Each degree statement is a group of alternatives ("BS/MS/PhD", "MS or PhD", "Bachelor's and
  7+ years, or Master's and 5+ years"); a group asks for its *lowest* degree.
- Several required groups all apply, so the posting asks for the *highest* of their lowest
  degrees (a role's "MS or PhD" beats a company-wide "at least a Bachelor's").
- A required PhD group gives ``phd_or_equivalent`` when it accepts equivalent experience
  ("PhD or equivalent practical experience", "2+ years of experience or a PhD"), else
  ``phd_required``.
- Otherwise a PhD that appears only as preferred / a plus / bonus gives ``phd_preferred``, *even
  when a lower degree is required*: for the claims tested (S1) the signal is whether the role
  values a PhD; the usual Bachelor's floor would hide it. A preferred "MS or PhD" does not count
  when a required alternative already names the PhD ("B.S. + 5 years or ... Ph.D. + 1 year").
  Preferred Bachelor's or Master's degrees alone do not count ("BS preferred" with nothing
  required is ``none``).
- A degree offered against a certificate ("Advanced degree or certifications such as AACE") is
  not required. A JD counts as a Master's-level (professional graduate) degree.
- Degrees of other people ("our team holds PhDs", "founded by PhD grads", "PhD students") and
  degrees in boilerplate sections never count.

Minimum years: every "N+ years of experience"-like mention outside boilerplate and preferred
text is a constraint; alternatives in one statement ("3+ years of software engineering or 5+
years of detection engineering") take the smallest, except when the alternatives are tied to
degrees ("Bachelor's and 7+ years, or Master's and 5+ years"), where the years asked with the
lowest degree (the largest number) are taken, to match the degree label. The posting's minimum
is the largest constraint. Ranges take their lower end; "up to N years" is a cap, not a minimum.

Skills: the families of ``skills.yaml`` found in the title and the role's own text (required
and descriptive sections; never boilerplate). Only what the role asks for or works with counts:

- not lines under a preferred / nice-to-have heading ("Preferred qualifications", "Strong
  candidates may also have", "Bonus points"), unless the line says the skill is required;
- not mentions whose own clause calls them a plus ("Some level of Vue.Js is preferred", "and
  preferably GCP", "Frontend exposure a plus (React)");
- not one option of an "or" list whose other options are outside the family ("a background in
  machine learning or data science"; "AWS, GCP, or Azure" still counts);
- not colleagues ("partner with iOS, Android, and fullstack engineers");
- for families flagged ``not_degree_field``, not a field of study next to a degree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

# Python's own regex parser, used to read literal factors out of the vocabulary's regexes.
from re import _constants as _sre  # noqa: I001
from re import _parser as _sre_parser
from typing import Any

import yaml

from pipelines.requirements.sections import BOILERPLATE, PREFERRED, Line, normalise, tag_lines

VOCABULARY_PATH = Path(__file__).with_name("skills.yaml")

DEGREES = (
    "phd_required",
    "phd_or_equivalent",
    "phd_preferred",
    "masters",
    "bachelors",
    "none",
)
SENIORITIES = ("intern", "junior", "mid", "senior", "staff_plus", "manager", "director_plus")


@dataclass
class Requirements:
    """What one posting asks for."""

    degree: str = "none"
    min_years: int | None = None
    seniority: str | None = None
    skills: list[str] = field(default_factory=list)


def extract_requirements(text: str | None, title: str | None = None) -> Requirements:
    """Degree, minimum years, seniority and skill families asked by a posting.

    `text` is the posting's plain text (newlines between blocks); `title` its job title.
    Any input is accepted: non-strings are treated as empty.
    """
    text = text if isinstance(text, str) else ""
    title = title if isinstance(title, str) else ""
    lines = tag_lines(text)
    statements = _statements(lines)
    return Requirements(
        degree=_degree(statements),
        min_years=_min_years(statements),
        seniority=_seniority(title) if title.strip() else None,
        skills=_skills(normalise(title), lines),
    )


def to_record(req: Requirements, id: str) -> dict[str, Any]:
    """The warehouse row for one posting's requirements."""
    return {
        "id": id,
        "degree": req.degree,
        "min_years": req.min_years,
        "seniority": req.seniority,
        "skills": list(req.skills),
    }


def load_vocabulary() -> dict[str, Any]:
    """The parsed skills.yaml: ``{"version": int, "families": {id: {description, terms...}}}``."""
    with VOCABULARY_PATH.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


# ---------------------------------------------------------------------------------------------
# Statements: sentences of the role's text, with whether they are preferred-only.

# A degree's abbreviation does not end the sentence before an aside: "Ph.D. (or equivalent
# industry experience) in Biochemistry".
# Bullets run together without line breaks ("... is a plus.-A degree in ...") end at ".-".
_SENTENCE_END = re.compile(
    r"(?<=[.!?])(?<!e\.g\.)(?<!i\.e\.)\s+(?=[A-Z])|(?<=[.!?])(?<!Ph\.D\.)(?<![BM]\.[SA]\.)\s+(?=\()"
    r"|(?<=[a-z)][.!?])-(?=[A-Z])"
)
_CONTINUES = re.compile(r"\b(or|and/or)$", re.IGNORECASE)
# Cheap tests for lines that may state years or a degree: literal alternations without flags
# (on the lower-cased line, and case-sensitive hints for abbreviations) are several times faster
# than one case-insensitive regex with word boundaries.
# The English ways of writing years, shared with _YEARS_QUICK ("5 yrs", "1yr+", "5y+").
_YEAR_HINTS = r"year|yrs|\byr\b|\dyr|\dy\+|yoe|decade"
_INTEREST_WORDS = re.compile(
    _YEAR_HINTS + r"|degree|master|bachelor|doctor|phd|ph\. ?d|associate|d\.phil|juris|undergrad|"
    r"\bans\b|a\u00f1os|\banos\b|\bjahre|\b\u00e9v\b"
)
_ABBREVIATION_HINT = re.compile(r"MS|M\.S|MEng|MBA|BS|B\.S|BA|B\.A|BEng|Tech|RN|CPA|JD|J\.D")
_ABBREVIATION = re.compile(
    r"\b(?:MSc?|M\.S|MEng|MBA|BSc?|B\.S|BA|B\.A|BEng|B\.?Tech|RN|CPA|JD|J\.D)\b"
)


_BARE_YEARS = re.compile(
    r"^[-*\s]*\d{1,2}\s*\+?\s*(?:(?:-|to)\s*\d{1,2}\s*\+?\s*)?(?:years?|yrs)\.?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Statement:
    text: str
    preferred: bool


def _of_interest(text: str) -> bool:
    if _INTEREST_WORDS.search(text.lower()):
        return True
    return bool(_ABBREVIATION_HINT.search(text)) and bool(_ABBREVIATION.search(text))


# A bullet opening with "AND" / "OR" continues the previous one: "- Masters Degree and 5+ years
# ...", "- OR a Bachelors Degree and 8+ years ..."; "- A Doctorate ...", "- AND 1+ years ...".
_CONTINUATION = re.compile(r"^[-*\s]*(?:AND|OR|and|or|and/or)\s+")
_BARE_JOINER = re.compile(r"^[-*\s]*(?:AND|OR|and|or|and/or)\s*$")


def _join_continuations(lines: list[Line]) -> list[Line]:
    out: list[Line] = []
    bare = ""  # a line holding only "OR" / "AND" joins its neighbours
    for line in lines:
        if _BARE_JOINER.match(line.text):
            bare = line.text.strip(" -*").lower()
            continue
        m = _CONTINUATION.match(line.text)
        if bare:
            joiner, rest = bare, line.text
        elif m:
            joiner, rest = m.group(0).strip(" -*").lower(), line.text[m.end() :]
        else:
            joiner, rest = "", line.text
        bare = ""
        if joiner and out and out[-1].kind == line.kind:
            out[-1] = Line(f"{out[-1].text.rstrip(' .')}, {joiner} {rest}", line.kind)
        else:
            out.append(line)
    return out


def _statements(lines: list[Line]) -> list[_Statement]:
    """Sentences of the role's text that may state a degree or years of experience."""
    out: list[_Statement] = []
    pending = ""
    previous = ""
    for line in _join_continuations(lines):
        if line.kind == BOILERPLATE:
            continue
        text = f"{pending} {line.text}" if pending else line.text
        if _BARE_YEARS.match(text) and _EXPERIENCE_NEAR.search(previous):
            # Form-style postings: "Relative Work Experience" on one line, "5-7 Years" below.
            text = f"{previous}: {text}"
        previous = line.text
        # A bullet ending in "or" / "and/or" continues into the next one (alternatives).
        if text.endswith(("or", "OR")) and _CONTINUES.search(text):
            pending = text
            continue
        pending = ""
        if not _of_interest(text):
            continue
        preferred = line.kind == PREFERRED
        out.extend(_Statement(s, preferred) for s in _SENTENCE_END.split(text) if s)
    if pending:
        out.append(_Statement(pending, False))
    return out


# ---------------------------------------------------------------------------------------------
# Degree

_NONE, _ASSOCIATE, _BACHELORS, _MASTERS, _PHD = -1, 0, 1, 2, 3

_PHD_RX = r"ph\.?\s?d\.?|doctora(?:te|l)(?: degree)?|d\.phil"
# Word forms match in any case; abbreviations ("MS", "BA") only as written, since "ms" and
# "ba" are ordinary text ("move to BA" is Buenos Aires). "Our designers are masters" and a PhD
# followed by "s" / "students" / "grads" name people, not a requirement ("many of our team hold
# PhDs"); "post-PhD experience" is not a degree either.
_PEOPLE_AFTER_PHD = (
    r"(?!['\u2019]?s\b|\w)(?!\s*-?\s*(?:students?|grads?|graduates|holders|scientists|"
    r"researchers|level|candidates?|interns?|staff)\b)"
)
# "No PhD or biotech background needed", "without a PhD in Data Science": not a requirement;
# nor is a PhD that may count as experience ("7+ years ..., which could also include your PhD",
# "1 year of experience (including academic research, e.g., PhD)").
_NOT_NEGATED = (
    r"(?<![Nn]o )(?<!without )(?<!without a )(?<!without an )(?<!include your )"
    r"(?<!including your )(?<!includes your )(?<!e\.g\., )(?<!e\.g\. )"
)
_DEGREE_MENTION = re.compile(
    rf"(?P<phd>{_NOT_NEGATED}(?<![\w-])(?i:{_PHD_RX}){_PEOPLE_AFTER_PHD})"
    r"|(?P<ms>(?<!\w)(?:(?<!are )(?i:master'?s|masters|master[- ]level|master of (?!record)|"
    r"advanced (?:technical )?degree|(?:post-?)?graduate degree)"
    r"|MS(?! (?:SQL\w*|Office|Excel|Word|Teams|Azure|Access|Dynamics|Project|Visio|PowerPoint"
    r"|Outlook|Windows)\b)|M\.S\.?|MSc|M\.Sc\.?|MEng|M\.Eng\.?|"
    r"MBA|J\.D\.|(?<=\b[Aa] )JD|(?i:juris doctor)|(?<=\ben )Master)(?!\w))"
    r"|(?P<bs>(?<!\w)(?<!no-)(?<!no )"
    r"(?:(?i:bachelor'?s?|bachelors|undergrad(?:uate)?(?: degree)?(?!s\b| programs))|BS|"
    r"B\.S\.?|BSc|B\.Sc\.?|(?<!to )(?<!in )BA|B\.A\.?|BEng|B\.Eng\.?|B\.?Tech)(?!\w))"
    r"|(?P<other>(?<!\w)(?:(?i:associate'?s degree)|RN|CPA)(?!\w))"
)
_ASSOCIATE_DEGREE = re.compile(r"associate'?s degree", re.IGNORECASE)
_MENTION_LEVEL = {"phd": _PHD, "ms": _MASTERS, "bs": _BACHELORS, "other": _ASSOCIATE}
_DEGREE_QUICK = re.compile(
    r"ph\.?\s?d|doctora|d\.phil|master|bachelor|undergrad|\bM\.?S|\bB\.?[SA]|\bMEng|\bBEng|\bMBA|\bB\.?Tech|"
    r"degree|associate|\bRN\b|\bCPA\b|\bJ\.?D\b|juris",
    re.IGNORECASE,
)
_GENERIC_DEGREE = re.compile(
    r"\b(?:university|college|undergraduate|4-year|four-year|technical|stem|cs|computer science|"
    r"engineering)\s+degree\b|\bdegree\s+in\s+(?:computer|cs\b|software|engineering|math|"
    r"a (?:related|relevant|technical|quantitative)|related|relevant|information|electrical|"
    r"physics|statistics|data)|\bdegree from\b",
    re.IGNORECASE,
)
# "Linguistics/Translation degree", "Degree in Aerospace Engineering": a capitalised field next to
# "degree" (not "No degree").
_FIELD_DEGREE = re.compile(
    r"\b(?!No\b|Any\b)[A-Z][a-z]+(?:/[A-Z][a-z]+)? degree\b|\b[Dd]egree in [A-Z][a-z]+"
)
# "We don't care if you're self-taught, went through a coding academy, or have a M.Sc": any
# degree named after such a waiver is one option among non-degree ones.
_DEGREE_WAIVED = re.compile(
    r"\b(?:don't|do not|doesn't|does not) (?:care|matter) (?:if|whether)\b"
    # "We do not presently have openings for undergraduates (B.Sc. students)."
    r"|\b(?:no|not (?:\w+ ){0,2}(?:have )?(?:any )?)openings for\b",
    re.IGNORECASE,
)
# Sentences about other people's degrees: "our team includes PhDs", "founded by ...".
_PEOPLE = re.compile(
    r"\b(?:our|the|existing) (?:team|staff|founders?|colleagues)\b|\bfounded by\b|\bfounders?\b"
    r"|\b\d+% of\b|\bteam (?:of|includes|with)\b",
    re.IGNORECASE,
)
_GROUP_GAP = re.compile(
    r"^[\s,/()&+]*(?:degree\s*)?(?:(?:or|and|&)[\s,/()]*)?(?:an?\s+)?(?:degree\s*)?$",
    re.IGNORECASE,
)
_OR = re.compile(r"\bor\b", re.IGNORECASE)
_PREFERRED_CUE = re.compile(
    r"not (?:strictly |necessarily )?required|prefer|\ba plus\b|\bplus if\b|bonus|"
    r"nice[- ]to[- ]have|desir|advantage|welcome|helpful|good to have|great to have|"
    r"would be great|strongly encouraged",
    re.IGNORECASE,
)
# Before a degree, "ideally a PhD" / "preferably an MS" also mark it as a preference.
_SOFT_WORDS = r"ideally|preferably"
_PREFERRED_BEFORE = re.compile(_PREFERRED_CUE.pattern + "|" + _SOFT_WORDS, re.IGNORECASE)
# "ideally a minimum of 10+ years": a soft word before a years figure prefers the figure.
_SOFT_BEFORE = re.compile(rf"\b(?:{_SOFT_WORDS})\b", re.IGNORECASE)
_REQUIRED_CUE = re.compile(r"\brequired?\b|\bmust\b|\bminimum\b", re.IGNORECASE)
# End of the text a cue may be read from after a degree: the next unrelated requirement.
_WINDOW_STOP = re.compile(
    r"[;]|ph\.?\s?d|,\s*(?:with\s+|and\s+)?(?:\d|experience|knowledge|familiarity|proficiency|"
    r"strong|expertise|ability|ideally|preferably)",
    re.IGNORECASE,
)
_CLAUSE_START = re.compile(r".*[,;(]", re.DOTALL)
# "Ideally, you will have a Computer Science degree": the comma cuts the cue off the clause.
_SOFT_START = re.compile(rf"^\W*(?:{_SOFT_WORDS})\b", re.IGNORECASE)
# "or equivalent field" / "equivalent degree" is about the subject, not experience in its place.
_EQUIVALENT_AFTER = re.compile(
    r"equivalent(?!\s+(?:field|discipline|subject|area|major|degree|qualification|program))"
    r"|\bor\s+(?:\w+\s+){0,3}experience"
    r"|\bor\s+\d+\s*(?:\+|(?:-|to)\s*\d+)?\s*\+?\s*(?:years|yrs)",
    re.IGNORECASE,
)
_EQUIVALENT_BEFORE = re.compile(
    r"(?:experience|years?)\b[^.;]*\bor\s+(?:an?\s+|the\s+)?(?:relevant\s+|related\s+)?$",
    re.IGNORECASE,
)
# "Bachelor's degree - preferably in Computer Science": the preference is about the field.
_FIELD_PREFERENCE = re.compile(r"\b(?:preferably|ideally|preferred)\s+(?:in|within)\b", re.I)
# A parenthesis preferring something else ("A JD and active membership in a state bar
# (California preferred)") says nothing about the degree.
_ASIDE = re.compile(r"\((?:[A-Z][\w.+-]*\s+){1,3}(?:strongly\s+)?preferred\s*\)")
_CERTIFICATE_AFTER = re.compile(
    r"^[^.;,]{0,30}?\b(?:or|and/or)\s+(?:\w+\s+){0,2}(?:certifications?|certificates?|licen[cs]es?)\b",
    re.IGNORECASE,
)
_PAIRED_YEARS = re.compile(
    r"^[^.;]{0,40}?\b(?:and|with|\+)\s+(?:at least\s+|a minimum of\s+)?\d", re.IGNORECASE
)
_DIGIT_YEARS = r"\b\d{1,2}\s*\+?\s*(?:years?|yrs)\b"
# The same pairing with the years first: "5 years of experience with BS/BA; 3 years with MS/MA;
# 0 years with PhD".
_YEARS_WITH_BEFORE = re.compile(
    _DIGIT_YEARS + r"[^.;]{0,40}?\bwith\s+(?:an?\s+|the\s+)?$", re.IGNORECASE
)
# A years figure, then "(or ..." up to the mention: "4+ years of experience (or 2+ years with
# Masters/PhD)".
_NO_DEGREE_PATH = re.compile(_DIGIT_YEARS + r"[^()]*\(\s*or\b[^()]*$", re.IGNORECASE)


def _degree_free_path(before: str) -> bool:
    """Whether `before` ends inside "(or ..." that follows a years figure with no degree."""
    return bool(_NO_DEGREE_PATH.search(before)) and not _DEGREE_QUICK.search(
        before[: before.rfind("(")])


@dataclass(slots=True)
class _Group:
    levels: list[int]
    start: int
    end: int
    preferred: bool = False
    equivalent: bool = False
    paired: bool = False


def _degree(statements: list[_Statement]) -> str:
    required: list[_Group] = []
    paired: list[_Group] = []
    preferred_phd = False  # a preferred group that names a PhD
    preferred_phd_only = False  # ... and asks for nothing lower ("Ph.D. preferred")
    for st in statements:
        if (not _DEGREE_QUICK.search(st.text) or _PEOPLE.search(st.text)
                or _DEGREE_WAIVED.search(st.text)):
            continue
        groups = _degree_groups(st.text)
        if any(g.paired for g in groups):
            # "Bachelor's with 5+ years, Master's with 2+ years, PhD or equivalent experience":
            # the PhD path closes the list of paths instead of raising the bar.
            for group in groups:
                group.paired = group.paired or (group.equivalent and _PHD in group.levels)
        for group in groups:
            if st.preferred or group.preferred:
                preferred_phd = preferred_phd or _PHD in group.levels
                preferred_phd_only = preferred_phd_only or min(group.levels) == _PHD
            elif group.paired:
                paired.append(group)
            else:
                required.append(group)
    if paired:
        # "BS and 8 years / MS and 6 years / PhD and 3 years" lines are one set of alternatives.
        required.append(
            _Group(
                levels=[lv for g in paired for lv in g.levels],
                start=0,
                end=0,
                equivalent=any(g.equivalent for g in paired),
            )
        )
    best: _Group | None = None
    for group in required:
        if best is None or min(group.levels) > min(best.levels):
            best = group
    level = min(best.levels) if best else _NONE
    if level == _PHD:
        return "phd_or_equivalent" if best.equivalent else "phd_required"
    # A preferred "MS or PhD" does not single out the PhD when a required alternative already
    # names it ("B.S. + 5 years or M.S. + 3 years or Ph.D. + 1 year" required, "M.S. or Ph.D."
    # desired: bachelors); "Ph.D. preferred" on its own still does.
    if preferred_phd_only or (preferred_phd and not any(_PHD in g.levels for g in required)):
        return "phd_preferred"
    if level == _MASTERS:
        return "masters"
    if level == _BACHELORS:
        return "bachelors"
    return "none"


def _degree_groups(text: str) -> list[_Group]:
    """Degree alternatives of one sentence, with their preferred / equivalent / paired flags."""
    mentions: list[tuple[int, int, int]] = []
    for m in _DEGREE_MENTION.finditer(text):
        level = _MENTION_LEVEL[m.lastgroup]
        mentions.append((m.start(), m.end(), level))
    if not mentions:
        generic = _GENERIC_DEGREE.search(text) or _FIELD_DEGREE.search(text)
        if not generic:
            return []
        mentions = [(generic.start(), generic.end(), _BACHELORS)]
    if any(level > _ASSOCIATE for _, _, level in mentions):
        # Next to a degree, a licence ("CPA, Bachelor's degree in Accounting") is a further
        # requirement, not a lower alternative to the degree, unless "or" offers it as one
        # ("RN, or PhD with direct experience in nursing practice").
        mentions = [
            m
            for i, m in enumerate(mentions)
            if m[2] != _ASSOCIATE
            or _ASSOCIATE_DEGREE.match(text, m[0])
            or _OR.search(text[mentions[i - 1][1] if i else 0 : m[0]])
            or (i + 1 < len(mentions) and _OR.search(text[m[1] : mentions[i + 1][0]]))
        ]
    # Tight groups: mentions separated only by "/", ",", "or", "and".
    tight: list[_Group] = []
    for start, end, level in mentions:
        if tight and _GROUP_GAP.match(text[tight[-1].end : start]):
            tight[-1].levels.append(level)
            tight[-1].end = end
        else:
            tight.append(_Group(levels=[level], start=start, end=end))
    for i, group in enumerate(tight):
        stop = tight[i + 1].start if i + 1 < len(tight) else len(text)
        after = text[group.end : stop]
        cut = _WINDOW_STOP.search(after)
        window = _ASIDE.sub(" ", _FIELD_PREFERENCE.sub(" ", after[: cut.start()] if cut else after))
        before = text[tight[i - 1].end if i else 0 : group.start]
        clause_before = _FIELD_PREFERENCE.sub(" ", _CLAUSE_START.sub("", before))
        pref = _PREFERRED_CUE.search(window)
        req = _REQUIRED_CUE.search(window)
        group.preferred = bool(pref and (not req or pref.start() < req.start())) or bool(
            _PREFERRED_BEFORE.search(clause_before) or (i == 0 and _SOFT_START.match(before))
        )
        group.equivalent = bool(_EQUIVALENT_AFTER.search(window)) or bool(
            _EQUIVALENT_BEFORE.search(text[: group.start])
        )
        group.paired = bool(_PAIRED_YEARS.match(after) or _YEARS_WITH_BEFORE.search(before))
        if _degree_free_path(text[: group.start]):
            # "4+ years of experience (or 2+ years with Masters/PhD)": the degree shortens a
            # path that needs none.
            group.levels.append(_NONE)
        if _CERTIFICATE_AFTER.match(after):
            # "Advanced degree or certifications such as AACE": a certificate also satisfies it.
            group.levels.append(_NONE)
    # Required groups joined by "or" anywhere in the sentence are alternatives of each other.
    merged: list[_Group] = []
    for group in tight:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and not prev.preferred
            and not group.preferred
            and _OR.search(text[prev.end : group.start])
        ):
            prev.levels.extend(group.levels)
            prev.end = group.end
            prev.equivalent = prev.equivalent or group.equivalent
            prev.paired = prev.paired or group.paired
        else:
            merged.append(group)
    return merged


# ---------------------------------------------------------------------------------------------
# Minimum years of experience

_NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20,
}  # fmt: skip
_NUM = r"(?:\d{1,2}|" + "|".join(_NUMBER_WORDS) + ")"
# Postings in French, Spanish, Portuguese, German and Hungarian ("Plus de 7 ans d'experience",
# "Minimo de 8 anos de experiencia", "Legalabb 5 ev tapasztalat"): the figure only, with the
# same checks as in English; their word for experience is in _EXPERIENCE_NEAR.
_FOREIGN_YEARS = r"(?:ans|a\u00f1os|anos|jahren?|\u00e9v)\b"
_YEARS = re.compile(
    rf"(?<![\w$.,~-])(?P<low>{_NUM})(?:\s*\(\d{{1,2}}\))?\s*(?:\+|plus)?\s*"
    rf"(?:(?:-|~|to)\s*{_NUM}\s*\+?\s*)?(?:or more\s+)?"
    rf"(?:years?|yrs?\b\.?|yoe\b|y(?=\+)|{_FOREIGN_YEARS})"
    r"(?P<apos>'?)"
    r"|(?P<decade>\b(?:a|one|two|over a|more than a|nearly a|almost a)\s+decades?)",
    re.IGNORECASE,
)
_YEARS_QUICK = re.compile(
    _YEAR_HINTS + r"|ans\b|a\u00f1os|anos\b|jahre|\u00e9v\b", re.IGNORECASE
)
# A minimum stated as such ("Python (3+ years)", "5y+", "Go (4 years minimum)") is experience
# even without the word, in the required statements _min_years reads.
_MINIMUM_FIGURE = re.compile(r"\+|\bplus\b")
_MINIMUM_AFTER = re.compile(r"^\s*(?:\+|minimum\b|min\b)", re.IGNORECASE)
_MINIMUM_BEFORE = re.compile(r"\b(?:minimum|min\.?|at least)(?: of)?\s*$", re.IGNORECASE)
# "to hire a software engineer for at least one year", "work at Circuit for a minimum of one
# year": how long the job lasts, not experience.
_TENURE_BEFORE = re.compile(r"\b(?:hire|work (?:at|for|with) us|work at|join|stay)\b",
                            re.IGNORECASE)
# No posting asks for more than this; larger numbers are about something else ("a meta-study
# of 85 years of research", "a team with 40+ years' experience").
_MAX_YEARS = 25
_REJECT_BEFORE = re.compile(
    r"(?:\bup to|\bmaximum of|\bwithin|\bafter|\bevery|\bper|"
    r"\bfor(?: over| more than| the past| the last)?|"
    r"\bin(?: just| under| the next| the past| the last| the first)?|\bover the (?:next|past|last)|"
    r"\bthe (?:next|past|last|first)|\bnext|\bpast|\blast|\bby|\bsince|\bfounded)\s*$",
    re.IGNORECASE,
)
_REJECT_AFTER = re.compile(
    r"^\s*(?:ago|old|of age|from now|later|in a row|warranty|runway|history|vesting|exercise|"
    r"commitment|contract|"
    r"of (?:employment|service|runway|history|operation|growth|funding|existence)|"
    # "10 years of data" is history; "4+ years of data analytics / data and ML" is experience.
    r"of data(?!(?:[\s/-]+[\w-]+){0,3}?[\s/-]+(?:experience|analy|scien|engineer))|"
    r"(?:of )?(?:experience )?(?:is|are|would be) (?:a plus|preferred|nice))",
    re.IGNORECASE,
)
_EXPERIENCE_AFTER = re.compile(
    r"^\s*(?:of\b|in\b|as\b|at\b|with\b|on\b|building|working|developing|doing|designing|"
    r"leading|managing|running|operating|shipping|writing|coding|hands-on|professional|"
    r"industry|relevant|experience|exp\b|xp\b|post|\(required\))",
    re.IGNORECASE,
)
# "an entry-level full-stack Software Engineer (1-3 years)": a figure glossing the role.
_ROLE_BEFORE_PAREN = re.compile(
    r"\b(?:engineer|developer|scientist|designer|analyst|manager|architect|researcher)s?\s*\($",
    re.IGNORECASE,
)
_EXPERIENCE_NEAR = re.compile(
    r"experience|\byoe\b|\bxp\b|exp\u00e9rience|experiencia|experi\u00eancia|erfahrung|tapasztalat",
    re.IGNORECASE,
)
# "us" only in lower case: "US citizen" is not the company speaking.
_COMPANY_SUBJECT = re.compile(r"\b(?:[Ww]e|[Ww]e've|[Ww]e have|[Oo]ur|us)\b")
_CANDIDATE = re.compile(
    r"\b(?:you|your|you've|candidates?|looking for|seeking|hiring|require[sd]?|minimum|"
    r"at least|must|need)\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[,;.(]")
_DEGREE_WORD = re.compile(rf"{_PHD_RX}|master|bachelor|\bB\.?S\b|\bM\.?S\b|degree", re.IGNORECASE)


def _min_years(statements: list[_Statement]) -> int | None:
    best: int | None = None
    for st in statements:
        if st.preferred or not _YEARS_QUICK.search(st.text):
            continue
        value = _statement_years(st.text)
        if value is not None and (best is None or value > best):
            best = value
    return best


def _statement_years(text: str) -> int | None:
    if _COMPANY_SUBJECT.search(text) and not _CANDIDATE.search(text):
        return None  # "With a decade of experience, we've achieved..." is about the company
    found: list[tuple[int, int, int]] = []
    for m in _YEARS.finditer(text):
        after = text[m.end() : m.end() + 60]
        near = text[max(0, m.start() - 60) : m.end() + 60]
        if m.group("decade"):
            value = 20 if "two" in m.group("decade").lower() else 10
            if not (re.match(r"\s+(?:of|in)\b", after) and _EXPERIENCE_NEAR.search(near)):
                continue
        else:
            value = _number(m.group("low"))
            before = text[max(0, m.start() - 30) : m.start()]
            if _REJECT_BEFORE.search(before) or _REJECT_AFTER.match(after):
                continue
            if not (
                m.group("apos")
                or _EXPERIENCE_AFTER.match(after)
                or _EXPERIENCE_NEAR.search(near)
                or (_ROLE_BEFORE_PAREN.search(before) and after.lstrip().startswith(")"))
                or _MINIMUM_FIGURE.search(m.group(0))
                or _MINIMUM_AFTER.match(after)
                or (_MINIMUM_BEFORE.search(before)
                    and not _TENURE_BEFORE.search(text[max(0, m.start() - 80) : m.start()]))
            ):
                continue
        if value > _MAX_YEARS or _mention_is_preferred(text, m.start(), m.end()):
            continue
        found.append((m.start(), m.end(), value))
    if not found:
        return None
    between = [text[a[1] : b[0]] for a, b in zip(found, found[1:], strict=False)]
    values = [v for _, _, v in found]
    if any(_OR_BEFORE_FIGURE.search(gap) for gap in between):
        # Alternatives; tied to degrees, the lowest degree's (largest) number is the bar.
        return max(values) if len(_DEGREE_WORD.findall(text)) >= 2 else min(values)
    return max(values)


# Alternatives put "or" right before the next figure ("3+ years of software engineering or 5+
# years of detection engineering"; "Bachelor's and 7+ years, or Master's and 5+ years"); an "or"
# inside a list of fields ("8+ years in customer success, account management, or post-sales
# leadership ..., including 3-5+ years in senior roles") does not make the figures alternatives.
# An "and" after the "or" joins a further requirement ("7 or more years as a UX or Product
# Designer and 1 or more years of management"), unless the "or" offers a degree with its own
# figure ("or Master's and 5+ years").
_OR_BEFORE_FIGURE = re.compile(
    r"\bor\b(?![^,;]*\band\b)[^,;]{0,40}$|\bor\s+(?:an?\s+)?"
    r"(?=[^,;]{0,30}?(?:ph\.?\s?d|master|bachelor|\bB\.?S|\bM\.?S|\bB\.?A\b|degree))"
    r"(?:[\w'.]+\s+){0,2}(?:degree\s+)?(?:and|with|\+)\s+",
    re.IGNORECASE,
)


def _mention_is_preferred(text: str, start: int, end: int) -> bool:
    """Whether the clause holding a years mention marks it as a plus / preferred."""
    left = text[:start]
    breaks = list(_CLAUSE_BREAK.finditer(left))
    clause_start = breaks[-1].end() if breaks else 0
    nxt = _CLAUSE_BREAK.search(text, end)
    clause = text[clause_start : nxt.start() if nxt else len(text)]
    # "preferably in tech, fintech" qualifies the field, not the figure; "ideally a minimum of
    # 10+ years" prefers the figure itself.
    return bool(_PREFERRED_CUE.search(_FIELD_PREFERENCE.sub(" ", clause))
                or _SOFT_BEFORE.search(text[clause_start:start]))


def _number(token: str) -> int:
    token = token.lower()
    return int(token) if token.isdigit() else _NUMBER_WORDS[token]


# ---------------------------------------------------------------------------------------------
# Seniority from the title

_SENIORITY_RULES = [
    (
        "intern",
        r"\bintern(ship)?s?\b|\bco-?op\b|new grad|\bgraduate\b|apprentice|\bcampus\b|"
        r"entry[- ]level|working student|\bfellowship\b|\btrainee\b",
    ),
    (
        "director_plus",
        r"\bdirector\b|\bhead of\b|\bhead,|\bvp\b|vice president|\bchief\b|"
        r"\bc[tefo]o\b|\bsvp\b|\bevp\b|\bpresident\b",
    ),
    (
        "manager",
        r"(?<!product )(?<!program )(?<!project )(?<!account )(?<!success )"
        r"(?<!partner )(?<!marketing )(?<!community )(?<!policy )(?<!risk )"
        r"(?<!capacity )(?<!sales )(?<!territory )(?<!relationship )(?<!content )"
        r"(?<!office )(?<!case )(?<!category )(?<!channel )(?<!brand )"
        r"\bmanager\b|\bmanaging\b|\bmgr\b",
    ),
    (
        "staff_plus",
        r"(?<!technical )\bstaff\b|senior staff|\bprincipal\b|\bdistinguished\b|"
        r"\bfellow\b|\b(?:iv|v)$",
    ),
    ("senior", r"\bsenior\b|\bsr\b\.?|\blead\b|\biii\b"),
    ("junior", r"\bjunior\b|\bjr\b\.?|\bassociate\b(?! director)|\bi$|level (?:1|i)\b"),
    ("mid", r"\bmid[- ]?level\b|\bmid\b|\bii\b"),
]
_SENIORITY = [(label, re.compile(rx, re.IGNORECASE)) for label, rx in _SENIORITY_RULES]


def _seniority(title: str) -> str:
    """Level from the title; a title without a level word is ``mid``."""
    title = normalise(title).strip()
    for label, rx in _SENIORITY:
        if rx.search(title):
            return label
    return "mid"


# ---------------------------------------------------------------------------------------------
# Skill families

_UNLESS_CONTEXT = 40
_MAX_EXACT = 24
# How far around an anchor word a term is looked for (the longest terms are ~50 characters).
_WINDOW = 90
_TOKEN = re.compile(r"[a-z0-9]+")
# Words frequent in any posting make poor anchors (each occurrence costs a window search).
_COMMON_WORDS = frozenset(
    {
        "engineering",
        "engineer",
        "engineers",
        "development",
        "developer",
        "infrastructure",
        "services",
        "systems",
        "system",
        "platform",
        "platforms",
        "data",
        "experience",
        "performance",
        "management",
        "architecture",
        "architectures",
        "framework",
        "frameworks",
        "application",
        "applications",
        "programming",
        "optimization",
        "optimisation",
        "automation",
        "design",
        "training",
        "models",
        "model",
        "team",
        "teams",
        "building",
        "tools",
        "technologies",
        "technology",
        "processes",
        "processing",
        "protocol",
        "protocols",
        "concepts",
        "fundamentals",
        "computer",
        "deployment",
        "deployments",
        "efficiency",
        "efficient",
        "improve",
        "reliability",
        "operations",
        "orchestration",
        "multi",
        "supervised",
        "intelligent",
        "coding",
        "voice",
        "skills",
        "online",
        "test",
        "tests",
        "testing",
        "science",
        "language",
        "generation",
        "continuous",
        "challenges",
        "libraries",
        "runtime",
        "internals",
        "stores",
        "value",
        "database",
        "databases",
        "upgrade",
        "upgrades",
        "reasoning",
        "capability",
        "reproducible",
        "assess",
        "assessing",
        "google",
        "microsoft",
        "native",
        "server",
        "rest",
        "next",
        "apache",
        "delta",
        "reporting",
        "streaming",
        "collection",
        "curation",
        "communication",
        "communications",
        "balancer",
        "balancers",
        "and",
        "the",
        "for",
        "with",
        "from",
        "into",
        "large",
        "scale",
    }
)


@dataclass(frozen=True, slots=True)
class _Family:
    id: str
    pattern: re.Pattern[str]
    unless: re.Pattern[str] | None
    # Mentions naming a field of study next to a degree do not count ("PhD in Statistics").
    not_degree_field: bool
    # Anchor word -> regex of the family's terms containing that word. A term matches only
    # where one of its anchor words occurs; None: some term has no anchor, scan the whole text.
    by_anchor: dict[str, re.Pattern[str]] | None


def _term_regex(parts: list[str]) -> re.Pattern[str]:
    # No letter, digit or dot may touch a term ("index.html" is not HTML).
    return re.compile(rf"(?<![A-Za-z0-9.])(?:{'|'.join(parts)})(?![A-Za-z0-9])")


@lru_cache(maxsize=1)
def _families() -> tuple[_Family, ...]:
    vocab = load_vocabulary()
    out = []
    for fid, spec in vocab["families"].items():
        terms = [(t, f"(?i:{t})") for t in spec.get("terms", [])]
        terms += [(t, f"(?:{t})") for t in spec.get("case_sensitive", [])]
        unless = re.compile(spec["unless"], re.IGNORECASE) if spec.get("unless") else None
        grouped: dict[str, list[str]] = {}
        for raw, compiled in terms:
            anchors = _anchors(raw)
            if anchors is None:
                grouped = {}
                break
            for word in anchors:
                grouped.setdefault(word, []).append(compiled)
        by_anchor = {w: _term_regex(p) for w, p in grouped.items()} if grouped else None
        pattern = _term_regex([c for _, c in terms])
        out.append(_Family(fid, pattern, unless, bool(spec.get("not_degree_field")), by_anchor))
    return tuple(out)


def _anchors(term: str) -> set[str] | None:
    """One rare word from each literal factor of a term; None if the term has no factor."""
    factors = _factors(_sre_parser.parse(term.lower()))
    if factors is None:
        return None
    words = set()
    for factor in factors:
        tokens = _TOKEN.findall(factor)
        if not tokens:
            return None
        rare = [t for t in tokens if t not in _COMMON_WORDS and len(t) > 2] or tokens
        words.add(max(rare, key=len))
    return words


# A nice-to-have line still counts when it says the skill is required (Anthropic's "However,
# proficiency in Python, deep learning frameworks, and distributed computing is required").
_SKILL_REQUIRED_LINE = re.compile(r"\b(?:is|are)\s+required\b|\bmust\b", re.IGNORECASE)
# A mention is only a plus when its own clause says so: after it ("Some level of Vue.Js is
# preferred", "Redshift would be a bonus", "knowledge of Rest APIs is beneficial") or just
# before it ("and preferably GCP").
_CLAUSE_END = re.compile(r"[.;(\n]")
_PARENTHESES = re.compile(r"\([^()]*\)")
# How big a plus is ("a significant plus", "is a great plus"): still only a plus.
_PLUS_SIZE = r"big|huge|strong|significant|definite|great|major"
_PLUS_AFTER = re.compile(
    r"\b(?:is|are|would be|will be)\s+(?:an?\s+)?"
    rf"(?:(?:{_PLUS_SIZE}|added)\s+)?"
    r"(?:plus|bonus|preferred|beneficial|advantage|nice[- ]to[- ]have|desired|desirable)\b"
    rf"|\ba (?:(?:{_PLUS_SIZE}) )?plus\b"
    r"|\bpreferred\s*(?:[.;)]|$)|\bnice[- ]to[- ]have\b"
    r"|\bdesired\s*(?:[.;)]|$)|\badded advantage\b",
    re.IGNORECASE,
)
_PLUS_BEFORE = re.compile(
    r"\b(?:preferably|ideally|bonus(?: points)? (?:if|for)|plus if|nice[- ]to[- ]have)\b"
    r"[^.;,\n]{0,40}$",
    re.IGNORECASE,
)
_PLUS_WINDOW = 120
# "This is not a compiler-focused role", "no Kubernetes experience needed".
_NEGATED = re.compile(r"\b(?:not|no)\s+(?:an?\s+)?\Z", re.IGNORECASE)


def _skills(title: str, lines: list[Line]) -> list[str]:
    # The role's own text: never boilerplate, and preferred / nice-to-have items only count when
    # the line itself says they are required (the label rules count the skills the role asks
    # for, not the extras it would welcome).
    kept = [
        ln.text
        for ln in lines
        if ln.kind != BOILERPLATE and (ln.kind != PREFERRED or _SKILL_REQUIRED_LINE.search(ln.text))
    ]
    text = "\n".join([title, *kept])
    lowered = text.lower()
    tokens = set(_TOKEN.findall(lowered))
    found = []
    for fam in _families():
        if fam.by_anchor is None:
            hit = _first_match(fam, fam.pattern, text, 0, len(text))
        else:
            # Running each family's regex over the whole text is the slow part of extraction;
            # most families have no anchor word in a posting, and the rest are tried only
            # around their anchors, with just the terms that contain that anchor.
            hit = any(
                _first_match(
                    fam, fam.by_anchor[word], text, max(0, at - _WINDOW), at + len(word) + _WINDOW
                )
                for word in fam.by_anchor.keys() & tokens
                for at in _occurrences(lowered, word)
            )
        if hit:
            found.append(fam.id)
    return sorted(found)


def _occurrences(lowered: str, word: str) -> Any:
    """Start offsets of `word` where it begins a token (not inside a longer word)."""
    at = lowered.find(word)
    while at >= 0:
        if at == 0 or not lowered[at - 1].isalnum():
            yield at
        at = lowered.find(word, at + len(word))


def _first_match(fam: _Family, pattern: re.Pattern[str], text: str, start: int, end: int) -> bool:
    for m in pattern.finditer(text, start, end):
        if fam.unless is not None:
            ctx = text[max(0, m.start() - _UNLESS_CONTEXT) : m.end() + _UNLESS_CONTEXT]
            if fam.unless.search(ctx):
                continue
        if (_only_a_plus(text, m.start(), m.end())
                or _NEGATED.search(text[max(0, m.start() - 12) : m.start()])):
            continue
        if m.start() > text.find("\n") >= 0:  # the title (first line) names the role outright
            if _names_colleagues(text, m.start(), m.end()):
                continue
            if fam.not_degree_field and _degree_field(text, m.start()):
                continue
            if _one_option(fam, text, m.start(), m.end()):
                continue
        return True
    return False


def _only_a_plus(text: str, start: int, end: int) -> bool:
    """Whether the clause around a skill mention marks it as a plus rather than a requirement."""
    # Examples in parentheses do not end the clause: "front-end code (e.g. HTML/CSS/JS) preferred".
    after = _PARENTHESES.sub(" ", text[end : end + _PLUS_WINDOW])
    stop = _CLAUSE_END.search(after)
    after = after[: stop.start() if stop else len(after)]
    plus = _PLUS_AFTER.search(after)
    if plus and not _REQUIRED_CUE.search(after[: plus.start()]):
        return True
    before = text[max(0, start - _PLUS_WINDOW) : start]
    if _PLUS_BEFORE.search(before):
        return True
    # Inside parentheses the example belongs to the phrase before them: "Frontend exposure a
    # plus (React), but not required".
    opened = before.rfind("(")
    if opened >= 0 and ")" not in before[opened:] and "\n" not in before[opened:]:
        head = before[:opened]
        head = head[head.rfind("\n") + 1 :]
        close = text.find(")", end)
        tail = text[close + 1 : close + 1 + _PLUS_WINDOW] if close >= 0 else ""
        stop = _CLAUSE_END.search(tail)
        tail = tail[: stop.start() if stop else len(tail)]
        head_clause = re.split(r"[.;]", head)[-1]
        return bool(_PLUS_AFTER.search(head_clause) or _PLUS_AFTER.search(tail))
    return False


# Colleagues are not skills: "Partner with iOS, Android, and fullstack engineers", "collaborate
# with our back end, product, and design teams", "composed of 4 backend developers, 2 frontend
# developers", "other infra teams (e.g., networking, observability, databases)". The mention
# must sit in a plain noun list between "with" and the people it names; a verb or preposition
# in between ("with Kubernetes to deploy for teams") ends the list.
_COLLEAGUE_NOUN = (
    r"teams?|engineers|developers|scientists|researchers|colleagues|counterparts|partners|"
    r"groups|organi[sz]ations|orgs|departments|stakeholders|leads|experts|specialists|squads"
)
_LIST_WORD = (
    r"(?:(?!(?:to|for|in|on|at|using|via|by|from|into|that|who|which|is|are|of|as)\b)"
    r"[\w'/&+.-]+)"
)
# "with FE/full stack engineers": an abbreviation and "/" may sit right before the mention.
_COLLEAGUES_BEFORE = re.compile(
    rf"\b(?:with|alongside|between|among|composed of|consisting of|made up of)\s+"
    rf"(?:{_LIST_WORD}(?:\s*,)?\s+){{0,7}}(?-i:[A-Z]{{2,4}}/)?$",
    re.IGNORECASE,
)
# "a team of 250+ engineers across Frontend, Backend, SRE and QA"
_PEOPLE_ACROSS = re.compile(
    rf"\b(?:{_COLLEAGUE_NOUN})\s+(?:across|spanning|covering)\s+(?:{_LIST_WORD}(?:\s*,)?\s+){{0,7}}$",
    re.IGNORECASE,
)
_COLLEAGUES_AFTER = re.compile(
    rf"^[\w'/&+.-]*(?:(?:\s*,)?\s+{_LIST_WORD}){{0,6}}?(?:\s*\([^()]*\))?\s+(?:{_COLLEAGUE_NOUN})\b",
    re.IGNORECASE,
)
_COLLEAGUES_EXAMPLES = re.compile(
    rf"\b(?:{_COLLEAGUE_NOUN})\s*\((?:e\.g\.,?|i\.e\.,?|such as|including|like)?[^()\n]*$",
    re.IGNORECASE,
)
_COLLEAGUE_WINDOW = 80
_SENTENCE_STOP = re.compile(r"[.;!?](?:\s|$)")


def _names_colleagues(text: str, start: int, end: int) -> bool:
    """Whether a mention names the people or teams the role works with, not a skill."""
    before = text[max(0, start - _COLLEAGUE_WINDOW) : start]
    before = before[before.rfind("\n") + 1 :]
    if _COLLEAGUES_EXAMPLES.search(before):
        return True
    # A gloss in parentheses is part of the name: "Cloudflare's SRE (Site Reliability
    # Engineering) team".
    before = before.replace("(", " ").replace(")", " ")
    if _PEOPLE_ACROSS.search(before):
        return True
    if not _COLLEAGUES_BEFORE.search(before):
        return False
    # The people must be named in the same sentence: "... front-end stuff (HTML/CSS/JS). The
    # teams working on each feature ..." is not a list of colleagues.
    after = _SENTENCE_STOP.split(text[end : end + _COLLEAGUE_WINDOW].split("\n", 1)[0], 1)[0]
    return bool(_COLLEAGUES_AFTER.match(after.replace("(", " ").replace(")", " ")))


# A field of study named next to a degree ("Master's or PhD in HCI, Psychology, ..., Data Science,
# or a related field") is not a skill the role asks for, unless the sentence turns to skills
# before the mention ("PhD in physics with strong statistical modelling").
_DEGREE_FIELD_BEFORE = re.compile(
    rf"(?:{_PHD_RX}|\bdegree|\bbachelor|\bmaster|\bB\.?Sc?\b|\bM\.?Sc?\b|\bmajor|\bdiscipline|"
    r"\bfield)\b(?:(?!\b(?:with|experience|skills|knowledge|expertise|and strong|background)\b)"
    r"[^.;:\n])*$",
    re.IGNORECASE,
)


def _degree_field(text: str, start: int) -> bool:
    return bool(_DEGREE_FIELD_BEFORE.search(text[max(0, start - _PLUS_WINDOW) : start]))


# An "or" list offers alternatives: a family named as one option among things outside it ("a
# background in machine learning or data science", "such as APIs, networking basics, databases,
# or authentication", "at least one of: AWS, GCP, Linux, macOS, or Windows") is not asked for.
# A list whose every option is in the family ("AWS, GCP, or Azure"; "React, Vue, or Angular")
# is. Generic options ("or similar", "or equivalent", "etc.") are not alternatives. The list is
# the run of items around the mention joined by commas and "or", ending in "or"; an "and" ends
# the run ("NCCL issues, CUDA errors, and network or driver-level faults" is no option list).
_SEGMENT_BREAK = re.compile(
    r"[;:!?]|\.(?=\s|$)|\b(?:such as|including|like|e\.g\.,?|i\.e\.,?|especially|"
    r"particularly|for example)\s|,\s*(?:with|which|where|while|whether)\b",
    re.IGNORECASE,
)
_DELIMITER = re.compile(
    r"\s*,?\s*\b(?:and/or|or|and)\b(?! (?:more|higher|above|later|newer)\b)\s*|\s*[,&]\s*",
    re.IGNORECASE,
)
_NOT_OPTIONS = re.compile(r"\b(?:one|two|three|either|whether)\s+or\b", re.IGNORECASE)
_GENERIC_ITEM = re.compile(
    r"^\W*(?:(?:an?|any|other|the|some)\s+)*(?:similar|equivalent|comparable|related|etc|others?|"
    r"the like|alike|another)\b",
    re.IGNORECASE,
)
# In a later item, a preposition before the mention makes it a modifier, not the option:
# "Go or Python on the backend".
_MODIFIER_BEFORE = re.compile(r"\b(?:on|in|for|at|of|to|with|using|via|across)\b", re.IGNORECASE)
# Activities sharing one object are steps of the same work, not alternatives: "training,
# fine-tuning, or evaluating large language models".
_GERUND_START = re.compile(r"^\s*[\w-]+ing\b", re.IGNORECASE)
_GERUND_END = re.compile(r"\b[\w-]+ing\s*$", re.IGNORECASE)
# Full-stack work spans the back end and the front end, so "a full stack or backend engineer"
# asks for back-end work either way: these families are no alternatives to each other.
_KIN = {
    "backend": ("full_stack",),
    "web_frontend": ("full_stack",),
    "full_stack": ("backend", "web_frontend"),
}


def _one_option(fam: _Family, text: str, start: int, end: int) -> bool:
    """Whether a mention is one option of an "or" list whose other options are other things."""
    seg_start, segment = _segment(text, start, end)
    if not re.search(r"\bor\b", segment, re.IGNORECASE) or _NOT_OPTIONS.search(segment):
        return False
    at = start - seg_start
    items: list[tuple[int, int]] = []
    delimiters: list[str] = []
    pos = 0
    for d in _DELIMITER.finditer(segment):
        items.append((pos, d.start()))
        delimiters.append(d.group(0).strip().lower().lstrip(",").strip() or ",")
        pos = d.end()
    items.append((pos, len(segment)))
    k = next((i for i, (a, b) in enumerate(items) if a <= at < max(b, a + 1)), None)
    if k is None:
        return False
    first, last = k, k
    while first > 0 and delimiters[first - 1] != "and":
        first -= 1
    while last < len(items) - 1 and delimiters[last] != "and":
        last += 1
    run = delimiters[first:last]
    if not run or run[-1] not in ("or", "and/or"):
        return False
    if k > first and _MODIFIER_BEFORE.search(segment[items[k][0] : at]):
        return False
    if _GERUND_START.match(segment[items[k][0] : items[k][1]]) and all(
        _GERUND_END.search(segment[a:b])
        for i, (a, b) in enumerate(items[first : last + 1], first)
        if i != k
    ):
        return False
    kin = [fam.pattern] + [f.pattern for f in _families() if f.id in _KIN.get(fam.id, ())]
    for a, b in items[first : last + 1]:
        item = segment[a:b]
        if not item.strip() or _GENERIC_ITEM.match(item) or any(p.search(item) for p in kin):
            continue
        return True
    return False


def _segment(text: str, start: int, end: int) -> tuple[int, str]:
    """The list a mention belongs to: its parentheses, or its clause with parentheses blanked."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    opened = text.rfind("(", line_start, start)
    if opened >= 0 and text.rfind(")", opened, start) < 0:
        close = text.find(")", end, line_end)
        return opened + 1, text[opened + 1 : close if close >= 0 else line_end]
    # Parenthesised examples belong to the phrase before them, not to the outer list.
    line = _PARENTHESES.sub(lambda m: " " * len(m.group(0)), text[line_start:line_end])
    seg_start = 0
    for m in _SEGMENT_BREAK.finditer(line, 0, start - line_start):
        seg_start = m.end()
    m = _SEGMENT_BREAK.search(line, end - line_start)
    return line_start + seg_start, line[seg_start : m.start() if m else len(line)]


# Literal factors of a term regex, read from Python's own regex parse tree: the strings one of
# which every match must contain ("large[- ]scale distributed" -> {"scale distributed"}).


def _exact(seq: Any) -> set[str] | None:
    """All strings a parsed (sub)pattern can match, when that is a small finite set."""
    out = {""}
    for op, av in seq:
        if op is _sre.LITERAL:
            alts = {chr(av)}
        elif op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue
        elif op is _sre.IN and all(o is _sre.LITERAL for o, _ in av) and len(av) <= 4:
            alts = {chr(c) for _, c in av}
        elif op is _sre.SUBPATTERN:
            alts = _exact(av[-1])
        elif op is _sre.BRANCH:
            alts = set()
            for branch in av[1]:
                sub = _exact(branch)
                if sub is None:
                    return None
                alts |= sub
        elif op is _sre.MAX_REPEAT and av[0] == 0 and av[1] == 1:
            sub = _exact(av[2])
            alts = None if sub is None else sub | {""}
        else:
            return None
        if alts is None or len(out) * len(alts) > _MAX_EXACT:
            return None
        out = {a + b for a in out for b in alts}
    return out


def _factors(seq: Any) -> set[str] | None:
    """Strings one of which occurs in every match of a parsed pattern, or None if unknown."""
    best: set[str] | None = None

    def consider(cands: set[str] | None) -> None:
        nonlocal best
        if cands and all(cands) and (best is None or min(map(len, cands)) > min(map(len, best))):
            best = cands

    current = {""}
    for item in seq:
        exact = _exact([item])
        if exact is not None and len(current) * len(exact) <= _MAX_EXACT:
            current = {a + b for a in current for b in exact}
            continue
        consider(current)
        current = {""}
        op, av = item
        if op is _sre.SUBPATTERN:
            consider(_factors(av[-1]))
        elif op is _sre.BRANCH:
            subs = [_factors(branch) for branch in av[1]]
            if all(sub is not None for sub in subs):
                consider(set().union(*subs))
        elif op is _sre.MAX_REPEAT and av[0] >= 1:
            consider(_factors(av[2]))
    consider(current)
    return best
