"""Split a posting's plain text into lines tagged with the kind of section they belong to.

Postings mix the role's own text with company boilerplate ("About us", benefits, EEO). Only
the role's text may count as a requirement, so every line gets one of these kinds:

- ``BOILERPLATE``: about the company, benefits, pay, EEO, hiring process; never scanned.
- ``ROLE``: what the job is (about the role/team, responsibilities, sample projects).
- ``REQUIRED``: required qualifications ("Requirements", "You may be a good fit if you").
- ``PREFERRED``: "Nice to have", "Preferred", "Bonus", "Strong candidates may also have".
- ``NEUTRAL``: no heading says otherwise (e.g. a Hacker News comment); treated as the role's.

Headings are short lines recognised by their wording; a "Label: text" line is classified by its
label without changing the section. A line holding a Python list literal (OpenAI's careers pages
store each section's bullets as "['Item one', 'Item two', 'Bonus points if you:', ...]") is
expanded into one bullet line per item first, so that sub-headings inside it are seen.

Text before the first heading is the company intro when the posting has role or qualification
headings later (a bare "Open roles" list of links does not count), and the role's own text when
it has none; a stated stack ("Tech stack: ...") is never intro. A line of a company section that
describes the job ("As a Principal AI Engineer, you will ...") is the role's. A posting whose
only qualification list is headed "Desired skills and experience" or "Ideally, you'd have" has
that list as its requirements. "Beneficial to have" and "We also appreciate" head preferred
lists.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

BOILERPLATE = "boilerplate"
ROLE = "role"
REQUIRED = "required"
PREFERRED = "preferred"
NEUTRAL = "neutral"

# Typographic dashes, quotes, bullets and spaces become ASCII so that one set of patterns fits
# all sources. Chained str.replace is much faster than str.translate on long texts.
_REPLACEMENTS = (
    ("\r", "\n"),
    ("\u2010", "-"),
    ("\u2011", "-"),
    ("\u2012", "-"),
    ("\u2013", "-"),
    ("\u2014", "-"),
    ("\u2212", "-"),
    ("\u2018", "'"),
    ("\u2019", "'"),
    ("\u00a0", " "),
    ("\u202f", " "),
    ("\u200b", ""),
    ("\u2022", "-"),
    ("\u25cf", "-"),
    ("\u00b7", "-"),
)

_BULLET = re.compile(r"^\s*(?:[-*+\u2023\u25e6]|\d{1,2}[.)])\s+")
_HEADING_EDGES = re.compile(r"^[\W_]+|[\s:.\-_*#]+$")
_EMPHASIS = " \t*_#"
_MAX_HEADING_CHARS = 70
_MAX_HEADING_WORDS = 10
# A line ending in a colon may be a longer lead-in ("As a member of the X team, you will:").
_MAX_COLON_HEADING_WORDS = 16
_MAX_LABEL_WORDS = 6
_MAX_BULLET_HEADING_WORDS = 4
# No heading, even a colon-ended lead-in, is longer than this; longer lines skip the patterns.
_MAX_LINE_CHARS = 160

# Order matters: boilerplate first, then "preferred" (whose headings often also say
# "qualifications"), then "required", then "role".
_ROLE_ABOUT = re.compile(
    r"^about (the|this|your) (role|position|job|opportunity|team|work|project|program|"
    r"internship|squad)\b|^about the [\w ]+ team\b|^why (this role|you'll love this role)|"
    r"^what you get to do"
)
_ABOUT_YOU = re.compile(
    r"^about (you|yourself)\b|^why you('re| are) a (great|good|strong|perfect) (fit|match)\b"
)
_BOILERPLATE_HEADING = re.compile(
    r"^(about\b|who (we are(?! looking)|are we|is)\b|why (join|work|you|us|we)\b|"
    r"why [a-z0-9.&' ]+\??$|"
    r"our (mission|story|values|culture|company|commitment|benefits|perks|offer|philosophy|"
    r"tenets|principles|investors|team values|recruitment|hiring|interview)|"
    r"(the )?benefits|perks|compensation|salary|pay( range| transparency)?$|total rewards|"
    r"equity$|what we offer|what you('ll| will)? get$|what's in it for you|we offer|"
    r"life at|working at|how we work|how we're different|come work with us|join (us|our)|"
    r"meet (?!the team)|.*equal (employment )?opportunit|eeo\b|diversity|inclusion|"
    r"company description|hiring process|interview process|recruitment process|"
    r"(our )?(standard )?interview|next steps|what (you will|you'll) learn|what sets us apart|"
    r"what makes .* (special|different)|be you, with us|"
    r"bring your whole self|physical (demands|requirements)|accommodations?|privacy|"
    r"deadline to apply|how to apply|apply\b|to apply|the .* way$|culture|values$|"
    r"reasonable accommodation|additional perks|what you can expect|how [\w ]+ will support you|"
    r"if (you're|you are) interested\b|what we do$)"
)
_PREFERRED_HEADING = re.compile(
    r"nice[- ]?to[- ]?ha(ve|ves)|preferred|bonus|\ba plus\b|pluses|plus if|desired|desirable|"
    r"ideally|even better|good to have|extra credit|set you apart|stand out|not required|"
    r"would be great|we hope|hope you have|would love|brownie|strong candidates|"
    r"may also have|you may also|beyond the basics|it would be nice|additional (skills|"
    r"qualifications)|great to have|it's a plus|sets? you apart|also ha(s|ve)\b|exciting if|"
    r"love you\b|^should have$|^assets$|beneficial|\bappreciate|\bimpressed\b"
)
_REQUIRED_HEADING = re.compile(
    r"requirement|qualification|you('ll| will)? bring|you need|you'll need|you will need|"
    r"you have|you are|who you are|about you|good fit|great fit|thrive|looking for|look for|"
    r"must[- ]haves?|profile|your background|skills|experience|is this you|to be successful|"
    r"what it takes|ideal candidate|you should|if you have|qualities|education|prerequisites|"
    r"you must|competenc|^required$|criteria|for you if"
)
_ROLE_HEADING = re.compile(
    r"^(the )?role\b|responsibilit|"
    r"what you('ll| will)? (do|be doing|work on|be working on|own|build)|what will you do|"
    r"open (roles|positions)|"
    r"in this role|the role|your role|role overview|overview|job description|description|"
    r"the opportunity|your mission|day[- ]to[- ]day|sample projects|representative projects|"
    r"projects|the team|about the team|meet the team|the work|position summary|summary|"
    r"what we're building|tasks|duties|mission focus|you will|you'll|why this role|"
    r"the position|key (areas|functions)|essential functions|your impact|impact"
)
_LIST_ITEM_START = re.compile(
    r"^(experience|familiarity|knowledge|proficiency|expertise|strong(?! candidates)|excellent|"
    r"ability|understanding|background in|degree|bachelor|master|ph\.?d|\d|hands-on|deep|solid|"
    r"proven)"
)
_SOFT_HEADING = re.compile(
    r"^(logistics|additional information|technologies|"
    r"((our|preferred|the) )?(tech(nology)? )?stack)$"
)


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a posting, with the kind of section it is in."""

    text: str
    kind: str


def normalise(text: str) -> str:
    """ASCII dashes, quotes, bullets and spaces; "\\r" line breaks become "\\n"."""
    if text.isascii():
        return text.replace("\r", "\n")
    for old, new in _REPLACEMENTS:
        if old in text:
            text = text.replace(old, new)
    return text


def _clean_heading(line: str) -> str:
    return _HEADING_EDGES.sub("", line.strip()).lower()


def classify_heading(line: str) -> str | None:
    """The section kind a heading line opens, or None when the line is not a heading."""
    if len(line) > _MAX_LINE_CHARS:
        return None
    if _BULLET.match(line):
        return _bullet_heading(line)
    clean = _clean_heading(line)
    words = len(clean.split())
    # Emphasis marks around a heading ("_ Preferred Qualifications:_", "**Requirements:**")
    # are not text after its colon.
    tail = line.rstrip()
    bare = tail.rstrip(_EMPHASIS)
    if bare.endswith(":"):
        if not clean or words > _MAX_COLON_HEADING_WORDS:
            return None
    elif not clean or len(clean) > _MAX_HEADING_CHARS or words > _MAX_HEADING_WORDS:
        return None
    if tail.endswith(".") and not tail.endswith("...") and words > 4:
        return None  # a short sentence, not a heading
    if _LIST_ITEM_START.match(clean) and words > 3 and not bare.endswith(":"):
        return None  # an unbulleted list item ("Experience with Kubernetes and Terraform")
    head, sep, rest = bare.partition(":")
    if sep and rest.strip() and not line.isupper():
        return None  # "Label: text" is read line by line (_inline_label); all caps is a heading
    return _classify_label(clean)


def _bullet_heading(line: str) -> str | None:
    """A bulleted sub-heading inside a list ("- Preferred qualifications:", "- Nice to have").

    Only qualification kinds are accepted, and "required" only with a colon: an ordinary
    bullet such as "- Strong communication skills" must not switch a nice-to-have list back
    to required.
    """
    body = _BULLET.sub("", line).strip()
    clean = _clean_heading(body)
    if not clean or len(clean.split()) > _MAX_BULLET_HEADING_WORDS or ":" in body.rstrip(":"):
        return None
    kind = _classify_label(clean)
    if kind == PREFERRED or (kind == REQUIRED and body.endswith(":")):
        return kind
    return None


def _classify_label(clean: str) -> str | None:
    if _ABOUT_YOU.match(clean):
        return REQUIRED
    if _ROLE_ABOUT.match(clean):
        return ROLE
    if _SOFT_HEADING.match(clean):
        return NEUTRAL
    if _BOILERPLATE_HEADING.match(clean):
        return BOILERPLATE
    if _PREFERRED_HEADING.search(clean):
        return PREFERRED
    if _REQUIRED_HEADING.search(clean):
        return REQUIRED
    if _ROLE_HEADING.search(clean):
        return ROLE
    return None


def _inline_label(line: str) -> str | None:
    """Kind of a "Label: text" line (e.g. "Bonus: PhD in physics"), or None."""
    head, sep, rest = line.partition(":")
    if not sep or len(head) > _MAX_HEADING_CHARS or not rest.strip() or _BULLET.match(line):
        return None
    clean = _clean_heading(head)
    if not clean or len(clean.split()) > _MAX_LABEL_WORDS or "http" in clean:
        return None
    return _classify_label(clean)


def tag_lines(text: str) -> list[Line]:
    """Every non-empty line of `text`, tagged with its section kind."""
    raw = [ln for line in normalise(text).split("\n") for ln in _expand_list_literal(line.strip())]
    lines: list[Line] = []
    preamble: list[int] = []
    kind: str | None = None
    saw_role_heading = False
    for ln in raw:
        if not ln:
            continue
        heading = classify_heading(ln)
        if heading is not None:
            kind = heading
            # A bare list of open roles (a Hacker News post's links) does not make the text
            # above it a company intro: that text is the post's description of the work.
            if not _OPEN_ROLES.match(_clean_heading(ln)):
                saw_role_heading = saw_role_heading or heading in (ROLE, REQUIRED, PREFERRED)
            # A heading line is kept: "Full-Stack Engineer" titles carry skills.
            lines.append(Line(ln, heading))
            continue
        label = _inline_label(ln)
        if label is not None:
            lines.append(Line(ln, label))
            # A stated stack ("Tech stack: TypeScript | Node | React") is the team's own, even
            # above the first heading.
            if kind is None and not _STACK_LABEL.match(_clean_heading(ln.partition(":")[0])):
                preamble.append(len(lines) - 1)
        elif kind is None:
            preamble.append(len(lines))
            lines.append(Line(ln, NEUTRAL))
        elif kind == BOILERPLATE and (_DESCRIBES_ROLE.search(ln) or _STATES_STACK.search(ln)):
            # A company section may still describe the job ("Join UiPath ... As a Principal AI
            # Engineer, you will drive ...") or state its stack.
            lines.append(Line(ln, ROLE))
        else:
            lines.append(Line(ln, kind))
    if not _has_required_list(lines):
        lines = _desired_as_required(lines)
    if saw_role_heading:
        # Text before the first heading is the company intro until it turns to the candidate
        # ("you", "this role"); the opening line of a post may be a header naming the role
        # (Hacker News, RemoteWLB).
        for i in preamble:
            if _ADDRESSES_CANDIDATE.search(lines[i].text):
                break
            if lines[i].kind == NEUTRAL and not (i == 0 and _is_header_line(lines[i].text)
                                                 or _STATES_STACK.search(lines[i].text)):
                lines[i] = Line(lines[i].text, BOILERPLATE)
    return lines


# Who a job sentence names ("As a Principal AI Engineer, you will ...").
_ROLE_NOUNS = r"intern|engineer|scientist|researcher|developer|manager|lead|designer|analyst"
_DESCRIBES_ROLE = re.compile(
    rf"\bas (?:an?|our) [\w ,/&-]{{0,60}}?\b(?:{_ROLE_NOUNS}|architect)\b,? you(?:'ll| will)\b",
    re.IGNORECASE,
)
# A company section or intro may state the team's stack in a sentence ("Our tech stack is GCP,
# React", "Our stack includes Ruby, NodeJS").
_STATES_STACK = re.compile(
    r"\b(?:our|the team's) (?:main |core |current )?(?:tech(?:nology)? )?stack (?:is|includes)\b",
    re.IGNORECASE,
)
_OPEN_ROLES = re.compile(r"^(open|current|other) (roles|positions|openings)$")
_STACK_LABEL = re.compile(r"^((our|the) )?(tech(nology)? )?stack$")
_ADDRESSES_CANDIDATE = re.compile(
    r"\b((this|the) (role|position|internship)|in this role|you will|(we're|we are) (looking|"
    rf"hiring|seeking)|(ideal|successful) candidates?|as an? [\w ]{{0,40}}\b({_ROLE_NOUNS}))\b",
    re.IGNORECASE,
)


_LIST_LITERAL = re.compile(r"^\[(['\"]).*\1\]$")


# LinkedIn-style postings head their only qualification list "Desired Skills and Experience"
# ("Examples of desirable skills, knowledge, and experience"), others "Ideally, you'd have:":
# with no other list of requirements, that list is what the role asks for.
_DESIRED_LIST = re.compile(
    r"\bdesir(?:ed|able) (?:skills|experience|qualifications|criteria)\b|^ideally,? you('d| would)"
)


def _has_required_list(lines: list[Line]) -> bool:
    """Whether some required-section line is a list item (a prose "Who you are" is not)."""
    return any(line.kind == REQUIRED and _BULLET.match(line.text) for line in lines)


def _desired_as_required(lines: list[Line]) -> list[Line]:
    out: list[Line] = []
    inside = False
    for line in lines:
        heading = classify_heading(line.text)
        if heading is not None:
            inside = heading == PREFERRED and bool(_DESIRED_LIST.search(_clean_heading(line.text)))
        out.append(Line(line.text, REQUIRED) if inside else line)
    return out


def _expand_list_literal(line: str) -> list[str]:
    """The items of a "['a', 'b']" line as "- a", "- b"; any other line unchanged."""
    if line == "[]":
        return []
    if not _LIST_LITERAL.match(line):
        return [line]
    try:
        items = ast.literal_eval(line)
    except (ValueError, SyntaxError):
        return [line]
    if not isinstance(items, list) or not all(isinstance(it, str) for it in items):
        return [line]
    return [f"- {it.strip()}" for it in items if it.strip()]


def _is_header_line(line: str) -> bool:
    return len(line) <= 200 and (line.count("|") >= 2 or len(line.split()) <= 8)
