"""Editorial square brackets of the translations: identifications, clarifications, gaps, foreign.

Translators add "[Stalin]" after a code name, "[Incheon]" after an old place name, "[South
Korean]" after "puppet", "[January 4]" after "4.1", "[...]" for an omission and
"[pristupit k obiednineniiu]" for the Russian wording. Each becomes a different TEI element, so
the kind is decided here once: a known name (inside, or right before the bracket) makes an
identification, lower-case transliterated Russian makes a foreign phrase, an ellipsis a gap,
anything else a clarification. Unmatched brackets are reported, never guessed away.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from converters.parsing.names import NameMatch, find_names


@dataclass(frozen=True)
class Bracket:
    """A bracketed insertion (offsets include the brackets) or a lone bracket."""

    start: int
    end: int
    kind: str  # "identification" | "clarification" | "gap" | "foreign" | "unbalanced"
    content: str
    ref: str | None = None


_GAP = re.compile(
    r"\s*(?:\.{2,}|…|(?i:illegible|unreadable|omitted|text\s+missing|неразборчиво|пропуск))\s*"
)
_LATIN_LOWER = re.compile(r"[a-z'’]+(?:[ -][a-z'’]+)*")
_ENGLISH = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "and",
        "to",
        "in",
        "is",
        "are",
        "was",
        "for",
        "on",
        "with",
        "by",
        "as",
        "at",
        "from",
        "that",
        "this",
        "be",
        "it",
        "or",
        "not",
        "sic",
        "see",
        "also",
        "etc",
        "which",
        "who",
        "he",
        "she",
        "they",
        "his",
        "her",
        "their",
    ]
)
_RU_FUNCTION = frozenset(
    [
        "k",
        "v",
        "s",
        "o",
        "na",
        "po",
        "za",
        "ot",
        "do",
        "iz",
        "u",
        "pri",
        "dlia",
        "i",
        "ne",
        "ni",
        "no",
        "a",
        "chto",
        "kak",
    ]
)
_RU_SOUND = re.compile(
    r"zh|kh|ts|shch|ch|sh|iu|ia|yi|ii|yy|['’]|(?:iiu|iia|ogo|ykh|ikh|nyi|nyy|skii|it|at|ovat|nie"
    r"|niia|tsia|sia|oi|ei|ym|im|om|ami|akh|ov|ev|in)$"
)
_NAME_LIKE = re.compile(r"[^\W\d_][\w'’.-]*")
_BEFORE_NAME = re.compile(r"[ \t]*\Z")


def find_brackets(text: str) -> list[Bracket]:
    """Every square-bracket insertion in `text`, classified; lone brackets as "unbalanced"."""
    if not isinstance(text, str) or ("[" not in text and "]" not in text):
        return []
    out: list[Bracket] = []
    stack: list[int] = []
    for i in _square_brackets(text):
        if text[i] == "[":
            stack.append(i)
        elif stack:
            start = stack.pop()
            if i - start > _MAX_CONTENT or "\n\n" in text[start:i]:
                # Too far apart to be one insertion: two lone brackets, not a bracketed passage.
                out.append(Bracket(start, start + 1, "unbalanced", ""))
                out.append(Bracket(i, i + 1, "unbalanced", ""))
            else:
                out.append(_classify(text, start, i + 1))
        else:
            out.append(Bracket(i, i + 1, "unbalanced", ""))
    out.extend(Bracket(i, i + 1, "unbalanced", "") for i in stack)
    return sorted(out, key=lambda b: (b.start, -b.end))


_MAX_CONTENT = 400


def _square_brackets(text: str) -> list[int]:
    """The offsets of the square brackets in `text`, in order.

    Found by `str.find`, a byte search: a regex would test every character of the prose.
    """
    found = []
    for bracket in "[]":
        at = text.find(bracket)
        while at >= 0:
            found.append(at)
            at = text.find(bracket, at + 1)
    return sorted(found)


def _classify(text: str, start: int, end: int) -> Bracket:
    content = text[start + 1 : end - 1]
    if not content.strip() or _GAP.fullmatch(content):
        return Bracket(start, end, "gap", content)
    if "[" in content or "]" in content:  # an insertion around another: no name analysis
        return Bracket(start, end, "clarification", content)
    # Every listed name has a capital letter (or is Chinese or Korean): no capital, no name.
    capital = any(ch.isupper() for ch in content) or not content.isascii()
    inside = find_names(content) if capital else []
    if inside and _covers(content, inside) and _after_name_or_nothing(text, start):
        return Bracket(start, end, "identification", content, inside[0].ref)
    if _looks_like_name(content):
        before = _name_before(text, start)
        if before is not None:
            ref = inside[0].ref if inside else before
            return Bracket(start, end, "identification", content, ref)
    if _is_transliteration(content):
        return Bracket(start, end, "foreign", content)
    return Bracket(start, end, "clarification", content)


# The look-behind (no letter before the first) only spares tries inside words: where one would
# match, so would the word from its first letter, which the search finds first.
_LAST_WORD = re.compile(r"([^\W\d_](?<![^\W\d_].)[\w'’-]*)[^\w\[\]]*\Z")


def _after_name_or_nothing(text: str, start: int) -> bool:
    """An identification follows a name ("FILIPPOV [Stalin]"), not a word ("puppet [...]")."""
    before = text[max(0, start - 40) : start]
    if not before.strip():
        return True
    m = _LAST_WORD.search(before)
    return m is not None and m.group(1)[0].isupper()


def _covers(content: str, names: list[NameMatch]) -> bool:
    """Whether the names account for every letter of the bracket's content."""
    chars = list(content)
    for n in names:
        for i in range(n.start, n.end):
            chars[i] = " "
    return not any(ch.isalpha() for ch in chars)


def _looks_like_name(content: str) -> bool:
    words = content.strip(" .,;").split()
    return (
        0 < len(words) <= 5
        and not any(ch.isdigit() for ch in content)
        and all(_NAME_LIKE.fullmatch(w) and w[0].isupper() for w in words)
    )


def _name_before(text: str, start: int) -> str | None:
    """The entity named by the words right before the bracket ("FILIPPOV [...]"), if known."""
    lo = max(0, start - 60)
    names = find_names(text[lo:start])
    if names and not text[lo + names[-1].end : start].strip():
        return names[-1].ref
    return None


def _is_transliteration(content: str) -> bool:
    """Lower-case Latin that reads as Russian: Russian function words or Russian letter clusters."""
    s = content.strip()
    if not _LATIN_LOWER.fullmatch(s):
        return False
    words = re.split(r"[ -]+", s)
    if any(w in _ENGLISH for w in words):
        return False
    russian = sum(1 for w in words if w in _RU_FUNCTION or _RU_SOUND.search(w))
    return russian * 2 >= len(words) and (len(words) > 1 or (russian == 1 and len(s) > 6))
