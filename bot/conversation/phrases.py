"""The words follow-ups are made of, in one place: pronouns, bare question words, "and X?",
"tell me more", "who said that?", and the requests that are not questions about one fact.

Patterns read the normalised text (lower case, curly quotes straightened, punctuation but
apostrophes and hyphens dropped), whole, so that a longer question that merely contains
"timeline" or "more" is still a question.
"""

from __future__ import annotations

import re

from bot.language.lexicon import SPEECH_WORDS

PERSON = ("person",)
GROUPS = ("group", "organisation")
THINGS = ("event", "document")
PLACES = ("place",)

# pronoun -> the kinds of entity it can stand for, most likely first (tiers)
PRONOUN_KINDS: dict[str, tuple[tuple[str, ...], ...]] = {
    **dict.fromkeys(("he", "him", "his", "himself", "she", "her", "hers", "herself"),
                    (PERSON,)),
    **dict.fromkeys(("they", "them", "their", "theirs", "themselves"), (GROUPS, PERSON)),
    **dict.fromkeys(("it", "its", "itself"), (THINGS, ("organisation",))),
    "there": (PLACES,),
}
POSSESSIVES = frozenset({"his", "their", "its", "theirs", "hers"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
# "that"/"this" stand for the last fact's event only where no noun follows
DEMONSTRATIVES = frozenset({"that", "this"})
DEMONSTRATIVE_FOLLOWERS = frozenset(
    "happen happened happening mean means meant be was is come came end ended start started "
    "take took occur occurred".split())
BE_WORDS = frozenset("is are was were be been isnt arent wasnt werent".split())
# words after "her" that show it is not possessive ("what did they tell her about ...")
NOT_A_NOUN = frozenset(
    "about to at for from in on of with and or but if when after before by so as that".split())
DATE_WORDS = frozenset({"then"})

WH_WORDS = ("why", "when", "where", "who", "how many", "how much", "how", "what")
LEADING_WH = frozenset("why when where who whom whose what which how".split())
COUNT_FOLLOWERS = frozenset("many much long old".split())

_ELLIPSIS = re.compile(
    r"^(?:and |but |so |ok |okay )?(?P<wh>why|when|where|who|how many|how much|how come)"
    r"(?: exactly| then| is that| was that| so)?$"
    # "when did that happen?" asks the date of the last answer, as "when?" does
    r"|^(?:and |but |so )?(?P<when>when) (?:did (?:that|it|this) happen|was (?:that|it|this))$")
# "Who said that?", "who claimed it?", "who told us so?": any verb of the words a reader uses
# to ask what someone said (lexicon.SPEECH_WORDS).
_SPEECH = "|".join(sorted(SPEECH_WORDS))
_WHO_SAID = re.compile(
    rf"^(?:and |but |so )?(?:who (?:{_SPEECH})(?: us)? "
    r"(?:that|this|it|so)|says who|who is saying (?:that|this|it)|who said|"
    r"according to (?:who|whom)|who is the source(?: of that| of this)?|"
    r"who is quoted(?: saying that)?)$")
_SAME_FOR = re.compile(
    r"^(?:and|what about|how about|and what about|and how about|same for|same question for|"
    r"what of|and for|and about)\s+(?P<subject>.+)$")
_MORE = re.compile(
    r"^(?:(?:please |can you |could you )?tell me more(?: about (?:it|that|this|them))?"
    r"(?: please)?|more|more please|go on|continue|keep going|what else|anything else|"
    r"and what else|what else happened|more details|any more|anything more|more info"
    r"|say more)$")

INTENTS: tuple[tuple[str, re.Pattern], ...] = (
    ("same-day", re.compile(
        r"^(?:and )?what (?:else )?(?:happened|was happening|went on) "
        r"(?:then|that day|on that day|at that time|at the same time|the same day)$")),
    ("next", re.compile(
        r"^(?:and )?(?:then )?(?:what happened|what came|what comes|what followed|and then"
        r"|what happens)(?: next| after(?: that| this)?| afterwards| later| then)?$"
        r"|^(?:and )?what (?:happened|came) (?:next|after(?:wards| that| this)?|later)$"
        r"|^(?:and )?(?:then what|what next|and after that)$")),
    ("before", re.compile(
        r"^(?:and )?what (?:happened|came|went on) (?:before|earlier|previously|first)"
        r"(?: that| this| then)?$|^(?:and )?(?:what was before that|and before that|"
        r"what led (?:up )?to (?:that|this|it))$")),
    ("timeline", re.compile(
        r"^(?:(?:please |can you |could you )?(?:give|show|tell|send)(?: me)?(?: the| a)? "
        r"(?:timeline|chronology|sequence of events|order of events|events in order)"
        r"(?: of (?:events|the story|this story|the article))?(?: please)?|"
        r"(?:the |a )?(?:timeline|chronology)(?: please| of events| of the story)?|"
        r"what is the timeline|what(?:'s| is) the (?:sequence|order) of events|"
        r"(?:what are|list) the (?:events|key events|main events)"
        r"(?: in order| of the story)?|in what order did things happen)$")),
    ("cast", re.compile(
        r"^(?:who(?:'s| is| are)?(?: all)? (?:in|involved in|mentioned in|named in|part of"
        r"|quoted in) (?:this|the) (?:story|article|piece|news)|who are the (?:people|"
        r"players|main players|key players|main people|key people|characters|main "
        r"characters)(?: in (?:this|the) (?:story|article))?|(?:which|what) (?:people|"
        r"names|persons|groups) (?:are|appear|does (?:it|the story|the article) mention)"
        r"(?: in (?:this|the) (?:story|article))?|who does (?:this|the) (?:story|article) "
        r"(?:mention|name|quote)|list (?:the )?(?:people|names|players))$")),
    ("source", re.compile(
        r"^(?:(?:please |can you |could you )?(?:show|give|send|link|share)(?: me)? (?:the |a )?"
        r"(?:source|original|original article|article|link|full article|full story|"
        r"source article|original story)(?: please)?|source|sources|source please|"
        r"link please|(?:what|where) is the (?:source|link|original)|where (?:is|does) "
        r"(?:this|it) (?:from|come from)|where can i read (?:it|the article|the full story|"
        r"more))$")),
    ("summary", re.compile(
        r"^(?:what(?:'s| is| was) (?:this|the|that) (?:story|article|piece|news|report)"
        r"(?: all)? about|what(?:'s| is) (?:this|it) (?:all )?about|summar(?:ise|ize|y)"
        r"(?: (?:it|this|the story|the article|this story|this article))?|(?:give me |"
        r"can i have )?(?:a |the )?(?:summary|gist|tldr|tl dr|short version)(?: please)?"
        r"|what(?:'s| is) the (?:gist|summary|story|news)|what happened|what is going on|"
        r"what's going on|what is the news|what's the news)$")),
)

_NORMALISE = re.compile(r"[^a-z0-9'\- ]+")


def normalise(text: str) -> str:
    text = (text or "").lower().replace("’", "'").replace("‘", "'")
    return " ".join(_NORMALISE.sub(" ", text).split()).strip(" '-")


def words_of(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:['-][a-z0-9]+)*", (text or "").lower().replace("’", "'"))


def intent_of(normalised: str) -> str | None:
    for name, pattern in INTENTS:
        if pattern.match(normalised):
            return name
    return None


def ellipsis_of(normalised: str) -> str | None:
    """The question word of a bare "why?", "when?", "how many?" ('why' for "how come")."""
    found = _ELLIPSIS.match(normalised)
    if not found:
        return None
    wh = found.group("wh") or found.group("when")
    return "why" if wh == "how come" else wh


def asks_who_said(normalised: str) -> bool:
    return bool(_WHO_SAID.match(normalised))


def asks_more(normalised: str) -> bool:
    return bool(_MORE.match(normalised))


def same_for(normalised: str) -> str | None:
    """The subject of "and Trump?" / "what about the Kurds?" (None for anything else)."""
    found = _SAME_FOR.match(normalised)
    if not found:
        return None
    subject = found.group("subject")
    first = subject.split()[0]
    if first in LEADING_WH or first in PRONOUN_KINDS or len(subject.split()) > 6:
        return None
    return subject


def is_request(text: str) -> bool:
    """Whether a chat message that is not phrased as a question still asks the bot for
    something ("give me the timeline", "tell me more")."""
    normalised = normalise(text)
    return intent_of(normalised) is not None or asks_more(normalised)
