"""What in free text could identify a patient: the detection behind the
portal's one identity check (gecolib.team_data, gecolib.validators)."""

import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

from django.utils.translation import gettext_lazy as _

# --------------------------------------------------------- patient identifiers
#
# The portal holds no patient data. Free text is where some could slip in (a
# case quoted in RCP minutes, a message, a protocol), so free text is read for
# what identifies a patient. The text is normalised first (Unicode NFKC:
# fullwidth digits and signs, no-break spaces; one kind of dash and of
# apostrophe; runs of spaces and tabs collapsed); numbers are then read as runs
# of digit groups separated by spaces, dots, dashes, slashes or parentheses,
# however they are split.
#
# "Hard" markers, always refused:
# - a NIR (social security number): sex (1, 2; 3, 4, 7, 8 for temporary
#   numbers), year, month (01–12, or 20–99), department (2A/2B for Corsica),
#   commune and order — 13 characters — then a key = 97 − (the 13 first digits
#   mod 97). Written with its key, the key must be right (« 1 85 05 78 006 084
#   36 » is something else); without a key, the shape alone counts;
# - a date of birth: a date after « né(e) le », « DDN », « naiss. »… or a bare
#   date next to a person (« Mme X, 12/03/1948 ») or an age — a bare date
#   alone (« réunion du 12/03/2026 ») is not one;
# - a French phone number in any spelling (« +33 (0)6 12 34 56 78 »), not a
#   service number (15, 112, 3114, 0 800…);
# - an e-mail address, also written « (at) », « [at] », « arobase », « (dot) »;
# - a hospital patient number (5 digits or more after « IPP », « NIP »,
#   « n° patient », « n° de dossier »…).
# A soft "name" marker: a civil title followed by a capitalised name (« Mme Le
# Goff »), which a form asks its author to confirm (gecolib.team_data).
# Professionals are named on purpose (« Dr Le Gall »): not a marker.
#
# Case references (« CAS-2026-014 »), ages, doses, years, SIRET, RPPS and FINESS
# numbers are harmless. The check runs on every save of texts of tens of
# thousands of characters: no pattern nests quantifiers that can overlap, and
# numbers are read in one pass.

NAME_MARKER = "name"
HARD_KINDS = ("nir", "birth_date", "phone", "email", "ipp")
# What only a patient has: the facilitation and contact texts, where
# professionals give their own phone and e-mail, refuse these.
PATIENT_KINDS = ("nir", "birth_date", "ipp")

IDENTITY_LABELS = {
    "nir": _("un numéro de sécurité sociale (NIR)"),
    "birth_date": _("une date de naissance"),
    "phone": _("un numéro de téléphone"),
    "email": _("une adresse e-mail"),
    "ipp": _("un numéro de patient (IPP)"),
    NAME_MARKER: _("un nom de personne"),
}


@dataclass(frozen=True)
class IdentityMarker:
    kind: str  # "nir", "birth_date", "phone", "email", "ipp" or "name"
    text: str  # as read in the normalised text


_TRANSLATION = str.maketrans(
    {
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63", "-"),
        **dict.fromkeys("\u2018\u2019\u02bc\u2032", "'"),
    }
)
_BLANKS = re.compile(r"[^\S\n]+")


def normalise(text: str) -> str:
    """`text` as the checks read it."""
    text = unicodedata.normalize("NFKC", text or "").translate(_TRANSLATION)
    return _BLANKS.sub(" ", text)


# ------------------------------------------------------------ numbers in runs


class _Group(NamedTuple):
    digits: str  # upper-cased; « 2A », « 2B » for Corsica
    start: int
    end: int
    gap: str  # the separator before it; "" for the first group of a run


_TOKEN = re.compile(r"\w+")
_GROUP = re.compile(r"[0-9]+|[0-9]*2[ABab][0-9]*")
_GAP = re.compile(r"[ ./()-]{1,3}")


def _number_runs(text: str) -> list[list[_Group]]:
    """The runs of digit groups of `text`: « 06.12.34.56.78 » is one run of
    five groups; a letter, a comma or a line break ends a run."""
    runs: list[list[_Group]] = []
    run: list[_Group] = []
    for token in _TOKEN.finditer(text):
        gap = text[run[-1].end : token.start()] if run else ""
        if run and not (_GROUP.fullmatch(token.group()) and _GAP.fullmatch(gap)):
            runs.append(run)
            run, gap = [], ""
        if _GROUP.fullmatch(token.group()):
            run.append(_Group(token.group().upper(), token.start(), token.end(), gap))
    if run:
        runs.append(run)
    return runs


_NIR_SHAPE = re.compile(r"[1-478]\d{2}(?:0[1-9]|1[0-2]|[2-9]\d)(?:\d{2}|2[AB])\d{6}")
_CIP13 = "34009"  # drug codes are 13 digits too


def _nir_key(number: str) -> int:
    """The key of a NIR (Corsica: 2A counts as 19, 2B as 18)."""
    corsica = {"2A": "19", "2B": "18"}.get(number[5:7])
    digits = number[:5] + corsica + number[7:13] if corsica else number[:13]
    return 97 - int(digits) % 97


def _nir_end(run: list[_Group], i: int) -> int | None:
    """The last group of a NIR that starts at group `i`, if one does."""
    if run[i].digits[0] not in "123478":
        return None
    number = ""
    for j in range(i, len(run)):
        if j > i and len(run[j].digits) == 1:
            return None  # « 1 2 3 4 5… » is a list, not a NIR
        number += run[j].digits
        if len(number) == 13:
            if not _NIR_SHAPE.fullmatch(number) or number.startswith(_CIP13):
                return None
            key = run[j + 1].digits if j + 1 < len(run) else ""
            if len(key) == 2 and key.isdigit():
                return j + 1 if _nir_key(number) == int(key) else None
            return j
        if len(number) >= 15:
            valid = (
                len(number) == 15
                and _NIR_SHAPE.fullmatch(number[:13])
                and number[13:].isdigit()
                and _nir_key(number) == int(number[13:])
            )
            return j if valid else None
    return None


_NATIONAL_PHONE = re.compile(r"0[1-79]\d{8}")  # 08: service numbers
_INTERNATIONAL_PHONE = re.compile(r"(?:0033|\+33)0?[1-79]\d{8}")


def _phone_end(text: str, run: list[_Group], i: int) -> int | None:
    """The last group of a phone number that starts at group `i`, if one does."""
    plus = "+" if text[max(0, run[i].start - 2) : run[i].start].rstrip().endswith("+") else ""
    if not (run[i].digits.startswith("0") or plus):
        return None
    number = plus
    for j in range(i, len(run)):
        number += run[j].digits
        if not number.lstrip("+").isdigit() or len(number) > 14:
            return None
        if _INTERNATIONAL_PHONE.fullmatch(number):
            return j
        if _NATIONAL_PHONE.fullmatch(number):
            gaps = {group.gap for group in run[i + 1 : j + 1]}
            # Split the same way throughout (« 01/02/24 10/03/25 » is two
            # dates), and not the tail of a longer number split that way.
            return j if len(gaps) <= 1 and run[i].gap not in gaps else None
    return None


def _phone_spans(text: str, run: list[_Group], nirs: list[tuple[int, int]]):
    spans = []
    for start, end in _spans(run, lambda i: _phone_end(text, run, i)):
        if not any(start < nir_end and nir_start < end for nir_start, nir_end in nirs):
            plus = text.rfind("+", max(0, start - 2), start)
            spans.append((start if plus < 0 else plus, end))
    return spans


def _spans(run: list[_Group], end_of) -> list[tuple[int, int]]:
    spans, i = [], 0
    while i < len(run):
        end = end_of(i)
        if end is None:
            i += 1
        else:
            spans.append((run[i].start, run[end].end))
            i = end + 1
    return spans


# ------------------------------------------------------------- dates of birth

_MONTHS = (
    r"(?:janvier|janv\.?|f[ée]vrier|f[ée]vr?\.?|mars|avril|avr\.?|mai|juin|juillet|juil\.?|"
    r"ao[uû]t|septembre|sept\.?|octobre|oct\.?|novembre|nov\.?|d[ée]cembre|d[ée]c\.?)"
)
_FULL_DATE = re.compile(
    r"(?<![\w/.-])(?:\d{1,2} ?(?P<sep>[/.-]) ?\d{1,2} ?(?P=sep) ?(?P<year>\d{4}|\d{2})"
    r"|(?:1er|\d{1,2}) " + _MONTHS + r" (?P<year_w>\d{4}|\d{2}))(?![\w/]|[.-]\d)",
    re.IGNORECASE,
)
# Numbers that are dates only after « né le », « DDN »…: « 12031948 », « 12 03 1948 ».
_KEYWORD_DATE = re.compile(
    r"(?<![\w/.-])(?:(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])(?P<year>(?:19|20)?\d{2})"
    r"|\d{1,2} \d{1,2} (?P<year_w>(?:19|20)\d{2}))(?![\w/]|[.-]\d)"
)
_YEAR = re.compile(
    r"(?<![\w/.-])(?:" + _MONTHS + r" )?(?P<year>(?:19|20)\d{2})(?![\w/]|[.-]\d)",
    re.IGNORECASE,
)
_BORN = r"\b(?:née?|nee)(?: ?\(e\))?"
# « née à Saint-Brieuc le », « née Martin le » (a maiden name).
_BORN_WHERE = r"(?: à [\w'-]+(?: [\w'-]+)?|(?-i:(?: [A-ZÀ-ÖØ-Þ][\w'-]*){1,2}))?"
_DDN = r"(?:\bd\.? ?d\.? ?n\b\.?|(?-i:\bD\. ?N\.|\bDN\b))"
# Searched at the end of what comes before a date.
_BIRTH_BEFORE = re.compile(
    rf"(?:{_BORN}{_BORN_WHERE} le|{_BORN} ?:|{_DDN}"
    r"|\bdate de naiss(?:ance|\.)(?: [\w'-]+){0,3}?|\bnaiss(?:ance|\.)(?: le)?) ?[:=]? ?$",
    re.IGNORECASE,
)
_BIRTH_LABEL_BEFORE_YEAR = re.compile(
    rf"(?:{_DDN}|\b(?:date|ann[ée]e) de naiss(?:ance|\.)|\bnaiss(?:ance|\.) ?:) ?:? ?$",
    re.IGNORECASE,
)
_BORN_IN_BEFORE_YEAR = re.compile(rf"{_BORN}{_BORN_WHERE} en $", re.IGNORECASE)
_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
_TITLE = r"(?:\bM\.|\bMr\b\.?|\bMme\b\.?|\bMlle\b\.?|(?i:\b(?:madame|monsieur|mademoiselle)\b))"
_CHILD = r"(?i:\bl'enfant|\ble petit|\bla petite)"
_PERSON_BEFORE = re.compile(
    rf"(?:(?P<child>{_CHILD})(?: [{_UPPER}][\w'-]*)?"
    rf"|{_TITLE}(?: [{_UPPER}][\w'-]*\.?){{1,3}}"
    r"|(?i:\bpatiente?)) ?[,(:-]? ?$"
)
_AGE_BEFORE = re.compile(r"\b(?P<age>\d{1,3}) ?ans ?[,(:-]? ?$")
_AGE_AFTER = re.compile(r" ?[,(-]? ?(?P<age>\d{1,3}) ?ans\b")
_MEETING_BEFORE = re.compile(
    r"\b(?:du|le|au|depuis|dès|jusqu'au|avant|après|entre|et|à partir du) $", re.IGNORECASE
)


def _full_year(written: str) -> int:
    year = int(written)
    if len(written) == 2:
        year += 2000 if year < 30 else 1900
    return year


def _is_birth_date(text: str, match: re.Match) -> bool:
    before = text[max(0, match.start() - 80) : match.start()]
    year = _full_year(match.group("year") or match.group("year_w"))
    if _BIRTH_BEFORE.search(before):
        return True
    if person := _PERSON_BEFORE.search(before):
        # « Mme Le Goff, 12/03/2026 » is an appointment; « 12/03/1948 » is not.
        return bool(person.group("child")) or year < 2000
    age = _AGE_BEFORE.search(before)
    if not age and not _MEETING_BEFORE.search(before):
        age = _AGE_AFTER.match(text, match.end(), match.end() + 20)
    return bool(age) and (year < 2000 or int(age.group("age")) <= 25)


def _birth_date_spans(text: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in _FULL_DATE.finditer(text) if _is_birth_date(text, m)]
    spans += [
        m.span()
        for m in _KEYWORD_DATE.finditer(text)
        if _BIRTH_BEFORE.search(text, max(0, m.start() - 80), m.start())
    ]
    for match in _YEAR.finditer(text):
        before = text[max(0, match.start() - 60) : match.start()]
        if any(start <= match.start() < end for start, end in spans):
            continue
        if _BIRTH_LABEL_BEFORE_YEAR.search(before) or (
            # « la CPTS, née en 2019 » is not a patient.
            int(match.group("year")) < 2000 and _BORN_IN_BEFORE_YEAR.search(before)
        ):
            spans.append(match.span())
    return spans


# ------------------------------------------- e-mails, patient numbers, names

_AT = r"(?: ?@ ?| ?[(\[{] ?(?:at|arobase|arobas) ?[)\]}] ?| (?:arobase|arobas) )"
_DOT = r"(?:\.| ?[(\[{] ?(?:dot|point) ?[)\]}] ?| (?:dot|point) )"
_EMAIL = re.compile(
    rf"(?<![\w.+-])[\w.+-]+{_AT}[\w-]+(?:{_DOT}[\w-]+)*{_DOT}[a-z]{{2,}}\b", re.IGNORECASE
)
_IPP = re.compile(
    r"(?:\b(?:I\.?P\.?P|N\.?I\.?P)\b\.?|\bn[°o]\.? ?(?:de )?(?:patient|dossier)\b"
    r"|\bnum[ée]ro (?:de |d'|du )?(?:patient|dossier)\b|\bdossier (?:patient|m[ée]dical)\b)"
    r"(?: (?:du |de la )?patiente?)?(?: ?(?:n[°o]\.?|num\.?))? ?[:#]? ?"
    r"[A-Z]{0,3}\d(?:[ .-]?\d){4,}(?!\w)",
    re.IGNORECASE,
)
_SURNAME = rf"(?:[{_UPPER}]'[{_UPPER}][{_LOWER}]+|[{_UPPER}][{_LOWER}]+|[{_UPPER}]{{2,}}\b)"
_NOT_A_NAME = r"(?:Dr|Pr|Docteur|Professeur|Maître|Me|Mme|Mlle|Madame|Monsieur|Mademoiselle)\b"
_NAME = re.compile(
    rf"(?:{_TITLE}|(?i:\b(?:le petit|la petite|la patiente|le patient|l'enfant)\b))"
    rf" (?!{_NOT_A_NAME})(?:(?:de|du|d') ?)?{_SURNAME}(?:[ -]{_SURNAME})?"
)


def find_identity_markers(text: str) -> list[IdentityMarker]:
    """What in `text` could identify a patient (see above), in the order: NIR,
    date of birth, phone, e-mail, patient number, name."""
    text = normalise(text)
    runs = _number_runs(text)
    nirs = [span for run in runs for span in _spans(run, lambda i, r=run: _nir_end(r, i))]
    spans = {
        "nir": nirs,
        "birth_date": _birth_date_spans(text),
        "phone": [span for run in runs for span in _phone_spans(text, run, nirs)],
        "email": [m.span() for m in _EMAIL.finditer(text)],
        "ipp": [m.span() for m in _IPP.finditer(text)],
        NAME_MARKER: [m.span() for m in _NAME.finditer(text)],
    }
    return [
        IdentityMarker(kind, text[start:end])
        for kind, found in spans.items()
        for start, end in found
    ]


def marker_kinds(markers: list[IdentityMarker], among: tuple[str, ...]) -> list[str]:
    kinds: list[str] = []
    for marker in markers:
        if marker.kind in among and marker.kind not in kinds:
            kinds.append(marker.kind)
    return kinds


def identity_labels(kinds: list[str]) -> str:
    """« un numéro de sécurité sociale (NIR), une date de naissance »."""
    return ", ".join(str(IDENTITY_LABELS[kind]) for kind in kinds)


def find_nirs(text: str) -> list[str]:
    """The NIRs written in `text` (with a right key, or without a key)."""
    return [marker.text for marker in find_identity_markers(text) if marker.kind == "nir"]
