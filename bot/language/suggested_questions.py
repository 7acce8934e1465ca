"""Questions a reader might ask that a fact answers, made from the fact's own sentence.

Plain shapes only, each from evidence in the sentence: who said it (its speaker), who
did it (the subject before the verb), when (its date), how many (a number before a noun),
who someone is (a name followed by a description). `storybot draft` writes them into a
draft for the curator to keep or delete; they need nothing but the fact's text, its
entities' names and its date wording, so the index could make them for a fact that has
none as well.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

MAX_QUESTIONS = 5
MAX_SUBJECT_WORDS = 7
MAX_REST_WORDS = 12

ASKED_WHO = frozenset({"person", "organisation", "organization", "group"})
_AUXILIARIES = ("is", "are", "was", "were", "has", "have", "had", "will", "would", "could",
                "can", "should", "may", "might", "must")
_PRONOUN_SUBJECTS = {"he": "Who", "she": "Who", "they": "Who", "we": "Who", "i": "Who",
                     "you": "Who", "it": "What"}
# A past verb or an auxiliary right after the subject: "launched", "is". A present verb
# ending in s ("says") is taken only after a name, as "birds" and "cranes" end in s too.
_PRESENT = re.compile(r"^[a-z]+[^s]s$")
_VERB = re.compile(r"^(?:[a-z]+ed|" + "|".join(_AUXILIARIES) + r"|said|told|sent|"
                   r"made|took|gave|won|lost|met|left|led|held|set|paid|sold|bought|began|"
                   r"became|brought|built|chose|fell|found|got|grew|kept|knew|put|ran|saw|"
                   r"spent|spoke|stood|struck|wrote|went|came|cut|hit|let|shut|quit|rose|"
                   r"drew|flew|threw|wore|rang|sank|shot|fought|caught|taught|thought|felt|"
                   r"heard|meant|sought|dealt|hid|froze|broke|woke|drove|rode|ate|forgot|"
                   r"forgave|bore|swore|tore|slid|split|spread|sent|bent|lent|built|dug|hung|"
                   r"struck|stuck|swung|won|withdrew|overtook|undertook|upheld|withheld|"
                   r"say|see|want|need|think|believe|expect|fear|hope|argue|agree|know)$")
# A phrase before the subject: "In a non-binding vote, MPs ordered..." asks about MPs.
_LEADING_PHRASE = re.compile(r"^(?:In|On|At|After|Before|During|Despite|Since|Under|With|"
                             r"Without|For|By|Over|Across|Earlier|Later|Meanwhile|However|"
                             r"Instead|Still|Yet|Now|Then|Also)\b[^,]{0,60},\s+")
_NOT_SUBJECT_END = frozenset({"the", "a", "an", "of", "and", "or", "to", "in", "on", "at",
                              "for", "by", "with", "its", "his", "her", "their"})
_ADVERB = re.compile(r"^[a-z]+ly$")
_PEOPLE_NOUN = re.compile(r"(?:ists|ers|ors|ians|people|officials|leaders|lawmakers|residents|"
                          r"voters|workers|police|staff|men|women|mps)$")
_NUMBER = re.compile(r"(?<![\w$£€])(?P<number>\d[\d,.]*(?:\s+(?:million|billion|thousand|"
                     r"hundred))?|(?:two|three|four|five|six|seven|eight|nine|ten|eleven|"
                     r"twelve|dozens|hundreds|thousands|millions)\b)\s+(?P<noun>(?:[A-Za-z]"
                     r"[\w-]*\s+){0,2}?[a-z][\w-]*s)\b(?P<of>\s+of\s+[a-z][\w-]*)?")
_MONEY = re.compile(r"[$£€]\s?\d[\d,.]*(?:\s+(?:million|billion|thousand))?")
_APPOSITIVE = "(?P<name>{name}),\\s+(?:the|a|an|who|its|his|her|their)\\b[^,.;]{{3,80}}[,.]"
_CLAUSE_END = re.compile(r"(?<!\d),|,(?!\d)|[;:—–(]|\s[-–]\s|\s(?:but|because|after|before|"
                         r"while|which|who|when|as)\s|\sand\s(?=(?:he|she|it|they|we|that|"
                         r"then|" + _VERB.pattern[1:-1] + r")\b)")
# "and" ends a clause only before a verb, a pronoun or "that": between nouns ("paper and
# pens", "between Saltmere and Dorvik") a cut would stop inside a noun phrase.


# Words a question never ends on: a clause cut before its noun ("in the early hours of").
_DANGLING = frozenset({"the", "a", "an", "of", "and", "or", "to", "in", "on", "at", "for",
                       "by", "with", "from", "into", "between", "about", "its", "his", "her",
                       "their", "our", "my", "your", "this", "that", "these", "those", "than",
                       "as", "-", "–", "—", "over", "since", "during", "some", "all", "no",
                       "but", "so", "if", "when", "while", "every", "each", "was", "were",
                       "is", "are", "be", "been", "has", "have", "had", "will", "would"})
# Words that never stand inside a counted noun phrase: "45,000 patients" counts patients,
# "2022, when hackers" counts nothing.
_NOT_IN_NOUN = _DANGLING | {"when", "where", "which", "who", "whose", "what", "then", "per",
                            "percent", "a.m.", "p.m."}
# Units and currencies count no things a reader asks "how many" of: "How many crowns?"
_UNIT = re.compile(r"\b(?:years?|days?|weeks?|months?|decades?|times|hours?|minutes?|"
                   r"seconds?|percent|per|kilomet(?:re|er)s?|met(?:re|er)s?|km|miles?|"
                   r"kilos?|kilograms?|tonnes?|tons?|points?|crowns?|euros?|dollars?|"
                   r"pounds?|lerns?|francs?|florins?|marks?|lire|kronor|krona|yen|rubles?|"
                   r"shillings?|pence|\w*met(?:re|er)s?|"
                   r"cents?|[a-z]+-(?:hour|day|year|week|month|kilometre|metre)s?)\b")
_MONTH_SHORT = re.compile(r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b\.?"
                          r"(?!\s*\d)")
# First and second person speak from inside a quotation: "We will not..." says nothing of
# who "we" are, so no who/what question is made of it.
_SPEAKING_SUBJECT = frozenset({"i", "we", "you", "our", "my", "your", "us"})
_POSSESSIVE = frozenset({"its", "his", "her", "their", "our", "my", "your"})
_PLACE_BEFORE = re.compile(r"\b(?:at|in|from|to|between|outside|near|into|across|and)"
                           r"\s+(?:the\s+)?$")
# Words that end a subject without belonging to it: "rail drivers last went on strike".
_SUBJECT_ADVERB = frozenset({"last", "also", "still", "then", "now", "already", "once",
                             "first", "later", "again", "never", "always", "often"})
# Nouns for bodies that act: "The union rejected..." asks who.
_BODY_NOUN = re.compile(r"^(?:union|unions|trust|government|ministry|company|companies|"
                        r"council|party|parties|chamber|operator|committee|commission|agency|"
                        r"board|firm|firms|court|parliament|critics|opposition|group|"
                        r"authorities|authority|army|hospital|police|office|team|operator|"
                        r"researchers|scientists|council)$")
_SCHEDULED = frozenset({"due", "expected", "set", "scheduled", "planned", "likely"})
_SPEECH_VERB = frozenset({"said", "says", "told", "added", "stated", "wrote", "argued",
                          "warned", "insisted", "explained", "noted", "say"})
# "Who" asks in the singular: "Who has...", not "Who have...".
_SINGULAR = {"are": "is", "were": "was", "have": "has", "say": "says", "want": "wants",
             "need": "needs", "think": "thinks", "believe": "believes", "expect": "expects",
             "fear": "fears", "hope": "hopes", "argue": "argues", "agree": "agrees",
             "know": "knows", "see": "sees"}
# A verb before a count ("postpone 1,140 operations") asks "How many operations were
# postponed?"; a past form in -ed is its own participle.
_PARTICIPLE = {"postpone": "postponed", "move": "moved", "cancel": "cancelled",
               "close": "closed", "divert": "diverted", "evacuate": "evacuated",
               "hire": "hired", "cut": "cut", "send": "sent", "sent": "sent",
               "build": "built", "built": "built", "sell": "sold", "sold": "sold",
               "lose": "lost", "lost": "lost", "treat": "treated", "arrest": "arrested",
               "kill": "killed", "injure": "injured", "strand": "stranded",
               "publish": "published", "steal": "stolen", "stole": "stolen",
               "delay": "delayed", "destroy": "destroyed", "damage": "damaged",
               "affect": "affected", "displace": "displaced",
               "detain": "detained", "employ": "employed", "rescue": "rescued"}
_COUNT_BEFORE = re.compile(r"\b(?P<verb>[a-z]+)\s+(?:(?:about|some|nearly|almost|around|"
                           r"roughly|more than|over|at least|up to)\s+)?$")
_COUNT_PASSIVE = re.compile(r"^\s+(?P<aux>(?:(?:has|have|had|will|would)\s+been|was|were|"
                            r"are|is|will be)\s+)(?P<participle>[a-z]+(?:ed|en))\b")


@dataclass(frozen=True)
class Named:
    """An entity the fact is about: its name as readers know it and its kind."""

    name: str
    kind: str
    forms: tuple[str, ...] = ()    # other ways the article writes it

    def written_in(self, text: str) -> bool:
        return any(form and re.search(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text)
                   for form in (self.name, *self.forms))


def _question(text: str) -> str:
    text = " ".join(text.split()).rstrip(" ,.;:")
    return text[:1].upper() + text[1:] + "?"


def _clause(words: list[str]) -> list[str]:
    """The words up to the end of the first clause; none when that clause is longer than
    MAX_REST_WORDS, as a clause cut short stops in the middle of a phrase."""
    text = " " + " ".join(words)  # a clause may end at once: "collapsed when the bidder..."
    end = _CLAUSE_END.search(text)
    if end:
        text = text[: end.start()]
    clause = text.split()
    if len(clause) > MAX_REST_WORDS:
        return []
    clause = re.sub(r"\s+at\s+\d[\d:.]*\s*[ap]\.m\.?$", "", " ".join(clause)).split()
    while clause and clause[-1].lower().strip(",.;:") in _DANGLING:
        clause = clause[:-1]
    return clause


def _without(text: str, phrase: str | None) -> str:
    if not phrase:
        return text
    return re.sub(r"\s*\b(?:on|in|at|since|by|during)?\s*" + re.escape(phrase) + r"\b(?!['’]s)", "",
                  text, count=1)


def _subject_and_verb(sentence: str, names: frozenset[str] = frozenset()
                      ) -> tuple[list[str], str, list[str]] | None:
    """The sentence's subject, first verb and what follows, when the subject is short and
    starts the sentence: "The conservancy launched a restoration" -> (The conservancy,
    launched, a restoration)."""
    words = re.sub(r"[“”\"]", "", sentence).split()
    for index, word in enumerate(words[: MAX_SUBJECT_WORDS + 1]):
        bare = word.strip(",.;:").lower()
        following = words[index + 1].lower() if index + 1 < len(words) else ""
        # "Pompeo says", "NATO plans": a present verb after a name; the first word's
        # capital is no name ("Rare cranes return").
        is_verb = _VERB.match(bare) or (
            _PRESENT.match(bare) and index and words[index - 1][:1].isupper()
            and (index > 1 or words[0] in names) and following not in _AUXILIARIES
            and not _PEOPLE_NOUN.search(bare))
        if index and is_verb and word == word.lower() and not word.endswith(","):
            subject = words[:index]
            while subject and _ADVERB.match(subject[-1].lower()):
                subject = subject[:-1]
            if not subject or subject[-1].lower() in _NOT_SUBJECT_END:
                return None
            if any(w.endswith(",") for w in subject):
                return None
            return subject, word.strip(",.;:"), words[index + 1 :]
        if word.endswith((",", ";", ":")):
            return None
    return None


def _inside(subject: list[str], names: frozenset[str] = frozenset()) -> str:
    """The subject moved inside a question: "The birds" -> "the birds"."""
    first = subject[0]
    if first in ("The", "A", "An") or (first[1:] == first[1:].lower() and first not in names
                                       and len(subject) > 1):
        first = first.lower()
    return " ".join([first, *subject[1:]])


def _who_or_what(subject: list[str], entities: Sequence[Named]) -> str:
    text = " ".join(subject)
    if text.lower() in _PRONOUN_SUBJECTS:
        return _PRONOUN_SUBJECTS[text.lower()]
    # The subject's last word is its noun: "The Brennig tunnel project" is a what, however
    # its names read; "The union" and "rail drivers" are who.
    head_word = _head(subject)
    head = head_word.strip(",.;:'’").lower()
    # a first word's capital is its place's ("Signs warning drivers"), not a name's
    by_place = head_word is subject[0] and len(subject) > 1 and not any(
        e.written_in(head_word) for e in entities)
    if head_word[:1].islower() or by_place:
        if _BODY_NOUN.match(head) or _PEOPLE_NOUN.search(head):
            return "Who"
        if len(subject) > 1 or not any(e.written_in(text) for e in entities):
            return "What"
    for entity in entities:
        if entity.written_in(text):
            return "Who" if entity.kind in ASKED_WHO else "What"
    # No entity: a name after the first word ("Prime Minister Boris Johnson"), or a noun
    # for people ("Scientists", "farmers"), asks who; the first word's capital says nothing.
    if any(w[:1].isupper() for w in subject[1:]) or any(_PEOPLE_NOUN.search(w.lower())
                                                         for w in subject):
        return "Who"
    return "What"


def _head(subject: list[str]) -> str:
    """The subject's noun: its last word before a preposition or a verb in -ing ("Shares in
    Rijnvracht", "Signs warning drivers")."""
    for index, word in enumerate(subject[1:], start=1):
        if word.lower() in ("of", "in", "at", "from", "for", "on", "with", "through") or (
                word.endswith("ing") and word.islower()):
            return subject[index - 1]
    return subject[-1]


def _well_formed(question: str) -> bool:
    """No question ends on a function word, a number or a dash, repeats a word twice in a
    row, or holds a month's short form without its day ("What did Veldrail say about Nov?")."""
    words = question.rstrip("?").split()
    if len(words) < 2:
        return False
    last = words[-1].lower()
    if last in _DANGLING or re.fullmatch(r"[-–—]", last):
        return False
    if re.fullmatch(r"[\d,.]+", last) and not question.startswith(("What happened", "When")):
        return False
    if any(a.lower() == b.lower() for a, b in zip(words, words[1:], strict=False)):
        return False
    if any(w in ("-", "–", "—") for w in words):
        return False
    return not _MONTH_SHORT.search(question)


def _counted(match: re.Match[str]) -> str | None:
    """The counted noun phrase of a number match, or None when it is no plain noun phrase
    of things ("2022, when hackers", "230 of its", "14 million crowns")."""
    noun = match["noun"] + (match["of"] or "")
    if any(w.lower() in _NOT_IN_NOUN or w[:1].isdigit() for w in match["noun"].split()):
        return None
    if _UNIT.search(noun) or _UNIT.search(match["number"]) or match["number"][-1] in ",.":
        return None
    last = match["noun"].split()[-1].lower()
    if last.endswith(("ss", "us", "is")) or last == "news":  # "three new electric bus lines"
        return None
    # "the largest of the three hospitals" tells no count the sentence is about
    if re.search(r"\bof\s+the\s+$", match.string[: match.start()]):
        return None
    return noun


def _how_many(sentence: str, match: re.Match[str], noun: str) -> str:
    """ "How many operations were postponed?" when a verb acts on the count, or "How many
    trains had been cancelled?" when the count is the subject of a passive verb; else the
    counted noun alone."""
    passive = _COUNT_PASSIVE.match(sentence[match.end():])
    if passive and not match["of"]:
        return _question(f"How many {noun} {passive['aux']}{passive['participle']}")
    after = sentence[match.end():].split()
    if after and after[0] in ("has", "have", "had", "will", "would", "could") \
            and not match["of"]:
        clause = _clause(after)  # "14 patients had suffered delays to cancer treatment"
        if len(clause) > 1:
            return _question(f"How many {noun} {' '.join(clause)}")
    before = _COUNT_BEFORE.search(sentence[: match.start()])
    if before and not re.search(r"\b(?:be|been|being|is|are|was|were)\s+" + before["verb"]
                                + r"\s+\S*$", sentence[: match.start()]):
        verb = before["verb"]
        if verb.endswith("ing"):  # "affecting about 210,000 passengers"
            verb = next((stem for stem in (verb[:-3], verb[:-3] + "e") if stem in _PARTICIPLE),
                        verb)
        participle = _PARTICIPLE.get(verb) or (verb if verb.endswith("ed") else None)
        if participle and not _DANGLING.intersection([verb]):
            return _question(f"How many {noun} were {participle}")
    return _question(f"How many {noun}")


def _topic(speaker: Named, entities: Sequence[Named], sentence: str) -> str:
    """ "about Y" for an organisation or person the sentence names apart from its speaker:
    not a place ("told reporters in Kessel"), not the speaker's own title ("ULD general
    secretary Marta Olenick"), not a date's month."""
    speaker_at = [m.start() for form in (speaker.name, *speaker.forms) if form
                  for m in re.finditer(re.escape(form), sentence)]
    for entity in entities:
        if entity.name == speaker.name or entity.name in speaker.name:
            continue
        if entity.kind not in ASKED_WHO or _MONTH_SHORT.search(entity.name) or not re.search(
                r"[A-Za-z]{3}", entity.name):
            continue
        titled = placed = False
        for form in (entity.name, *entity.forms):
            for m in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", sentence) if form \
                    else ():
                between = [sentence[m.end():at] for at in speaker_at if at >= m.end()]
                if any(len(b.split()) <= 4 and b == b.lower() for b in between):
                    titled = True
                # "said Erik Hallan, the mayor of Lindvik": the speaker's title again
                after = [sentence[at:m.start()] for at in speaker_at if at < m.start()]
                if any(re.fullmatch(r"[\w .’']+,\s+(?:the|a|an)\s+[^,.;]{0,40}", a)
                       for a in after):
                    titled = True
                # "at Saltmere", "outside Harwick General Hospital": where, not what about
                placed = placed or bool(_PLACE_BEFORE.search(sentence[: m.start()]))
        if not titled and not placed:
            return f" about {_named(entity, sentence)}"
    return ""


def _named(entity: Named, sentence: str) -> str:
    """The entity's name as the sentence writes it: "the Veldmark Chamber of Commerce"."""
    if entity.kind != "place" and re.search(
            r"\b[Tt]he\s+" + re.escape(entity.name) + r"(?!\w)", sentence):
        return f"the {entity.name}"
    return entity.name


def _date_phrase(date_text: str, precision: str | None) -> str:
    lowered = date_text.lower()
    if lowered.split()[0] in ("last", "next", "this", "yesterday", "today", "tomorrow",
                              "on", "in", "the"):
        return date_text
    if precision in ("month", "year"):
        return f"in {date_text}"
    return f"on {date_text}"


def suggest_questions(sentence: str, *, entities: Sequence[Named] = (),
                      speaker: Named | None = None, date_text: str | None = None,
                      date_precision: str | None = None,
                      limit: int = MAX_QUESTIONS) -> list[str]:
    """Up to `limit` questions the sentence answers, most specific first, no two alike;
    a shape that would come out broken is left out rather than made."""
    sentence = " ".join(sentence.split())
    found: list[str] = []
    undated = _without(sentence, date_text)
    names = frozenset(w for e in entities for form in (e.name, *e.forms) for w in form.split())
    quoted = sentence[:1] in "“\"‘'"
    parts = None if quoted else (
        _subject_and_verb(undated, names)
        or _subject_and_verb(_LEADING_PHRASE.sub("", undated), names))
    if parts:
        found.extend(_subject_questions(parts, entities, speaker, date_text, sentence, names))
    if speaker is not None:
        about = _topic(speaker, entities, sentence)
        found.append(_question(f"What did {_named(speaker, sentence)} say{about}"))
    for match in _NUMBER.finditer(sentence):
        noun = _counted(match)
        if noun:
            found.append(_how_many(sentence, match, noun))
    if _MONEY.search(sentence) and parts:
        found.append(_question(f"How much {_money_subject(sentence, parts)}"))
    if date_text:
        found.append(_question(f"What happened {_date_phrase(date_text, date_precision)}"))
    for entity in entities:
        if entity.kind == "person" and re.search(_APPOSITIVE.format(name=re.escape(
                entity.name)), sentence):
            found.append(_question(f"Who is {entity.name}"))
    found = [q for q in found if _well_formed(q)]
    subjects = [e for e in entities if e.kind != "place"]
    if not found and subjects:  # every fact gets at least one: what it says of its subject
        found.append(_question(f"What about {_named(subjects[0], sentence)}"))
    unique = list(dict.fromkeys(found))
    return unique[:limit]


def _subject_questions(parts: tuple[list[str], str, list[str]], entities: Sequence[Named],
                       speaker: Named | None, date_text: str | None, sentence: str,
                       names: frozenset[str]) -> list[str]:
    """Who or what did it, when, and "Have any trains passed...?" for a subject "No trains"."""
    subject, verb, rest = parts
    while len(subject) > 1 and subject[0].lower() in _SUBJECT_ADVERB | {"instead"}:
        subject = subject[1:]  # "instead they collected DNA"
    while len(subject) > 1 and subject[-1].lower() in _SUBJECT_ADVERB:
        subject = subject[:-1]
    lowered = [w.lower().strip(",.;:") for w in subject]
    if lowered[0] in _SPEAKING_SUBJECT or lowered[0] in _POSSESSIVE and len(lowered) > 1:
        return []
    if len(lowered) == 1 and lowered[0] in ("that", "this", "these", "those"):
        return []  # "That is more than...": what "that" is lies in another sentence
    if date_text and re.search(r"\bof\s+" + re.escape(date_text), sentence):
        return []  # "in the whole of September" would leave "in the whole"
    if lowered[0] == "not" or any(w in ("whose", "who", "which", "that", "where")
                                  for w in lowered[1:]):
        return []  # "Patients whose files were published" is no subject to ask after
    clause = _clause(rest)
    if lowered[0] == "no" and len(subject) > 1:
        if clause and verb in ("have", "has", "had", "were", "was", "are", "is"):
            things = "anyone" if lowered[1] == "one" else "any " + " ".join(subject[1:])
            return [_question(f"{verb.capitalize()} {things} {' '.join(clause)}")]
        return []
    if re.fullmatch(r"[\d,.]+|one|two|three|four|five|six|seven|eight|nine|ten|some|many|"
                    r"most|all|none|several|half", _head(subject).lower()):
        return []  # "seven of them voted": no noun to ask who or what
    if not clause or len(clause) > 1 and clause[-1].endswith("ed") and date_text:
        return []  # "matched museum specimens collected [in 1952]": its date left a gap
    if verb in _SPEECH_VERB and not any(
            _VERB.match(w.lower()) or _PRESENT.match(w.lower()) for w in clause[1:]):
        return []  # "said a trial in the district of St. Aude": what was said is cut off
    counted = _NUMBER.search(" ".join(subject))
    questions: list[str] = []
    asked = "Who" if verb in _SPEECH_VERB else _who_or_what(subject, entities)
    if counted and _counted(counted):
        questions.append(_question(f"How many {_counted(counted)} {verb} {' '.join(clause)}"))
    elif not (speaker and asked == "Who" and verb in _SPEECH_VERB):
        if verb in ("was", "were") and len(clause) > 2 and clause[0].endswith("ed") \
                and clause[1] == "by":
            # "The strike was called by the union" asks "Who called the strike?"; "The work
            # was delayed by a dispute" asks "What delayed the work?"
            agent = [w for w in clause[2:4] if w.lower() not in ("a", "an", "the")][:1]
            thing = agent and agent[0][:1].islower() and not (
                _BODY_NOUN.match(agent[0]) or _PEOPLE_NOUN.search(agent[0]))
            questions.append(_question(f"{'What' if thing else 'Who'} {clause[0]} "
                                       f"{_inside(subject, names)}"))
        else:
            shown = _SINGULAR.get(verb, verb) if asked == "Who" else verb
            questions.append(_question(f"{asked} {shown} {' '.join(clause)}"))
    dated_after_verb = bool(date_text) and bool(re.search(
        r"\b" + re.escape(verb) + r"\b.*" + re.escape(date_text or ""), sentence))
    if dated_after_verb and (verb in ("will", "would", "could", "can", "should", "may", "might",
                                      "must") or verb in ("is", "are") and clause[0] in _SCHEDULED
                             or verb in ("was", "were") and clause[0].endswith("ed")):
        # "The court is due to rule on Dec 3" asks "When is the court due to rule?"
        tail = clause[:1] if verb in ("was", "were") else clause
        questions.append(_question(f"When {verb} {_inside(subject, names)} {' '.join(tail)}"))
    return questions


def _money_subject(sentence: str, parts: tuple[list[str], str, list[str]]) -> str:
    """ "How much" asks about what the sum pays for: "a $12 million restoration" asks
    "How much is the restoration"; without a noun after the sum, the subject's action."""
    after = re.search(_MONEY.pattern + r"\s+(?P<noun>[a-z][\w-]*)", sentence)
    if after and after["noun"] not in ("in", "to", "for", "of", "and", "from", "a"):
        return f"is the {after['noun']}"
    subject, verb, _ = parts
    return f"money {verb} {' '.join(subject)}".replace(" The ", " the ")
