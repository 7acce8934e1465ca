"""Finds the names an article uses (people, organisations, places) and where it uses them.

There is no language model here, only the habits of news English: names are capitalised
word sequences, people are introduced with a title ("Secretary of State Mike Pompeo") and
then called by their surname, organisations go by acronyms. The result is a list of
candidates for a curator to confirm, so a guess that is usually right beats silence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.drafting.lexicon import (
    CONNECTORS,
    DEMONYMS,
    DOCUMENT_ENDINGS,
    DOTTED_NAME_WORDS,
    EVENT_ENDINGS,
    GROUP_NOUNS,
    MONTH_ABBREVIATIONS,
    MONTHS,
    NAME_SUFFIXES,
    NOT_PLACE_BEFORE_IN,
    OCCUPATION_TITLES,
    OFFICE_TITLES,
    ORGANISATION_WORDS,
    OTHER_JOB_NAMES,
    PERSON_WORDS,
    PLACE_BEGINNINGS,
    PLACE_ENDINGS,
    PLACE_NOUNS,
    PLACE_POSSESSIONS,
    PLACE_PREPOSITIONS,
    PLACES,
    POSSESSIVE_NAME_STARTS,
    SENTENCE_STARTERS,
    SPEAKER_BEFORE,
    SPEECH_VERBS,
    WEEKDAYS,
)
from bot.drafting.sentences import Sentence

# Longest first, so that "Secretary of State" wins over "Secretary".
TITLES = tuple(sorted((*OFFICE_TITLES, *OCCUPATION_TITLES), key=lambda t: -len(t.split())))
KIND_ORDER = ("person", "organisation", "group", "place", "event", "document")

# Words that describe a job: "Ingrid Vasquez, the group's president" is a person.
JOB_SUFFIX = re.compile(r"\w{3,}ists?$")
# Evidence in the sentence that a name is a person's, whatever the name's words.
_SAID_BEFORE = re.compile(r"\b(?:" + "|".join(w.replace(" ", r"\s+") for w in SPEAKER_BEFORE)
                          + r")\s+$")
_APPOSITION = re.compile(r",\s+(?:(?:the|a|an|its|his|her|their)\s+)?(?P<words>[^,.;“”\"]{2,80}?)"
                         r"(?=[,.;]|\s+(?:said|says)\b|$)")
_WHO_AFTER = re.compile(r",\s+(?:who|\d{1,3},)\s")
# "R-Texas", "D-Calif.": a party and a state after a lawmaker's name, not an entity.
_PARTY_STATE = re.compile(r"^[RDI]-[A-Z][\w.]*$")
# Phrases that say two names are one place or body: "known today as", "renamed".
_NAMING = re.compile(r"\b(?:known(?:\s+(?:today|now|locally))?\s+as|(?:is|are|was|were)\s+"
                     r"(?:once\s+|then\s+|formerly\s+)?(?:called|named)|formerly(?:\s+known\s+as"
                     r"|\s+called)?|renamed(?:\s+it)?(?:\s+as)?|now\s+called|once\s+called|"
                     r"(?:later|then)\s+called)\s+$")
_STOP_GAP = re.compile(r"[.!?…]\s")
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W_](?:\w|[’'\-](?=\w))*")
# A wire dateline opening a paragraph: "KESSEL, Nov 29 (Wire) - ", "HALDEN (Wire) — ".
_MONTH_WORD = "|".join((*MONTHS, *MONTH_ABBREVIATIONS))
_DATELINE = re.compile(r"(?P<place>[A-Z][A-Z’'.-]+(?:\s+[A-Z][A-Z’'.-]+)*)"
                       r"(?:,\s+(?P<region>[A-Z][\w.]*))?"
                       r"(?:,\s+(?:" + _MONTH_WORD + r")\b\.?(?:\s+\d{1,2})?)?"
                       r"\s*(?:\([^()]{1,40}\))?\s*[-–—]\s")
# Evidence that a name is a place: a preposition or place noun before it ("in Saltmere",
# "near the village of Osterholm", "the capital, Port Selby"), and after it "-based", a
# lower-case place noun ("the Kellmoor valley") or what only a place has ("Vesterland's
# parliament").
_PLACE_BEFORE = re.compile(r"(?:(?P<word>[\w’']+)\s+)?(?P<cue>(?P<preposition>\b(?:"
                           + "|".join(PLACE_PREPOSITIONS) + r"))|\b(?:"
                           + "|".join(sorted(PLACE_NOUNS)) + r")\s+of|\bcapital,)\s+$",
                           re.IGNORECASE)
_PLACE_AFTER = re.compile(r"-based\b|\s+(?:" + "|".join(sorted(PLACE_NOUNS)) + r")\b")
_PLACE_OWNED = re.compile(r"\s+(?:" + "|".join(PLACE_POSSESSIONS) + r")\b")
_DAY_AFTER = re.compile(r"\.?\s+\d")
_SPEECH_AFTER = re.compile(r"\s*(?:,[^,“”\"]{1,80},\s*)?(?:" + "|".join(SPEECH_VERBS) + r")\b")


@dataclass
class Candidate:
    """One thing the article names, with every way it writes it."""

    name: str
    kind: str = "organisation"
    forms: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    mentions: int = 0
    person_hints: int = 0
    speaker_hints: int = 0
    weak: bool = True            # seen only as a sentence's first word
    fixed_kind: str | None = None   # kind implied by how it was found ("Iraqi parliament")
    pinned: bool = False         # kept whatever its count (the story's author)
    place_hints: int = 0         # times written where a place would be ("in Saltmere")
    place_evidence: list[str] = field(default_factory=list)
    strong_place: bool = False   # "the city of Dunmere": kept if named once
    evidence: list[str] = field(default_factory=list)      # words that show the kind
    descriptions: list[str] = field(default_factory=list)  # "the group's president"
    adjectival: int = 0          # times used as an adjective ("North American population")

    def written_forms(self) -> list[str]:
        titled = [f"{title} {form}" for title in sorted(self.titles) for form in self.forms]
        return sorted({*self.forms, *titled}, key=lambda f: (-len(f), f))

    def surname(self) -> str | None:
        words = [w for w in self.name.split() if w.rstrip(".") not in NAME_SUFFIXES]
        if self.kind != "person" or len(words) < 2:
            return None
        return words[-1]


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    candidate: int     # index into the candidate list


@dataclass
class _Token:
    start: int
    end: int
    word: str            # without a possessive ending
    possessive: bool
    initial: bool        # first word of a sentence or of a quotation

    @property
    def capitalised(self) -> bool:
        return self.word[:1].isupper()


@dataclass
class _Occurrence:
    form: str
    title: str | None = None
    person_hint: bool = False
    speaker_hint: bool = False
    initial: bool = False
    kind_hint: str | None = None
    evidence: str | None = None
    description: str | None = None
    adjectival: bool = False
    place: tuple[str, bool] | None = None   # its evidence, and whether strong
    written: str | None = None   # the article's words when the form is not them ("KESSEL")


def name_key(name: str) -> str:
    """How `storybot check` compares names: case, dots and spacing do not matter."""
    return " ".join(name.casefold().replace(".", "").split())


def merge_key(name: str) -> str:
    """Names the draft takes for one: as name_key, and with or without hyphens
    ("Tern-Valley Conservancy" is "Tern Valley Conservancy")."""
    return name_key(name.replace("-", " "))


def is_acronym(word: str) -> bool:
    letters = word.replace(".", "")
    core = letters[:-1] if letters.endswith("s") and len(letters) > 2 else letters
    return len(core) >= 2 and core.isalpha() and core.isupper()


def _tokens(sentence: Sentence) -> list[_Token]:
    tokens = []
    previous_end = 0
    for match in _TOKEN.finditer(sentence.text):
        word = match.group()
        possessive = word.endswith(("’s", "'s")) and len(word) > 2
        end = match.end()
        if possessive:
            word = word[:-2]
        elif word.lower().endswith("-based") and len(word) > 6:  # "Dorvik-based": Dorvik
            word = word[:-6]
            end -= 6
        gap = sentence.text[previous_end : match.start()]
        # a sentence may hold several when a quotation runs on ("…ISIS… We will")
        initial = not tokens or any(q in gap for q in "“\"") or bool(_STOP_GAP.search(gap))
        tokens.append(_Token(sentence.start + match.start(), sentence.start + end,
                             word, possessive, initial))
        previous_end = match.end()
    return tokens


def _joined(text: str, left: _Token, right: _Token) -> bool:
    gap = text[left.end : right.start]
    return (gap == " " or (gap == ". " and left.word in DOTTED_NAME_WORDS)
            # a plural possessive inside a name: "the Ostrelian Nurses' Union"
            or (gap in ("' ", "’ ") and left.word.endswith("s")))


def _is_calendar_word(text: str, token: _Token) -> bool:
    """A weekday, a month, or a month's short form before its day ("Nov 24", "Dec. 3"):
    "Jan" alone may be a first name."""
    return (token.word in WEEKDAYS or token.word in MONTHS
            or (token.word in MONTH_ABBREVIATIONS
                and bool(_DAY_AFTER.match(text, token.end))))


def _possessive_inside(text: str, run: list[_Token], nxt: _Token) -> bool:
    """A possessive that is part of a name ("St. Oran's Hospital", "King's College"):
    the name opens with a saint or a sovereign and a capitalised word follows."""
    return (run[0].word in POSSESSIVE_NAME_STARTS and nxt.capitalised
            and text[run[-1].end : nxt.start] == " ")


def _body_after_and(text: str, tokens: list[_Token], index: int) -> list[_Token]:
    """The capitalised words after an "and" at tokens[index] when they end a body's name,
    so the "and" joins one word to the rest of it ("Energy and Mining Workers' Federation");
    else none ("Brask and Verholt" are two people, "Shawn Snow and The Associated Press" a
    person and a body)."""
    rest: list[_Token] = []
    previous = tokens[index]
    if index + 1 < len(tokens) and tokens[index + 1].word == "The":
        return rest
    for token in tokens[index + 1:]:
        if not token.capitalised or not _joined(text, previous, token):
            break
        rest.append(token)
        previous = token
    if rest and rest[-1].word.lower() in ORGANISATION_WORDS:
        return rest
    return []


def _runs(text: str, tokens: list[_Token]) -> list[list[_Token]]:
    """Maximal sequences of capitalised words, allowing 'of' and name particles inside."""
    runs: list[list[_Token]] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if not token.capitalised or _is_calendar_word(text, token):
            index += 1
            continue
        run = [token]
        index += 1
        while index < len(tokens) and (not run[-1].possessive
                                       or _possessive_inside(text, run, tokens[index])):
            nxt = tokens[index]
            if not _joined(text, run[-1], nxt):
                break
            if nxt.capitalised and (not _is_calendar_word(text, nxt) or nxt.word == "May"):
                run.append(nxt)
                index += 1
            elif (nxt.word in CONNECTORS and index + 1 < len(tokens)
                  and tokens[index + 1].capitalised and _joined(text, nxt, tokens[index + 1])):
                run.extend((nxt, tokens[index + 1]))
                index += 2
            elif (nxt.word == "and" and len(run) == 1
                  and (rest := _body_after_and(text, tokens, index))):
                run.extend((nxt, *rest))
                index += 1 + len(rest)
            else:
                break
        runs.append(run)
    return runs


def _strip_starters(run: list[_Token]) -> list[_Token]:
    while run and (run[0].word == "The" or (run[0].initial
                                            and run[0].word.lower() in SENTENCE_STARTERS)):
        run = run[1:]
    while run and run[-1].word in CONNECTORS:
        run = run[:-1]
    return run


def _find_title(run: list[_Token]) -> tuple[int, int] | None:
    words = [t.word.rstrip(".") for t in run]
    for start in range(len(words)):
        for title in TITLES:
            parts = title.split()
            if words[start : start + len(parts)] == parts:
                return start, start + len(parts)
    return None


def _form(text: str, run: list[_Token]) -> str:
    return text[run[0].start : run[-1].start + len(run[-1].word)]


def _next_words(text: str, token: _Token, count: int) -> str:
    following = text[token.end : token.end + 40]
    words = following.split()
    return " ".join(words[:count]) if following[:1] == " " else ""


def _demonym_phrase(text: str, token: _Token) -> _Occurrence | None:
    for length in (2, 1):
        noun = _next_words(text, token, length)
        if noun in GROUP_NOUNS:
            return _Occurrence(f"{token.word} {noun}", kind_hint=GROUP_NOUNS[noun])
    return None


def _occurrences_in_run(text: str, run: list[_Token], before: str) -> list[_Occurrence]:
    run = _strip_starters(run)
    if not run:
        return []
    title = _find_title(run)
    if title is not None and _names_a_body(run[-1].word):
        title = None  # "Harwick General Hospital", "Royal Academy": no person's title
    if title is not None and title[1] < len(run) and title[0] <= 2:
        head, rest = run[: title[0]], run[title[1] :]
        title_text = _form(text, run[title[0] : title[1]])
        name = _occurrence(text, rest, before="")
        if name is not None:
            name.title, name.person_hint = title_text, True
        return [*_occurrences_in_run(text, head, before), *filter(None, [name])]
    if title is not None:  # a title alone: "the Prime Minister said"; resolved later
        return _occurrences_in_run(text, run[: title[0]], before)
    if len(run) == 1 and run[0].word in DEMONYMS:
        phrase = _demonym_phrase(text, run[0])
        return [phrase] if phrase else []
    occurrence = _occurrence(text, run, before)
    return [occurrence] if occurrence else []


def _names_a_body(last_word: str) -> bool:
    return last_word.lower() in ORGANISATION_WORDS or last_word.lower() in PLACE_ENDINGS


def _is_heading(sentence: Sentence) -> bool:
    """A line in capitals with no full stop ("WHAT HAPPENS NEXT", "TIMELINE") heads a
    section; its words are capitalised for show, not because they name anything."""
    text = sentence.text.strip()
    return (sum(c.isalpha() for c in text) >= 4 and not any(c.islower() for c in text)
            and not text.endswith((".", "!", "?")))


def _dateline(text: str, sentence: Sentence) -> tuple[list[_Occurrence], int] | None:
    """The place of a wire dateline, written as the article's words would name it
    ("KESSEL" is Kessel), with the country or region written after it, and where the
    dateline's capitals end."""
    match = _DATELINE.match(text, sentence.start, sentence.end)
    if match is None or sum(c.isalpha() for c in match["place"]) < 3:
        return None
    place = " ".join(word.capitalize() if word.isupper() else word
                     for word in match["place"].split())
    place = re.sub(r"(?<=[-’'])([a-z])", lambda m: m.group(1).upper(), place)
    found = [_Occurrence(place, kind_hint="place", evidence=f"the dateline {match['place']}",
                         written=match["place"])]
    region = match["region"]
    if (region and "." not in region and not region.isupper()
            and region not in MONTHS and region not in MONTH_ABBREVIATIONS):
        # "HOLMSTED, Vesterland (Wire) —": the country or region the place is in
        found.append(_Occurrence(region, kind_hint="place",
                                 evidence=f"the dateline {match['place']}, {region}"))
    return found, match.end("place")


def _is_job(words: str) -> bool:
    """Whether an apposition describes a person: a job ("the group's president", "a
    biologist"), or someone "who" does something ("a schoolteacher who was travelling")."""
    found = re.findall(r"[\w’']+", words)
    return (any(w.lower() in PERSON_WORDS or JOB_SUFFIX.match(w.lower()) for w in found)
            or "who" in (w.lower() for w in found[1:4]))


def _person_evidence(text: str, run: list[_Token], form: str
                     ) -> tuple[str | None, str | None]:
    """Words around the name that show a person, and the description they give:
    "said Ingrid Vasquez", "Ingrid Vasquez, the group's president", ", who chairs"."""
    if any(w.lower() in ORGANISATION_WORDS for w in form.split()) or is_acronym(form):
        return None, None
    end = run[-1].start + len(run[-1].word)
    after = text[end : end + 120]
    apposition = _APPOSITION.match(after)
    if apposition and _is_job(apposition["words"]):
        words = " ".join(apposition["words"].split())
        return f"{form}, {words}", words
    if _WHO_AFTER.match(after):
        return f"{form}{after[: _WHO_AFTER.match(after).end()].rstrip()}", None
    return None, None


def _place_evidence(text: str, run: list[_Token], form: str) -> tuple[str, bool] | None:
    """Words around the name that show a place, and whether they show it strongly enough
    to keep a name the article uses once: "the port of Dorvik", "Dorvik-based", "the
    Kellmoor valley", "Vesterland's parliament" do, "in Saltmere" only tells the kind.
    A capitalised word before the preposition makes both one name ("Leadership in
    Journalism Award"), and "shares in Rijnvracht" is a company."""
    if is_acronym(form) or any(w.lower() in ORGANISATION_WORDS for w in form.split()):
        return None
    start, end = run[0].start, run[-1].end
    window = text[max(0, start - 60) : start]
    before = _PLACE_BEFORE.search(window)
    if before is not None:
        word = before["word"] or ""
        opens = not window[: before.start("word")].strip() or bool(
            re.search(r"[.!?:;“\"\n]\s*$", window[: before.start("word")]))
        named = word[:1].isupper() and not opens
        if not (before["preposition"] and (word.lower() in NOT_PLACE_BEFORE_IN or named)):
            return " ".join(f"{before['cue']} {form}".split()), not before["preposition"]
    after = text[end : end + 40]
    if run[-1].possessive:
        owned = _PLACE_OWNED.match(after)
        return (f"{text[run[0].start : end]}{owned.group()}", True) if owned else None
    place_after = _PLACE_AFTER.match(after)
    return (f"{form}{place_after.group()}", True) if place_after else None


def _occurrence(text: str, run: list[_Token], before: str) -> _Occurrence | None:
    form = _form(text, run)
    if len(form) < 2:  # "I", stray initials
        return None
    after = text[run[-1].end : run[-1].end + 100]
    evidence, description = _person_evidence(text, run, form)
    last = run[-1].word
    return _Occurrence(
        form=form,
        person_hint=before.lower() in PERSON_WORDS or evidence is not None,
        # "said Goldman Sachs" and "said Jane Roe" look alike: speaking alone makes no
        # person (see _may_be_person), it only counts with a surname used alone.
        speaker_hint=(bool(_SPEECH_AFTER.match(after)) and not run[-1].possessive)
        or bool(_SAID_BEFORE.search(text[max(0, run[0].start - 20) : run[0].start])),
        initial=len(run) == 1 and run[0].initial,
        evidence=evidence or (f"{before} {form}" if before.lower() in PERSON_WORDS else None),
        description=description,
        adjectival=len(run) > 1 and last in DEMONYMS and bool(re.match(r" [a-z]", after)),
        place=None if evidence else _place_evidence(text, run, form),
    )


def _occurrences(text: str, sentences: list[Sentence]) -> list[_Occurrence]:
    found = []
    for sentence in sentences:
        if _is_heading(sentence):
            continue
        tokens = _tokens(sentence)
        opens_line = sentence.start == 0 or text[sentence.start - 1] == "\n"
        dateline = _dateline(text, sentence) if opens_line else None
        if dateline is not None:
            found.extend(dateline[0])
            tokens = [t for t in tokens if t.start >= dateline[1]]
            if tokens:
                tokens[0].initial = True
        for run in _runs(text, tokens):
            position = tokens.index(run[0])
            before = tokens[position - 1].word if position else ""
            found.extend(_occurrences_in_run(text, run, before))
    return found


def _guess_kind(candidate: Candidate) -> str:
    words = candidate.name.split()
    last = words[-1].lower()
    if candidate.titles or candidate.person_hints:
        return "person"
    if any(w.lower() in ORGANISATION_WORDS for w in words):
        return "organisation"
    if (candidate.name in PLACES or last in PLACE_ENDINGS or words[0] in PLACE_BEGINNINGS
            or candidate.place_hints > candidate.speaker_hints):
        candidate.evidence[:0] = [e for e in candidate.place_evidence
                                  if e not in candidate.evidence]
        return "place"
    if last in DOCUMENT_ENDINGS:
        return "document"
    if last in EVENT_ENDINGS:
        return "event"
    if words[-1].endswith("s") and not words[-1].endswith("ss") and len(words) == 1:
        return "group"
    return "organisation"


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w not in CONNECTORS and w[:1].isupper())


def _may_be_person(candidate: Candidate) -> bool:
    """"Jane Roe said" and "Goldman Sachs said" look alike; a person is also called by
    the surname alone, which decides it (see _absorb)."""
    return candidate.kind == "person" or (
        candidate.kind == "organisation" and candidate.speaker_hints > 0
        and not any(w.lower() in ORGANISATION_WORDS for w in candidate.name.split()))


def _absorb(candidates: dict[str, Candidate]) -> None:
    """Merge a surname into the one person whose name ends with it, and an acronym into
    the one name it abbreviates ("US" into "United States")."""
    people = [c for c in candidates.values() if _may_be_person(c) and len(c.name.split()) > 1]
    # Longest first, so "Mei Lin Harrow" takes "Lin Harrow" before "Harrow" looks for its
    # one owner.
    for key in sorted(candidates, key=lambda k: -len(k.split())):
        candidate = candidates[key]
        words = candidate.name.split()
        owners = [p for p in people if p is not candidate and len(p.name.split()) > len(words)
                  and p.name.split()[-len(words):] == words]
        if not owners and is_acronym(candidate.name) and not candidate.name.endswith("s"):
            owners = [c for c in candidates.values() if c is not candidate
                      and len(c.name.split()) > 1
                      and _initials(c.name) == candidate.name.replace(".", "")]
        if not owners and candidate.kind != "person":  # "House" is the "U.S. House"
            owners = [c for c in candidates.values() if c is not candidate
                      and c.kind not in ("person", "place")
                      and len(c.name.split()) > len(words)
                      and c.name.split()[-len(words):] == words
                      and all(_is_place_word(w) for w in c.name.split()[: -len(words)])]
        if len(owners) == 1:
            owner = owners[0]
            if owner in people and not is_acronym(candidate.name):
                owner.kind = "person"
            _merge_into(owner, candidate)
            del candidates[key]
            if candidate in people:
                people.remove(candidate)


def _names_something_else(words: list[str], candidate: Candidate,
                          candidates: dict[str, Candidate]) -> bool:
    """Whether leading words of a name belong to something other than the person: an
    acronym of three letters or more ("IRGC"; "AJ" may be initials), or part of a longer
    name the article gives to no person ("Quds" of "Quds Force"). Places and nationalities
    alone prove nothing: "Jordan" and "Christian" are first names too."""
    phrase = " ".join(words)
    if len(words) == 1 and is_acronym(phrase) and len(phrase.replace(".", "")) >= 3:
        return True
    for other in candidates.values():
        other_words = other.name.split()
        if other is candidate or other.kind == "person" or len(other_words) <= len(words):
            continue
        if any(other_words[i : i + len(words)] == words
               for i in range(len(other_words) - len(words) + 1)):
            return True
    return False


def _split_leading_names(candidates: dict[str, Candidate]) -> None:
    """A person written with another name before theirs ("Quds Qassem Soleimani", for the
    Quds Force's Qassem Soleimani) is the trailing name, when the article also calls the
    person by it or by the surname alone and the leading words name something else."""
    for key, candidate in list(candidates.items()):
        words = candidate.name.split()
        if key not in candidates or len(words) < 3:
            continue
        for lead in range(1, len(words) - 1):
            person = words[lead:]
            alone = [candidates[k] for k in (merge_key(" ".join(person)), merge_key(person[-1]))
                     if k in candidates and k != key]
            if not (_may_be_person(candidate) or any(_may_be_person(c) for c in alone)):
                continue
            if not alone or not _names_something_else(words[:lead], candidate, candidates):
                continue
            name = " ".join(person)
            candidate.forms = {f for f in candidate.forms if merge_key(f) != key} | {name}
            candidate.name, candidate.kind = name, "person"
            del candidates[key]
            owner = candidates.get(merge_key(name))
            if owner is None:
                candidates[merge_key(name)] = candidate
            else:
                _merge_into(owner, candidate)
                owner.kind = "person"
            break


def _is_place_word(word: str) -> bool:
    return is_acronym(word) or word in PLACES or word in DEMONYMS


def _merge_into(owner: Candidate, candidate: Candidate) -> None:
    owner.forms |= candidate.forms
    owner.titles |= candidate.titles
    owner.speaker_hints += candidate.speaker_hints
    owner.person_hints += candidate.person_hints
    owner.weak = owner.weak and candidate.weak
    owner.adjectival += candidate.adjectival
    owner.place_hints += candidate.place_hints
    owner.strong_place |= candidate.strong_place
    owner.place_evidence += [e for e in candidate.place_evidence
                             if e not in owner.place_evidence]
    owner.evidence += [e for e in candidate.evidence if e not in owner.evidence]
    owner.descriptions += [d for d in candidate.descriptions if d not in owner.descriptions]


_NICKNAME = re.compile(r"\b(?P<first>[A-Z][\w’'-]+)\s+[“\"](?P<nick>[A-Z][\w’'-]+)[”\"]\s+"
                       r"(?P<last>[A-Z][\w’'-]+)")


def _add_nicknamed(text: str, candidates: dict[str, Candidate]) -> None:
    """Tomas "Tiny" Brandt: one person, called Tomas Brandt, Tiny Brandt or Tiny."""
    for match in _NICKNAME.finditer(text):
        first, nick, last = match["first"], match["nick"], match["last"]
        if first in SENTENCE_STARTERS or first.lower() in SENTENCE_STARTERS:
            continue
        name = f"{first} {last}"
        person = candidates.setdefault(merge_key(name), Candidate(name=name))
        person.forms |= {name, match.group(), f"{nick} {last}"}
        person.kind, person.weak = "person", False
        person.person_hints += 1
        person.evidence.append(f"a nickname in quotes: {match.group()}")
        for alone in (first, nick):
            single = candidates.get(merge_key(alone))
            if single is not None and single is not person and single.forms <= {alone}:
                del candidates[merge_key(alone)]


def _merge_equated(text: str, sentences: list[Sentence],
                   candidates: dict[str, Candidate]) -> None:
    """Names the article says are one: "the wetland, known today as Lowmarsh, was called
    Greyfen Bog", "Greyfen Bog, now called Lowmarsh". The first named keeps its name."""
    forms = sorted(((form, key) for key, c in candidates.items() for form in c.forms),
                   key=lambda item: -len(item[0]))
    for sentence in sentences:
        named: list[tuple[int, int, str]] = []   # (start, end, key)
        for form, key in forms:
            for match in re.finditer(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])",
                                     sentence.text):
                if not any(s < match.end() and match.start() < e for s, e, _ in named):
                    named.append((match.start(), match.end(), key))
        named.sort()
        introduced = [i for i, (start, _, _) in enumerate(named)
                      if _NAMING.search(sentence.text[:start])]
        keys = [named[i][2] for i in introduced]
        if len(introduced) == 1 and introduced[0] > 0:  # "Greyfen Bog, now called Lowmarsh"
            _, end, key = named[introduced[0] - 1]
            gap = sentence.text[end : named[introduced[0]][0]]
            if len(gap) <= 40 and "." not in gap:
                keys.insert(0, key)
        keys = [k for k in dict.fromkeys(keys) if k in candidates]
        for other in keys[1:]:
            if "person" in (candidates[other].kind, candidates[keys[0]].kind):
                continue
            _merge_into(candidates[keys[0]], candidates.pop(other))


def _add_short_forms(text: str, candidates: dict[str, Candidate]) -> None:
    """A body called by its name without the last word that makes it a body ("Harwick
    General" for "Harwick General Hospital") is that body: the short form becomes one of
    its names, and a candidate drafted under it joins it. So is a firm called by its first
    word ("Nordrell" for "Nordrell Energy"), when the article calls it both ways and the
    last word is no body's ("Kessby Council" is not Kessby)."""
    _merge_firms_called_by_first_word(candidates)
    for key, candidate in list(candidates.items()):
        words = candidate.name.split()
        if (key not in candidates or candidate.kind != "organisation" or len(words) < 3
                or words[-1].lower() not in ORGANISATION_WORDS
                or not all(w[:1].isupper() for w in words[:-1])):
            continue
        short = " ".join(words[:-1])
        alone = re.compile(r"(?<![\w’'\-])" + re.escape(short) + r"(?![\w\-]|[’']s?\s+"
                           + re.escape(words[-1]) + r"|\s+" + re.escape(words[-1]) + r")")
        other = candidates.get(merge_key(short))
        if other is not None and other is not candidate and other.kind != "person":
            _merge_into(candidate, candidates.pop(merge_key(short)))
        elif other is None and alone.search(text):
            candidate.forms.add(short)


def _merge_firms_called_by_first_word(candidates: dict[str, Candidate]) -> None:
    for key, candidate in list(candidates.items()):
        words = candidate.name.split()
        if (key not in candidates or candidate.kind != "organisation" or len(words) != 2
                or words[-1].lower() in ORGANISATION_WORDS or not words[-1][:1].isupper()):
            continue
        short = candidates.get(merge_key(words[0]))
        if short is not None and short is not candidate and short.kind == "organisation":
            _merge_into(candidate, candidates.pop(merge_key(words[0])))


def _collect(occurrences: list[_Occurrence]) -> dict[str, Candidate]:
    candidates: dict[str, Candidate] = {}
    for occurrence in occurrences:
        candidate = candidates.setdefault(merge_key(occurrence.form),
                                          Candidate(name=occurrence.form))
        candidate.forms.add(occurrence.form)
        if occurrence.written:
            candidate.forms.add(occurrence.written)
        candidate.adjectival += occurrence.adjectival
        if occurrence.evidence and occurrence.evidence not in candidate.evidence:
            candidate.evidence.append(occurrence.evidence)
        if occurrence.description and occurrence.description not in candidate.descriptions:
            candidate.descriptions.append(occurrence.description)
        if occurrence.place:
            candidate.place_hints += 1
            candidate.strong_place |= occurrence.place[1]
            if occurrence.place[0] not in candidate.place_evidence:
                candidate.place_evidence.append(occurrence.place[0])
        if occurrence.title:
            candidate.titles.add(occurrence.title)
        candidate.person_hints += occurrence.title is not None or occurrence.person_hint
        candidate.speaker_hints += occurrence.speaker_hint
        candidate.weak = candidate.weak and occurrence.initial
        candidate.fixed_kind = candidate.fixed_kind or occurrence.kind_hint
    for candidate in candidates.values():
        candidate.kind = candidate.fixed_kind or _guess_kind(candidate)
    return candidates


def _add_author(candidates: dict[str, Candidate], author: str | None) -> None:
    if not author:
        return
    if not all(w[:1].isupper() or w in CONNECTORS for w in author.split()):
        return  # "Wire staff", "the newsroom": a byline that names nobody
    candidate = candidates.setdefault(merge_key(author), Candidate(name=author))
    words = [w for w in author.split() if w.rstrip(".") not in NAME_SUFFIXES]
    # Bylines are often followed by a short biography that uses the first name only.
    candidate.forms |= {author, " ".join(words), words[0]}
    for form in list(candidate.forms):
        other = candidates.get(merge_key(form))
        if other is not None and other is not candidate:
            candidate.forms |= other.forms
            del candidates[merge_key(form)]
    candidate.kind, candidate.weak, candidate.pinned = "person", False, True


_JOB_NAMES = frozenset({*(name_key(t) for t in TITLES), *PERSON_WORDS, *OTHER_JOB_NAMES})


def is_junk(candidate: Candidate) -> bool:
    """Names that are no entity: a job title alone ("CEO", "Senator"), a party-and-state
    tag ("R-Texas"), a phrase only ever used as an adjective ("North American")."""
    return (name_key(candidate.name) in _JOB_NAMES or bool(_PARTY_STATE.match(candidate.name))
            or (candidate.adjectival > 0 and candidate.adjectival >= len(candidate.forms)
                and not candidate.speaker_hints and candidate.kind != "person"))


def _worth_keeping(candidate: Candidate) -> bool:
    if candidate.pinned:
        return True
    if candidate.mentions == 0 or is_junk(candidate):
        return False
    if candidate.weak and not (candidate.speaker_hints or candidate.person_hints
                               or candidate.place_hints):
        return False
    return (candidate.mentions >= 2 or len(candidate.name.split()) > 1
            or candidate.kind == "person" or is_acronym(candidate.name)
            or candidate.fixed_kind == "place"  # a dateline's
            or candidate.strong_place)         # "the city of Dunmere"


def _is_common_word(candidate: Candidate, lower_words: set[str]) -> bool:
    """One capitalised word the article also writes in lower case is a common word
    capitalised by its place ("Union members vote" beside "the union rejected it")."""
    return (len(candidate.name.split()) == 1 and not is_acronym(candidate.name)
            and not candidate.pinned and not candidate.titles and candidate.kind != "person"
            and candidate.fixed_kind is None and candidate.name not in PLACES
            and candidate.name.lower() in lower_words)


def _title_owners(candidates: list[Candidate]) -> dict[str, int]:
    """Titles held by exactly one person: "the Prime Minister" then means that person."""
    holders: dict[str, set[int]] = {}
    for index, candidate in enumerate(candidates):
        for title in candidate.titles:
            holders.setdefault(title, set()).add(index)
    return {title: next(iter(owners)) for title, owners in holders.items() if len(owners) == 1}


def _matcher(candidates: list[Candidate], with_titles: bool) -> tuple[re.Pattern[str] | None,
                                                                      dict[str, int]]:
    owner: dict[str, int] = {}
    for index, candidate in enumerate(candidates):
        for form in candidate.written_forms():
            owner.setdefault(form, index)
    if with_titles:
        for title, index in _title_owners(candidates).items():
            owner.setdefault(title, index)
    if not owner:
        return None, owner
    alternatives = "|".join(re.escape(f) for f in sorted(owner, key=lambda f: (-len(f), f)))
    return re.compile(r"(?<![\w’'\-])(?:" + alternatives + r")(?![\w\-])"), owner


def find_mentions(text: str, candidates: list[Candidate]) -> list[Mention]:
    pattern, owner = _matcher(candidates, with_titles=True)
    if pattern is None:
        return []
    return [Mention(m.start(), m.end(), owner[m.group()]) for m in pattern.finditer(text)]


def find_candidates(text: str, sentences: list[Sentence], author: str | None = None
                    ) -> tuple[list[Candidate], list[Mention]]:
    """The names worth an entity, most mentioned first, and every mention of them."""
    candidates = _collect(_occurrences(text, sentences))
    _add_author(candidates, author)
    _add_nicknamed(text, candidates)
    _merge_equated(text, sentences, candidates)
    _split_leading_names(candidates)
    _absorb(candidates)
    _add_short_forms(text, candidates)
    listed = list(candidates.values())
    for mention in find_mentions(text, listed):
        listed[mention.candidate].mentions += 1
    lower_words = set(re.findall(r"\b[a-z][a-z’'-]*\b", text))
    kept = [c for c in listed if _worth_keeping(c) and not _is_common_word(c, lower_words)]
    mentions = find_mentions(text, kept)
    for candidate in kept:  # recount: a dropped name no longer takes its share
        candidate.mentions = 0
    for mention in mentions:
        kept[mention.candidate].mentions += 1
    order = sorted(range(len(kept)), key=lambda i: (KIND_ORDER.index(kept[i].kind),
                                                     -kept[i].mentions, kept[i].name))
    position = {old: new for new, old in enumerate(order)}
    return ([kept[i] for i in order],
            [Mention(m.start, m.end, position[m.candidate]) for m in mentions])
