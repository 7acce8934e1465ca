"""Turning free text into comparable terms: normalisation, tokens, stems.

Questions and facts go through the same steps, so "U.S.", "US" and "us" meet, as do
"Iraq's" and "Iraq", "5,000" and "5000", "withdrawal" and "withdraw".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer

from bot.language.question_kinds import QUESTION_WORDS

MAX_QUESTION_CHARS = 500

_STEMMER = Stemmer.Stemmer("english")

# Words that carry no topic. Question words are kept apart (question_kinds): they tell the
# kind of answer.
STOPWORDS = frozenset(
    """
    a an the and or but if of to in on at by for from with about as into onto over under
    than then so such that this these those there here it its it's is are was were be been
    being am do does did done doing have has had having will would shall should can could
    may might must i me my we our you your he him his she her they them their themself
    themselves itself himself herself not no nor yes any all some each every both either
    neither other another same own very just also too only even ever still yet again
    please tell know say said says saying told let give show explain
    thing things something anything one ones much many more most less least
    way really actually exactly currently now name named against
    according article story report reported reports reporting text piece news
    r u ur pls plz hey up off
    remind recall wonder wondering curious mention mentioned mentions reckon suppose guess
    heard hear learn gonna wanna gotta kinda sorta like literally anyway though quick quickly
    question questions anyone someone somebody anybody guy guys folks rn btw imo tbh idk fyi
    lol lmao ok okay thanks thx ty precisely specifically truly indeed apparently supposedly
    reportedly allegedly basically simply whether
    dont doesnt didnt isnt arent wasnt werent wont cant couldnt wouldnt shouldnt hasnt
    havent hadnt im ive id youre theyre
    alongside beside besides among amongst upon per via regarding concerning toward towards
    across throughout during whilst while
    """.split()
) | QUESTION_WORDS

# Modifiers and light verbs that frame a topic without naming one: they count for little
# either way ("who GAVE the order", "what are troops TRYING to counter").
GENERIC_WORDS = frozenset(
    """
    give gives giving gave hold holds holding held try tries trying tried want wants wanted
    keep keeps keeping kept think thinks thought make makes making made take takes taking
    took get gets getting got go goes going went come comes came put puts seem seems
    use uses used need needs needed do doing done
    new old recent recently latest current big small large huge major minor main key
    specific particular certain general real actual different various several whole entire
    basically important significant good bad best worst exact overall initial final top
    """.split()
)

# Ways of reporting speech: like "say" (a stopword), they frame a question about what
# someone said ("What were Pompeo's remarks on...?") rather than name its topic.
REPORTING_WORDS = frozenset(
    """
    announce announces announced announcing unveil unveils unveiled reveal reveals revealed
    remark remarks remarked comment comments commented declare declares declared
    """.split()
)

# Slang, texting spellings and abbreviations seen in chat, mapped before anything else.
CHAT_SPELLINGS = {
    "r": "are", "u": "you", "ur": "your", "hoo": "who", "wat": "what", "wot": "what",
    "wen": "when", "y": "why", "thru": "through", "jan": "january", "feb": "february",
    "mar": "march", "apr": "april", "jun": "june", "jul": "july", "aug": "august",
    "sep": "september", "sept": "september", "oct": "october", "nov": "november",
    "dec": "december", "govt": "government", "gov": "government", "pres": "president",
    "whereabouts": "where", "w": "with", "b4": "before", "bc": "because", "cuz": "because",
    "abt": "about", "ppl": "people",
}

# Irregular forms the stemmer leaves apart ("sent" and "send", "won" and "win").
IRREGULAR = {
    "sent": "send", "went": "go", "gone": "go", "made": "make", "got": "get", "gotten": "get",
    "took": "take", "taken": "take", "gave": "give", "given": "give", "won": "win",
    "led": "lead", "met": "meet", "began": "begin", "begun": "begin", "brought": "bring",
    "thought": "think", "saw": "see", "seen": "see", "held": "hold", "left": "leave",
    "knew": "know", "known": "know", "came": "come", "became": "become", "ran": "run",
    "paid": "pay", "fought": "fight", "spoke": "speak", "spoken": "speak", "wrote": "write",
    "written": "write", "struck": "strike", "sought": "seek", "kept": "keep", "felt": "feel",
    "built": "build", "chose": "choose", "chosen": "choose", "drove": "drive",
    "driven": "drive", "lost": "lose", "fell": "fall", "fallen": "fall", "rose": "rise",
    "risen": "rise", "stood": "stand", "understood": "understand", "told": "tell",
    "bought": "buy", "caught": "catch", "taught": "teach", "flew": "fly", "flown": "fly",
    "hid": "hide", "hidden": "hide", "shot": "shoot", "sat": "sit", "ate": "eat",
    "children": "child", "men": "man", "women": "woman", "people": "person",
    "sold": "sell", "withdrew": "withdraw", "withdrawn": "withdraw", "froze": "freeze",
    "frozen": "freeze", "broke": "break", "broken": "break", "threw": "throw",
    "thrown": "throw", "drew": "draw", "drawn": "draw", "grew": "grow", "grown": "grow",
    "spent": "spend", "lent": "lend", "dealt": "deal", "meant": "mean", "fled": "flee",
    "fed": "feed", "hung": "hang", "sank": "sink", "sunk": "sink", "undertook": "undertake",
    "undertaken": "undertake", "overthrew": "overthrow", "overthrown": "overthrow",
    "upheld": "uphold", "withheld": "withhold", "forgave": "forgive", "forgiven": "forgive",
    "swore": "swear", "sworn": "swear", "bore": "bear", "borne": "bear", "wore": "wear",
    "worn": "wear", "tore": "tear", "torn": "tear", "stole": "steal", "stolen": "steal",
    "shook": "shake", "shaken": "shake", "woke": "wake", "woken": "wake", "rode": "ride",
    "ridden": "ride", "slid": "slide", "stuck": "stick", "spun": "spin", "swung": "swing",
    "rang": "ring", "rung": "ring", "sang": "sing", "sung": "sing", "bent": "bend",
    "sped": "speed", "bid": "bid", "oversaw": "oversee", "overseen": "oversee",
    "foresaw": "foresee", "foreseen": "foresee", "mistook": "mistake",
    "rebuilt": "rebuild", "retook": "retake", "retaken": "retake", "reran": "rerun",
}

# Words the stemmer would merge with unrelated ones ("authorities" with "author",
# "majority" with "major", "international" with "internal").
STEM_EXCEPTIONS = {
    "authority": "authority", "authorities": "authority", "authorize": "authoriz",
    "authorized": "authoriz", "authorised": "authoriz", "authorise": "authoriz",
    "authorization": "authoriz", "authorisation": "authoriz", "unauthorized": "unauthoriz",
    "unauthorised": "unauthoriz", "majority": "majority", "majorities": "majority",
    "minority": "minority", "minorities": "minority", "international": "international",
    "internationally": "international", "nationality": "nationality",
    "nationalities": "nationality", "organization": "organization",
    "organizations": "organization", "organisation": "organization",
    "organisations": "organization", "university": "university", "universities": "university",
    "based": "based",  # "troops based in Iraq" are not military bases
    "objective": "objective", "objectives": "objective",  # an aim, not "objected"
    "responsible": "responsible", "responsibility": "responsible",  # not "response"
}

_ABBREVIATION = re.compile(r"\b[^\W\d_](?:\.[^\W\d_])+\.?")
_DIGIT_GROUP = re.compile(r"(?<=\d)[,.](?=\d{3}\b)")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})
_NEGATION = re.compile(r"n't\b")
_POSSESSIVE = re.compile(r"'s?\b")
_TOKEN = re.compile(r"[^\W_]+")
_ORDINAL = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b")
_HAS_DIGIT = re.compile(r"\d").search
# Cheap searches for what the rewrites need: a dot before a letter ("u.s"), a separator
# between digits ("5,000"), a digit followed by an ordinal suffix ("3rd").
_ABBREVIATION_MARK = re.compile(r"\.[^\W\d_]").search
_DIGIT_GROUP_MARK = re.compile(r"\d[,.]\d").search
_ORDINAL_MARK = re.compile(r"\d(?:st|nd|rd|th)").search

NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9", "ten": "10", "hundred": "100",
    "thousand": "1000", "million": "1000000",
}


_DROPPED = {"Cf": "", "Cs": "", "Co": "", "Cn": "", "Cc": " ", "Zl": " ", "Zp": " "}


def clean(text: str) -> str:
    """Normalise Unicode, drop control and invisible characters, cap the length."""
    # Cut first: normalisation can expand text, and a huge paste must stay cheap.
    text = text[: MAX_QUESTION_CHARS * 4]
    if not (text.isascii() and text.isprintable()):  # plain text, most of it, skips this
        text = unicodedata.normalize("NFKC", text)
        # Invisible format characters (zero-width joiners, BOMs, direction marks) vanish, so
        # a word pasted with one inside stays one word; control characters separate words.
        text = "".join(
            _DROPPED.get(unicodedata.category(ch), ch) if not " " <= ch < "\x7f" else ch
            for ch in text
        )
    return " ".join(text.split())[:MAX_QUESTION_CHARS]


def tokens(text: str) -> list[str]:
    """Lower-case word tokens, with abbreviations joined and possessives dropped."""
    text = text.casefold()
    # Each rewrite runs only when its mark is there: this is the inner loop of indexing.
    if not text.isascii() or "`" in text:
        text = text.translate(_APOSTROPHES)
    if _ABBREVIATION_MARK(text):
        text = _ABBREVIATION.sub(_without_dots, text)
    if _HAS_DIGIT(text):
        if _DIGIT_GROUP_MARK(text):
            text = _DIGIT_GROUP.sub("", text)
        if _ORDINAL_MARK(text):
            text = _ORDINAL.sub(_ordinal_number, text)
    if "'" in text:
        text = _NEGATION.sub(" not", text)
        text = _POSSESSIVE.sub("", text)
    return _TOKEN.findall(text)


def _without_dots(match: re.Match) -> str:
    return match.group().replace(".", "")


def _ordinal_number(match: re.Match) -> str:
    return match.group(1)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    if word.isdigit():
        return word.lstrip("0") or "0"
    if word in STEM_EXCEPTIONS:
        return STEM_EXCEPTIONS[word]
    return _STEMMER.stemWord(IRREGULAR.get(word, word))

