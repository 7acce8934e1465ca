"""Synthetic fact archives for the scale benchmark, with planted questions of known answer.

    python benchmarks/synthetic.py --facts 100000 --out /tmp/archive/facts [--seed 0]

The archive is a facts folder storybot reads like the curated one: the bundled
synonyms.toml and one folder per story (story.toml, article.txt, entities.toml, facts.toml,
timeline.toml) with 30-60 facts each. People, organisations and places have names made of
syllables, so each is distinctive; ordinary words are drawn with Zipf-like frequencies, so
a few are everywhere and most are rare. The same person, organisation or place comes back
in many stories under the same entity id, as a politician does in a news archive.

Beside the folder, planted.jsonl holds questions whose answers are known: made from a
fact's content but worded apart from its curated `questions` (exact, paraphrase, typo,
alias, lower), and questions no fact answers (kind "none": a name or a word the archive
does not have, or a combination of real things no fact states). Ambiguity is checked over
the whole archive: a planted question that two facts could answer is dropped, and so is a
"none" question that one fact could answer.

Files are streamed out story by story (TOML written by hand), so a million facts take
bounded memory.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import json
import random
import re
import sys
import time
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import Stemmer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.factbase.toml_write import toml_record  # noqa: E402  (the fact files' writer)

BUNDLED_SYNONYMS = ROOT / "facts" / "synonyms.toml"
MARKER_FILE = ".synthetic-archive"  # tells the benchmark it may delete the folder
FACTS_PER_STORY = (30, 60)
PLANTED_STORIES = 60  # stories the planted questions are drawn from
ANSWERABLE_KINDS = ("exact", "paraphrase", "typo", "alias", "lower")
NO_ANSWER_REASONS = ("unknown-name", "unknown-word", "combination")
CANDIDATES_PER_SLOT = 3  # candidates drawn per wanted question: some turn out ambiguous

# ---------------------------------------------------------------------- vocabulary
# Most common first: Zipf weights follow list order.

VERBS = [  # (base, past[, past participle when it differs])
    ("reduce", "reduced"), ("send", "sent"), ("close", "closed"), ("build", "built"),
    ("withdraw", "withdrew", "withdrawn"), ("increase", "increased"), ("fund", "funded"),
    ("deploy", "deployed"), ("review", "reviewed"), ("cut", "cut"), ("train", "trained"),
    ("suspend", "suspended"), ("approve", "approved"), ("restore", "restored"),
    ("expand", "expanded"), ("halt", "halted"), ("buy", "bought"), ("sell", "sold"),
    ("repair", "repaired"), ("inspect", "inspected"), ("evacuate", "evacuated"),
    ("replace", "replaced"), ("release", "released"), ("seize", "seized"),
    ("destroy", "destroyed"), ("recruit", "recruited"), ("hire", "hired"),
    ("import", "imported"), ("export", "exported"), ("ban", "banned"),
    ("register", "registered"), ("relocate", "relocated"), ("upgrade", "upgraded"),
    ("delay", "delayed"), ("cancel", "cancelled"), ("donate", "donated"),
    ("deliver", "delivered"), ("protect", "protected"), ("monitor", "monitored"),
    ("transfer", "transferred"), ("lease", "leased"), ("audit", "audited"),
    ("dismantle", "dismantled"), ("modernise", "modernised"), ("insure", "insured"),
    ("convert", "converted"), ("rebuild", "rebuilt"), ("license", "licensed"),
    ("equip", "equipped"), ("retire", "retired"), ("station", "stationed"),
]
NOUNS = """
troops schools hospitals jobs drones contracts workers bridges loans officers teachers
soldiers refugees vehicles nurses roads clinics permits ships prisoners inspectors farms
factories trains buses homes grants tariffs visas licences checkpoints shelters wells mines
turbines apartments satellites radars missiles rifles helicopters ports stations patrols
advisers diplomats envoys judges banks laptops servers cameras sensors generators pumps
ambulances ferries warehouses pipelines dams reactors railways tunnels barracks courts
prisons libraries museums stadiums markets kiosks trucks tractors boats miners pilots
engineers doctors scientists students interns volunteers contractors lawyers auditors
observers peacekeepers medics firefighters guards sailors recruits veterans pensioners
farmers villages camps outposts bases embassies consulates offices branches accounts
""".split()
ADJECTIVES = """
new additional local rural urban regional federal private public temporary armoured
emergency civilian permanent coastal northern southern eastern western mobile modern
solar naval unmanned older damaged electric diesel heavy surplus refurbished
experimental
""".split()
REACTIONS = """
condemned welcomed criticised rejected supported praised questioned defended endorsed
dismissed applauded opposed
""".split()
# Background words for sentences that are no fact: the very common words of news text.
COMMON_NOUNS = """
government budget plan agreement crisis policy election decision programme deal report
reform investigation proposal dispute campaign strategy inquiry shortage project
initiative negotiation ceasefire referendum merger tender scheme overhaul
""".split()
COMMON_ADJECTIVES = """
growing renewed considerable little public national political economic serious wide
""".split()
FILLERS = [
    "Officials said the {cn} would be discussed again next month.",
    "The {cn} has drawn {ca} attention in {L} in recent weeks.",
    "A spokesperson for the {Om} declined to comment on the {cn}.",
    "Analysts said the {cn} could shape the {cn2} for years.",
    "The government did not say how the {cn} would be paid for.",
    "Critics said the {cn} had been announced without a {cn2}.",
]
# Nouns no synthetic fact uses: questions about them have no answer.
HELD_OUT_NOUNS = """
submarines vineyards orphanages typewriters lighthouses telescopes bakeries glaciers violins
casinos greenhouses skyscrapers windmills aquariums carousels observatories breweries
sawmills canneries pianos lifeboats quarries hangars tapestries
""".split()
# Alternatives a reader might type. Only those in the same synonyms.toml group (by stem) as
# the word are used, so a paraphrase never asks for something the synonyms don't cover.
PARAPHRASES = {
    "reduce": "cut trim lower decrease shrink downsize", "cut": "reduce trim lower slash",
    "reduced": "cut trimmed lowered decreased", "withdraw": "remove evacuate",
    "withdrew": "removed evacuated", "withdrawn": "removed evacuated",
    "evacuate": "withdraw remove",
    "evacuated": "withdrawn removed", "send": "dispatch", "sent": "dispatched",
    "deploy": "station", "deployed": "stationed", "station": "deploy",
    "stationed": "deployed", "increase": "boost expand bolster reinforce",
    "increased": "boosted expanded bolstered", "expand": "increase boost bolster",
    "expanded": "increased boosted", "restore": "rebuild repair revive renew",
    "restored": "rebuilt repaired revived", "repair": "restore mend rebuild",
    "repaired": "restored mended rebuilt", "rebuild": "restore repair",
    "rebuilt": "restored repaired", "review": "reassess reconsider evaluate assess examine",
    "reviewed": "reassessed evaluated assessed examined", "train": "mentor teach coach",
    "trained": "mentored coached", "halt": "stop end scrap terminate abandon",
    "halted": "stopped ended scrapped terminated abandoned", "close": "shut",
    "closed": "shut", "replace": "substitute", "replaced": "substituted",
    "protect": "shield safeguard", "protected": "shielded safeguarded",
    "troops": "forces soldiers personnel", "soldiers": "troops forces personnel",
    "drones": "UAVs", "envoys": "delegates representatives emissaries",
    "barracks": "bases garrisons", "bases": "barracks garrisons",
    "embassies": "consulates", "consulates": "embassies",
    "outposts": "facilities installations sites compounds", "veterans": "vets",
    "condemned": "denounced slammed criticised decried blasted",
    "criticised": "condemned slammed blasted denounced",
    "rejected": "opposed dismissed rebuffed spurned", "dismissed": "rejected rebuffed",
    "opposed": "rejected resisted", "supported": "backed endorsed favoured",
    "endorsed": "backed supported", "defended": "justified",
    "announced": "unveiled revealed", "plans": "intends", "planning": "preparing",
    "comments": "remarks", "talks": "discussions negotiations", "number": "count tally",
    "place": "location", "position": "role job", "subject": "topic theme",
    "respond": "react reply",
}

ORG_TYPES = """
Alliance Council Front Union Authority Agency Party Movement Commission Bank Corporation
Institute Federation League Congress Bureau Forum Trust Assembly Syndicate Directorate
""".split()
ORG_PREFIXES = """
National Northern Southern Eastern Western United Federal Central Democratic Popular Royal
Free Independent Republican Progressive
""".split()
ORG_DESCRIPTIONS = ["a political party", "a government agency", "a regional bloc",
                    "a trade body", "a state-owned company", "a civic movement"]
PLACE_KINDS = [("a province", "{} province"), ("a port city", "port of {}"),
               ("a border town", None), ("a mountain region", None), ("an island", None),
               ("a capital city", None)]
TITLES = [  # (title before a surname, role)
    ("Minister", "the minister of {}"), ("Senator", "a senator"),
    ("General", "an army general"), ("Governor", "a provincial governor"),
    ("Mayor", "a city mayor"), ("Ambassador", "an ambassador"),
    ("Judge", "a supreme court judge"), ("Commissioner", "a trade commissioner"),
    ("Admiral", "a navy admiral"), ("Chancellor", "a university chancellor"),
]
PORTFOLIOS = """
fisheries finance defence health education energy transport justice agriculture trade
labour culture tourism water housing mining
""".split()
OUTLET_KINDS = "Herald Times Post Observer Gazette Tribune Courier Chronicle Ledger".split()
NUMBER_WORDS = "zero one two three four five six seven eight nine".split()
NUMBERS = [3, 5, 12, 20, 30, 50, 100, 200, 2, 4, 6, 7, 8, 9, 15, 25, 40, 60, 75, 80, 120,
           150, 250, 300, 400, 500, 600, 750, 800, 1000, 1200, 1500, 2000, 2500, 3000, 4000,
           5000, 7500, 10000, 12000, 20000, 50000]
# Words that must never be a made-up name or acronym: they mean something in questions.
RESERVED_WORDS = """
a an the and or but if of to in on at by for from with about as into over than then so
that this these those there here it its is are was were be been am do does did done have
has had will would shall should can could may might must i me my we our you your he him
his she her they them their who whom whose what which when where why how not no yes all
any some each every both one two new old us un eu uk usa mr ms dr who tell say said
""".split()

ONSETS = ("b c d f g h k l m n p r s t v z br dr gr kr tr st sh th ch pr vl"
          " bl fr gl kl pl sk sl sp").split()
VOWELS = "a e i o u a e i o ai ei ou ia".split()
CODAS = ["", "", "", "", "n", "r", "l", "s", "k", "th", "nd", "sk", "m", "v"]

# ---------------------------------------------------------------------- question templates


@dataclass(frozen=True)
class Template:
    """One way to ask for a fact: the slots it names (its key) and two wordings."""

    qtype: str
    slots: str  # letters of the slots the question names, see SLOT_LETTERS
    exact: str
    paraphrase: str
    needs_date: bool = False


# P person, Q second person, O organisation, L place, V verb, N noun, K number,
# R reaction, M "meeting", F "profile".
SLOT_LETTERS = {"P": "P", "Q": "P2", "O": "O", "L": "L", "V": "V", "N": "N", "K": "K",
                "R": "R"}


@dataclass(frozen=True)
class FactKind:
    answer: str
    quote: str
    curated: tuple[str, ...]  # the fact's own `questions`, some of them per fact
    templates: tuple[Template, ...]  # planted questions are made from these
    weight: int
    speaker: bool = False
    dated: float = 0.0  # share of facts of this kind with a date
    extra_slots: str = ""  # M or F: what the fact is, beyond its words


FACT_KINDS: dict[str, FactKind] = {
    "pledge": FactKind(
        answer="{P} said{D} that the {O} would {V} {K} {A}{N} in {L}.",
        quote="The {Om} will {V} {Kq} {A}{N} in {L}, {Pm} said{Dq}.",
        curated=("How many {N} will the {Om} {V} in {L}?", "What did {Ps} say about {N}?",
                 "What is the {Om} planning in {L}?"),
        templates=(
            Template("who", "OVNL", "Who said the {O} would {V} {N} in {L}?",
                     "Who announced that the {O} plans to {V} {N} in {L}?"),
            Template("how many", "OVNL", "How many {N} would the {O} {V} in {L}?",
                     "In {L}, how many {N} is the {O} going to {V}?"),
            Template("say", "PONL", "What did {P} say about the {O} and {N} in {L}?",
                     "What comments did {P} make on {N} in {L} and the {O}?"),
            Template("when", "POVN", "When did {P} say the {O} would {V} {N}?",
                     "On what date did {P} announce that the {O} would {V} {N}?", True),
        ),
        weight=24, speaker=True, dated=0.5,
    ),
    "action": FactKind(
        answer="The {O} {Vp} {K} {A}{N} in {L}{D}.",
        quote="{Dlead}the {Om} {Vp} {Kq} {A}{N} in {L}, officials said.",
        curated=("What did the {Om} do in {L}?", "How many {N} did the {Om} {V}?"),
        templates=(
            Template("how many", "OVNL", "How many {N} did the {O} {V} in {L}?",
                     "In {L}, what number of {N} did the {O} {V}?"),
            Template("when", "OVNL", "When did the {O} {V} {N} in {L}?",
                     "On what date did the {O} {V} {N} in {L}?", True),
            Template("where", "OVNK", "Where did the {O} {V} {K} {N}?",
                     "In which place did the {O} {V} {K} {N}?"),
        ),
        weight=20, dated=1.0,
    ),
    "reaction": FactKind(
        answer="{P} {R} the {O}'s plan to {V} {A}{N} in {L}{D}.",
        quote="{Pm} {R} the plan by the {Om} to {V} {A}{N} in {L}{Dq}.",
        curated=("How did {Ps} react to the {Om} plan?", "Who {R} the plan to {V} {N}?"),
        templates=(
            Template("who", "ROVNL", "Who {R} the {O}'s plan to {V} {N} in {L}?",
                     "Which politician {R} the {O} plan to {V} {N} in {L}?"),
            Template("view", "POVN", "What did {P} think of the {O}'s plan to {V} {N}?",
                     "How did {P} respond to the plan by the {O} to {V} {N}?"),
        ),
        weight=14, speaker=True, dated=0.3,
    ),
    "meeting": FactKind(
        answer="{P} met {P2} in {L}{D} to discuss {A}{N}.",
        quote="{Pm} and {P2m} held talks in {L}{Dq} about {A}{N}.",
        curated=("Who did {Ps} meet?", "What did {Ps} and {P2s} talk about?"),
        templates=(
            Template("who", "PML", "Who did {P} meet in {L}?",
                     "In {L}, which official held talks with {P}?"),
            Template("where", "PQM", "Where did {P} and {P2} meet?",
                     "In which place did {P} hold talks with {P2}?"),
            Template("what", "PQML", "What did {P} and {P2} discuss in {L}?",
                     "What was the subject of the talks between {P} and {P2} in {L}?"),
            Template("when", "PQML", "When did {P} meet {P2} in {L}?",
                     "On what date did {P} and {P2} hold talks in {L}?", True),
        ),
        weight=10, dated=1.0, extra_slots="M",
    ),
    "count": FactKind(
        answer="According to the {O}, {K} {A}{N} were {Vpp} in {L}{D}.",
        quote="{KqCap} {A}{N} were {Vpp} in {L}{Dq}, the {Om} said.",
        curated=("How many {N} were {Vpp}?", "What did the {Om} report about {L}?"),
        templates=(
            Template("how many", "NVL", "How many {N} were {Vpp} in {L}?",
                     "In {L}, what number of {N} were {Vpp}?"),
            Template("source", "KNVL", "Who said {K} {N} were {Vpp} in {L}?",
                     "According to whom were {K} {N} {Vpp} in {L}?"),
            Template("when", "KNVL", "When were {K} {N} {Vpp} in {L}?",
                     "On what date were {K} {N} {Vpp} in {L}?", True),
        ),
        weight=16, dated=1.0,
    ),
    "refusal": FactKind(
        answer="{P} said{D} that there were no plans to {V} any {N} in {L}.",
        quote="“We will not {V} any {N} in {L},” {Pm} said{Dq}.",
        curated=("What did {Ps} rule out?",),
        templates=(
            Template("say", "PNL", "What did {P} say about {N} in {L}?",
                     "What were {P}'s comments on {N} in {L}?"),
            Template("yes/no", "PVNL", "Will {P} {V} {N} in {L}?",
                     "Is {P} planning to {V} {N} in {L}?"),
        ),
        weight=10, speaker=True, dated=0.3,
    ),
    "profile": FactKind(  # written once per story for its main people, not drawn at random
        answer="{P} is {role}.",
        quote="{P}, {role}, spoke to reporters in {L}.",
        curated=("What does {Ps} do?",),
        templates=(Template("who", "PF", "Who is {P}?", "What position does {P} hold?"),),
        weight=0, extra_slots="F",
    ),
}
DRAWN_KINDS = [name for name, kind in FACT_KINDS.items() if kind.weight]
DRAWN_WEIGHTS = [FACT_KINDS[name].weight for name in DRAWN_KINDS]
# Placeholders that write a slot another way: "{Vp}" is the verb's past, "{Om}" the
# organisation's acronym.
_PLACEHOLDER_SLOT = {"Vp": "V", "Vpp": "V", "Kq": "K", "KqCap": "K", "Pm": "P", "Ps": "P",
                     "P2m": "P2", "P2s": "P2", "Om": "O", "Os": "O"}


def _slots_mentioned(kind: FactKind) -> tuple[str, ...]:
    found = re.findall(r"\{(\w+)\}", kind.answer + kind.quote)
    return tuple(dict.fromkeys(_PLACEHOLDER_SLOT.get(name, name) for name in found))


MENTIONED = {name: _slots_mentioned(kind) for name, kind in FACT_KINDS.items()}

# ---------------------------------------------------------------------- helpers

_STEMMER = Stemmer.Stemmer("english")
_WORD = re.compile(r"[A-Za-z]+")


def stem(word: str) -> str:
    return _STEMMER.stemWord(word.casefold())


def slug(text: str) -> str:
    return "-".join(_WORD.findall(text.casefold()))


def ordinal(day: int) -> str:
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def normalised(question: str) -> str:
    return " ".join(re.findall(r"\w+", question.casefold()))


class Zipf:
    """Picks items with weight 1/rank: the first few are everywhere, the tail is rare."""

    def __init__(self, items: Sequence[Any], exponent: float = 1.0) -> None:
        self.items = list(items)
        self._cumulative: list[float] = []
        total = 0.0
        for rank in range(1, len(self.items) + 1):
            total += rank ** -exponent
            self._cumulative.append(total)

    def pick(self, rng: random.Random) -> Any:
        spot = rng.random() * self._cumulative[-1]
        return self.items[bisect.bisect_right(self._cumulative, spot)]

    def pick_distinct(self, rng: random.Random, count: int) -> list[Any]:
        chosen: list[Any] = []
        for _ in range(count * 50):
            item = self.pick(rng)
            if item not in chosen:
                chosen.append(item)
                if len(chosen) == count:
                    break
        return chosen


class Synonyms:
    """The groups of synonyms.toml as the engine sees them: stems that stand for each other."""

    def __init__(self, path: Path) -> None:
        groups = tomllib.loads(path.read_text(encoding="utf-8")).get("groups", [])
        self.group_of: dict[str, int] = {}
        self.words: set[str] = set()
        for index, group in enumerate(groups):
            for phrase in group:
                words = _WORD.findall(phrase)
                self.words.update(w.casefold() for w in words)
                if len(words) == 1:
                    self.group_of.setdefault(stem(words[0]), index)
        self.alternatives = {
            word: [alt for alt in spelled.split() if self.same_group(word, alt)]
            for word, spelled in PARAPHRASES.items()
        }

    def same_group(self, word: str, other: str) -> bool:
        group = self.group_of.get(stem(word))
        return group is not None and group == self.group_of.get(stem(other))

    def canonical(self, word: str) -> str:
        """What the engine matches a word as: its synonym group, else its stem."""
        group = self.group_of.get(stem(word))
        return f"~{group}" if group is not None else stem(word)

    def swap(self, text: str, rng: random.Random, share: float = 0.7) -> str:
        """Swap lower-case words for synonyms (names are capitalised and stay)."""
        def replace(match: re.Match[str]) -> str:
            options = self.alternatives.get(match.group())
            return rng.choice(options) if options and rng.random() < share else match.group()
        return re.sub(r"\b[a-z]+\b", replace, text)


# ---------------------------------------------------------------------- the world


@dataclass(eq=False, slots=True)
class Entity:
    id: str
    name: str
    kind: str
    description: str
    aliases: tuple[str, ...]
    mention: str  # how an article names it after the first time: "Minister Kestani", "NVA"
    short: str  # what a curator writes in a question: "Kestani", "NVA"
    role: str = ""


class NameMaker:
    """Pronounceable made-up words, each new: names that mean one thing in the archive."""

    def __init__(self, rng: random.Random, taken: set[str]) -> None:
        self.rng = rng
        self.taken = taken

    def word(self, syllables: tuple[int, int] = (2, 3)) -> str:
        while True:
            count = self.rng.randint(*syllables)
            word = "".join(self.rng.choice(ONSETS) + self.rng.choice(VOWELS)
                           + self.rng.choice(CODAS) for _ in range(count)).capitalize()
            if 4 <= len(word) <= 12 and word.casefold() not in self.taken:
                self.taken.add(word.casefold())
                return word

    def claim(self, name: str) -> bool:
        """Take a name (an acronym, say) unless something already has it."""
        if name.casefold() in self.taken:
            return False
        self.taken.add(name.casefold())
        return True


@dataclass
class World:
    """Everything stories draw from, fixed before the first story is written."""

    persons: list[Entity]
    orgs: list[Entity]
    places: list[Entity]
    outlets: list[str]
    authors: list[str]
    first_names: list[str]
    names: NameMaker
    shared: bool
    story_digits: int
    synonyms: Synonyms
    verbs: Zipf = field(default_factory=lambda: Zipf(VERBS))
    nouns: Zipf = field(default_factory=lambda: Zipf(NOUNS))
    adjectives: Zipf = field(default_factory=lambda: Zipf(ADJECTIVES))
    reactions: Zipf = field(default_factory=lambda: Zipf(REACTIONS))
    numbers: Zipf = field(default_factory=lambda: Zipf(NUMBERS, 0.6))
    common_nouns: Zipf = field(default_factory=lambda: Zipf(COMMON_NOUNS))
    common_adjectives: Zipf = field(default_factory=lambda: Zipf(COMMON_ADJECTIVES))

    def __post_init__(self) -> None:
        self.person_pick = Zipf(self.persons)
        self.org_pick = Zipf(self.orgs)
        self.place_pick = Zipf(self.places)

    def story_id(self, index: int) -> str:
        return f"s{index:0{self.story_digits}d}"


def _vocabulary_words(synonyms: Synonyms) -> set[str]:
    words = {w for pair in VERBS for w in pair} | set(NOUNS) | set(ADJECTIVES)
    words |= set(REACTIONS) | set(COMMON_NOUNS) | set(COMMON_ADJECTIVES) | set(HELD_OUT_NOUNS)
    words |= {w.casefold() for w in ORG_TYPES + ORG_PREFIXES + OUTLET_KINDS}
    return words | synonyms.words | set(RESERVED_WORDS) | set(PORTFOLIOS)


def _make_person(names: NameMaker, first_names: list[str]) -> Entity:
    rng = names.rng
    surname = names.word()
    full = f"{rng.choice(first_names)} {surname}"
    title, role = rng.choice(TITLES)
    role = role.format(rng.choice(PORTFOLIOS))
    honorific = rng.choice(("Mr", "Ms"))
    return Entity(id=slug(full), name=full, kind="person", description=role,
                  aliases=(surname, f"{title} {surname}", f"{honorific} {surname}"),
                  mention=f"{title} {surname}", short=surname, role=role)


def _make_org(names: NameMaker) -> Entity:
    rng = names.rng
    while True:
        coined, prefix, kind = names.word(), rng.choice(ORG_PREFIXES), rng.choice(ORG_TYPES)
        # NATO-style: the initials, or with more of the made-up word when those are taken.
        for acronym in (prefix[0] + coined[0] + kind[0], prefix[0] + coined[:2] + kind[0],
                        prefix[0] + coined[:3] + kind[0]):
            if names.claim(acronym.upper()):
                name = f"{prefix} {coined} {kind}"
                return Entity(id=slug(name), name=name, kind="organisation",
                              description=rng.choice(ORG_DESCRIPTIONS),
                              aliases=(acronym.upper(), f"{coined} {kind}"),
                              mention=acronym.upper(), short=acronym.upper())


def _make_place(names: NameMaker) -> Entity:
    name = names.word()
    description, alias = names.rng.choice(PLACE_KINDS)
    return Entity(id=slug(name), name=name, kind="place", description=description,
                  aliases=(alias.format(name),) if alias else (), mention=name, short=name)


def build_world(stories: int, seed: int, shared: bool) -> World:
    rng = random.Random(f"{seed}/world")
    synonyms = Synonyms(BUNDLED_SYNONYMS)
    names = NameMaker(rng, _vocabulary_words(synonyms))
    first_names = [names.word((1, 2)) for _ in range(300)]
    if shared:  # a pool each story draws from, the first ones far more often
        counts = (40 + stories, 20 + stories // 2, 20 + stories // 2)
    else:  # every story its own entities (for a loader that wants ids unique)
        counts = (5 * stories, 3 * stories, 3 * stories)
    persons = [_make_person(names, first_names) for _ in range(counts[0])]
    orgs = [_make_org(names) for _ in range(counts[1])]
    places = [_make_place(names) for _ in range(counts[2])]
    outlets = [f"The {names.word()} {rng.choice(OUTLET_KINDS)}" for _ in range(40)]
    authors = [f"{rng.choice(first_names)} {names.word()}" for _ in range(200)]
    return World(persons, orgs, places, outlets, authors, first_names, names, shared,
                 max(5, len(str(stories))), synonyms)


# ---------------------------------------------------------------------- stories


@dataclass(eq=False, slots=True)
class FactSpec:
    id: str
    kind: str
    answer: str
    quote: str
    entities: list[str]
    speaker: str | None
    date: dt.date | None
    date_text: str | None
    date_precision: str | None
    questions: list[str]
    slots: dict[str, Any]  # what the fact says, for planting questions about it
    key: frozenset[str]  # the slots as the engine can tell them apart, for ambiguity checks


@dataclass(eq=False)
class StorySpec:
    index: int
    id: str
    title: str
    outlet: str
    author: str
    published: dt.date
    entities: list[Entity]
    profiles: dict[str, str]  # entity id -> its profile fact in this story
    facts: list[FactSpec]
    article: str


@dataclass(frozen=True)
class DateSpec:
    date: dt.date
    text: str
    precision: str
    answer: str  # " on 3 March 2019"
    quote: str  # " on Friday"
    lead: str  # "On Friday, " (a sentence starting with the date)


def pick_date(rng: random.Random, published: dt.date) -> DateSpec:
    """A date before publication, in the words an article uses for it."""
    way = rng.choices(("weekday", "last week", "ordinal", "month", "year"),
                      weights=(35, 15, 20, 20, 10))[0]
    if way == "weekday":
        day = published - dt.timedelta(days=rng.randint(1, 6))
        text = f"{day:%A}"
        return DateSpec(day, text, "day", f" on {day.day} {day:%B %Y}", f" on {text}",
                        f"On {text}, ")
    if way == "last week":
        monday = published - dt.timedelta(days=published.weekday() + 7)
        return DateSpec(monday, "last week", "week",
                        f" in the week of {monday.day} {monday:%B %Y}", " last week",
                        "Last week, ")
    if way == "ordinal":
        day = published - dt.timedelta(days=rng.randint(7, 60))
        text = f"the {ordinal(day.day)} {day:%B}"
        return DateSpec(day, text, "day", f" on {day.day} {day:%B %Y}", f" on {text}",
                        f"On {text}, ")
    if way == "month":
        back = rng.randint(1, 11)
        year, month = divmod(published.year * 12 + published.month - 1 - back, 12)
        first = dt.date(year, month + 1, 1)
        text = f"{first:%B}" if first.year == published.year else f"{first:%B %Y}"
        return DateSpec(first, text, "month", f" in {first:%B %Y}", f" in {text}",
                        f"In {text}, ")
    year = published.year - rng.randint(1, 5)
    return DateSpec(dt.date(year, 1, 1), str(year), "year", f" in {year}", f" in {year}",
                    f"In {year}, ")


def spelled_number(number: int) -> str:
    return NUMBER_WORDS[number] if number < len(NUMBER_WORDS) else f"{number:,}"


def slot_token(letter: str, value: Any, synonyms: Synonyms) -> str:
    """A slot as the engine can tell it apart: synonyms and inflections are one token."""
    if isinstance(value, Entity):
        return f"E:{value.id}"
    if letter == "V":
        return "V:" + synonyms.canonical(value[0])
    if letter == "K":
        return f"K:{value}"
    return f"{letter}:" + synonyms.canonical(value)


def key_of(slots: dict[str, Any], letters: str, synonyms: Synonyms) -> frozenset[str]:
    tokens = set()
    for letter in letters:
        if letter in ("M", "F"):
            tokens.add(f"X:{letter}")
        elif SLOT_LETTERS[letter] in slots:
            tokens.add(slot_token(letter, slots[SLOT_LETTERS[letter]], synonyms))
    return frozenset(tokens)


def render_names(slots: dict[str, Any], date: DateSpec | None) -> dict[str, str]:
    """The words a fact's sentences are written with."""
    names: dict[str, str] = {"D": "", "Dq": "", "Dlead": "", "A": ""}
    for label in ("P", "P2", "O", "L"):
        entity = slots.get(label)
        if entity is not None:
            names[label] = entity.name
            names[label + "m"] = entity.mention
            names[label + "s"] = entity.short
    if "V" in slots:
        names["V"], names["Vp"], *participle = slots["V"]
        names["Vpp"] = participle[0] if participle else names["Vp"]
    if "K" in slots:
        names["K"] = f"{slots['K']:,}"
        names["Kq"] = spelled_number(slots["K"])
        names["KqCap"] = names["Kq"][0].upper() + names["Kq"][1:]
    for label in ("N", "R", "role"):
        if label in slots:
            names[label] = slots[label]
    if slots.get("A"):
        names["A"] = slots["A"] + " "
    if date is not None:
        names.update(D=date.answer, Dq=date.quote, Dlead=date.lead)
    if not names["Dlead"]:
        names["Dlead"] = "This year, "
    return names


class StoryMaker:
    """One story, drawn from its own random stream: the same (seed, index) always gives
    the same story, so planted questions can be made before the archive is written."""

    def __init__(self, world: World, seed: int, index: int, size: int) -> None:
        self.world = world
        self.rng = random.Random(f"{seed}/story/{index}")
        self.index = index
        self.size = size
        self.id = world.story_id(index)
        self.published = dt.date(2012, 1, 1) + dt.timedelta(days=self.rng.randint(0, 4748))
        self.persons = self._entities(world.persons, world.person_pick, 5, (2, 5))
        self.orgs = self._entities(world.orgs, world.org_pick, 3, (1, 3))
        self.places = self._entities(world.places, world.place_pick, 3, (1, 3))

    def _entities(self, pool: list[Entity], pick: Zipf, per_story: int,
                  count: tuple[int, int]) -> list[Entity]:
        wanted = self.rng.randint(*count)
        if self.world.shared:
            return pick.pick_distinct(self.rng, wanted)
        start = self.index * per_story
        return pool[start:start + wanted]

    def _weighted(self, entities: list[Entity]) -> Entity:
        """The story's first people come up most: a story is about someone."""
        return self.rng.choices(entities, weights=[1 / (i + 1) for i in range(len(entities))])[0]

    def make(self) -> StorySpec:
        facts: list[FactSpec] = []
        profiles: dict[str, str] = {}
        main_people = self.persons[:1 + (self.size > 40)]
        for person in main_people:
            fact = self._fact(len(facts), "profile", person=person)
            profiles[person.id] = fact.id
            facts.append(fact)
        while len(facts) < self.size:
            kind = self.rng.choices(DRAWN_KINDS, weights=DRAWN_WEIGHTS)[0]
            facts.append(self._fact(len(facts), kind))
        self.rng.shuffle(facts)  # profiles anywhere in the article, ids keep their numbers
        headline = self._headline()
        return StorySpec(
            index=self.index, id=self.id, title=headline,
            outlet=self.rng.choice(self.world.outlets),
            author=self.rng.choice(self.world.authors), published=self.published,
            entities=self.persons + self.orgs + self.places, profiles=profiles, facts=facts,
            article=self._article(headline, facts),
        )

    def _slots(self, kind: str, person: Entity | None) -> dict[str, Any]:
        world, rng = self.world, self.rng
        slots: dict[str, Any] = {
            "P": person or self._weighted(self.persons),
            "O": self._weighted(self.orgs),
            "L": self._weighted(self.places),
            "V": world.verbs.pick(rng),
            "N": world.nouns.pick(rng),
            "K": world.numbers.pick(rng),
            "A": world.adjectives.pick(rng) if rng.random() < 0.6 else "",
        }
        if kind == "reaction":
            slots["R"] = world.reactions.pick(rng)
        elif kind == "meeting":
            others = [p for p in self.persons if p is not slots["P"]]
            slots["P2"] = self._weighted(others)
        elif kind == "profile":
            slots["role"] = slots["P"].role
        return slots

    def _fact(self, number: int, kind_name: str, person: Entity | None = None) -> FactSpec:
        kind = FACT_KINDS[kind_name]
        slots = self._slots(kind_name, person)
        date = pick_date(self.rng, self.published) if self.rng.random() < kind.dated else None
        names = render_names(slots, date)
        used = {label: slots[label] for label in MENTIONED[kind_name] if label in slots}
        entities = [used[label].id for label in ("P", "P2", "O", "L") if label in used]
        curated = self.rng.sample(kind.curated, self.rng.randint(1, len(kind.curated)))
        letters = "".join(SLOT_LETTERS) + kind.extra_slots
        return FactSpec(
            id=f"{self.id}-f{number + 1:02d}",
            kind=kind_name,
            answer=kind.answer.format(**names),
            quote=kind.quote.format(**names),
            entities=entities,
            speaker=slots["P"].id if kind.speaker else None,
            date=date.date if date else None,
            date_text=date.text if date else None,
            date_precision=date.precision if date else None,
            questions=[q.format(**names) for q in curated],
            slots=used | {"date": date},
            key=key_of(used, letters, self.world.synonyms),
        )

    def _headline(self) -> str:
        verb, noun = self.world.verbs.pick(self.rng), self.world.nouns.pick(self.rng)
        return (f"{self.orgs[0].mention} to {verb[0]} {noun} in {self.places[0].name}, "
                f"{self.persons[0].short} says")

    def _filler(self) -> str:
        world, rng = self.world, self.rng
        return rng.choice(FILLERS).format(
            cn=world.common_nouns.pick(rng), cn2=world.common_nouns.pick(rng),
            ca=world.common_adjectives.pick(rng), L=rng.choice(self.places).name,
            Om=rng.choice(self.orgs).mention)

    def _article(self, headline: str, facts: list[FactSpec]) -> str:
        sentences = []
        for fact in facts:
            sentences.append(fact.quote)
            if self.rng.random() < 0.25:
                sentences.append(self._filler())
        paragraphs, start = [], 0
        while start < len(sentences):
            end = start + self.rng.randint(1, 3)
            paragraphs.append(" ".join(sentences[start:end]))
            start = end
        return "\n\n".join([headline, *paragraphs]) + "\n"


# ---------------------------------------------------------------------- writing


def story_toml(story: StorySpec) -> str:
    return "\n".join([*toml_record("story", [
        ("id", story.id), ("title", story.title), ("outlet", story.outlet),
        ("author", story.author), ("published", story.published), ("article", "article.txt"),
    ], array=False), ""])


def entities_toml(story: StorySpec) -> str:
    lines = []
    for entity in story.entities:
        lines += [*toml_record("entity", [
            ("id", entity.id), ("name", entity.name), ("kind", entity.kind),
            ("description", entity.description), ("aliases", entity.aliases),
            ("profile", story.profiles.get(entity.id)),
        ]), ""]
    return "\n".join(lines)


def facts_toml(story: StorySpec) -> str:
    lines = []
    for fact in story.facts:
        dated = fact.date is not None
        lines += [*toml_record("fact", [
            ("id", fact.id), ("answer", fact.answer), ("quote", fact.quote),
            ("entities", fact.entities), ("speaker", fact.speaker or None),
            ("date", fact.date), ("date_text", fact.date_text or "" if dated else None),
            ("date_precision", fact.date_precision or "" if dated else None),
            ("questions", fact.questions),
        ], one_per_line=["questions"]), ""]
    return "\n".join(lines)


def timeline_toml(story: StorySpec, rng: random.Random) -> tuple[str, int]:
    dated = [fact for fact in story.facts if fact.date]
    chosen = sorted(rng.sample(dated, min(len(dated), rng.randint(0, 3))),
                    key=lambda f: (f.date, f.id))
    lines = []
    for number, fact in enumerate(chosen, 1):
        lines += [*toml_record("event", [
            ("id", f"{story.id}-e{number}"), ("date", fact.date),
            ("date_text", fact.date_text or ""), ("date_precision", fact.date_precision or ""),
            ("title", fact.answer), ("facts", [fact.id]),
        ]), ""]
    return "\n".join(lines), len(chosen)


def write_story(root: Path, story: StorySpec) -> int:
    """Write the story's folder; returns the number of timeline events."""
    folder = root / story.id
    folder.mkdir()
    (folder / "story.toml").write_text(story_toml(story), encoding="utf-8")
    (folder / "article.txt").write_text(story.article, encoding="utf-8")
    (folder / "entities.toml").write_text(entities_toml(story), encoding="utf-8")
    (folder / "facts.toml").write_text(facts_toml(story), encoding="utf-8")
    timeline, events = timeline_toml(story, random.Random(f"timeline/{story.id}"))
    if events:
        (folder / "timeline.toml").write_text(timeline, encoding="utf-8")
    return events


# ---------------------------------------------------------------------- planted questions


@dataclass(eq=False)
class Candidate:
    """A planted question before the archive-wide check that it has exactly one answer."""

    line: dict[str, Any]
    key: frozenset[str] | None  # None: nothing to check (it names what the archive lacks)
    fact_id: str | None  # None for a question no fact answers
    matches: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        if self.key is None:
            return True
        return self.matches == ([self.fact_id] if self.fact_id else [])


def add_typos(question: str, rng: random.Random) -> str | None:
    """One or two character edits in one word of five letters or more (not the first)."""
    words = question.split(" ")
    spots = [i for i, w in enumerate(words[1:], 1) if re.search(r"[A-Za-z]{5,}", w)]
    if not spots:
        return None
    index = rng.choice(spots)
    match = re.search(r"[A-Za-z]{5,}", words[index])
    assert match is not None
    core = edited = match.group()
    for _ in range(20):  # swapping two same letters changes nothing: try again
        edited = core
        for _ in range(1 if len(core) < 8 else rng.choice((1, 2))):
            edited = _one_edit(edited, rng)
        if edited.casefold() != core.casefold():
            break
    else:
        return None
    words[index] = words[index][:match.start()] + edited + words[index][match.end():]
    return " ".join(words)


def _one_edit(word: str, rng: random.Random) -> str:
    spot = rng.randrange(1, len(word) - 1)  # typists keep the first letter right
    letter = rng.choice("abcdefghijklmnopqrstuvwxyz")
    edit = rng.choice(("swap", "drop", "double", "replace"))
    if edit == "swap":
        return word[:spot] + word[spot + 1] + word[spot] + word[spot + 2:]
    if edit == "drop":
        return word[:spot] + word[spot + 1:]
    if edit == "double":
        return word[:spot] + word[spot] + word[spot:]
    return word[:spot] + letter + word[spot + 1:]


def lower_without_punctuation(question: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", "", question.casefold()).split())


def _question_names(fact: FactSpec, rng: random.Random, aliases: bool) -> dict[str, str]:
    names = render_names(fact.slots, None)
    if aliases:
        for label in ("P", "P2", "O", "L"):
            entity = fact.slots.get(label)
            if entity is not None and entity.aliases:
                names[label] = rng.choice(entity.aliases)
    return names


def phrase(fact: FactSpec, template: Template, kind: str, world: World,
           rng: random.Random) -> str | None:
    """The question of a planted kind, or None when the kind doesn't fit the template."""
    names = _question_names(fact, rng, aliases=kind == "alias")
    if kind == "paraphrase":
        question = world.synonyms.swap(template.paraphrase.format(**names), rng)
    else:
        question = template.exact.format(**names)
    if kind == "alias" and question == template.exact.format(**render_names(fact.slots, None)):
        return None  # nothing in it has an alias
    if kind == "typo":
        return add_typos(question, rng)
    if kind == "lower":
        return lower_without_punctuation(question)
    return question


def _swappable(template: Template) -> list[str]:
    return [SLOT_LETTERS[letter] for letter in template.slots if letter in "PQOL"]


def _fresh_entity(label: str, world: World) -> tuple[str, str]:
    """A name (and its made-up word) that nothing in the archive has."""
    names, rng = world.names, world.names.rng
    coined = names.word()
    if label in ("P", "P2"):
        return f"{rng.choice(world.first_names)} {coined}", coined
    if label == "O":
        return f"{rng.choice(ORG_PREFIXES)} {coined} {rng.choice(ORG_TYPES)}", coined
    return coined, coined


def no_answer(fact: FactSpec, template: Template, reason: str, world: World,
              stand_ins: dict[str, list[Entity]], rng: random.Random) -> Candidate | None:
    """A question like the template's about something no fact says."""
    names = _question_names(fact, rng, aliases=False)
    line: dict[str, Any] = {"abstain": True, "kind": "none", "why": reason}
    key: frozenset[str] | None = None
    if reason == "unknown-word":
        if "N" not in template.slots:
            return None
        names["N"] = line["missing"] = rng.choice(HELD_OUT_NOUNS)
    else:
        labels = _swappable(template)
        if not labels:
            return None
        label = rng.choice(labels)
        if reason == "unknown-name":
            names[label], line["missing"] = _fresh_entity(label, world)
        else:  # combination: a real entity where the fact has another
            if "F" in template.slots:
                return None  # "who is X?" is answered by X's entity record itself
            old = fact.slots[label]
            options = [e for e in stand_ins[old.kind] if e.id != old.id
                       and all(e is not fact.slots.get(other) for other in ("P", "P2"))]
            if not options:
                return None
            new = rng.choice(options)
            names[label] = new.name
            slots = dict(fact.slots, **{label: new})
            key = key_of(slots, template.slots, world.synonyms)
            line["entities"] = sorted(t[2:] for t in key if t.startswith("E:"))
            line["words"] = _stated_words(fact, template)
    line["q"] = template.exact.format(**names)
    return Candidate(line, key, None)


def _stated_words(fact: FactSpec, template: Template) -> list[list[str]]:
    """Besides its entities, what a fact must say to answer the template's question: one
    word of each list (for a test to check that no fact answers a "combination")."""
    slots, words = fact.slots, []
    for letter in template.slots:
        if letter == "V":
            words.append(list(dict.fromkeys(slots["V"])))
        elif letter == "K":
            words.append([f"{slots['K']:,}"])
        elif letter in "NR":
            words.append([slots[letter]])
        elif letter == "M":
            words.append(["met"])
    return words


def _pairs(stories: list[StorySpec], rng: random.Random) -> list[tuple[FactSpec, Template]]:
    pairs = [(fact, template) for story in stories for fact in story.facts
             for template in FACT_KINDS[fact.kind].templates
             if fact.date or not template.needs_date]
    rng.shuffle(pairs)
    return pairs


def plant_candidates(stories: list[StorySpec], world: World, answerable: int, abstain: int,
                     seed: int) -> list[Candidate]:
    """More candidates than wanted of every kind, in the order they'd be kept."""
    rng = random.Random(f"{seed}/planted")
    pairs = _pairs(stories, rng)
    if not pairs:
        return []
    stand_ins: dict[str, list[Entity]] = {}
    for story in stories:
        for entity in story.entities:
            stand_ins.setdefault(entity.kind, []).append(entity)
    candidates: list[Candidate] = []
    cursor = 0
    for kind in ANSWERABLE_KINDS:
        wanted = CANDIDATES_PER_SLOT * _share(answerable, ANSWERABLE_KINDS, kind)
        made = 0
        for _ in range(len(pairs)):
            if made >= wanted:
                break
            fact, template = pairs[cursor % len(pairs)]
            cursor += 1
            question = phrase(fact, template, kind, world, rng)
            if question is None or normalised(question) in map(normalised, fact.questions):
                continue
            line = {"q": question, "fact": fact.id, "kind": kind}
            candidates.append(Candidate(line, key_of(fact.slots, template.slots,
                                                     world.synonyms), fact.id))
            made += 1
    for reason in NO_ANSWER_REASONS:
        wanted = CANDIDATES_PER_SLOT * _share(abstain, NO_ANSWER_REASONS, reason)
        made = 0
        for _ in range(len(pairs)):
            if made >= wanted:
                break
            fact, template = pairs[cursor % len(pairs)]
            cursor += 1
            candidate = no_answer(fact, template, reason, world, stand_ins, rng)
            if candidate is not None:
                candidates.append(candidate)
                made += 1
    return candidates


def _share(total: int, kinds: Sequence[str], kind: str) -> int:
    """An even split of total over kinds, the first ones taking the remainder."""
    base, extra = divmod(total, len(kinds))
    return base + (kinds.index(kind) < extra)


class AmbiguityCheck:
    """Counts, over every fact written, which candidates' keys the fact could answer."""

    def __init__(self, candidates: list[Candidate]) -> None:
        self.by_anchor: dict[str, list[Candidate]] = {}
        for candidate in candidates:
            if candidate.key:
                anchor = min(candidate.key, key=lambda t: (not t.startswith("E:"), t))
                self.by_anchor.setdefault(anchor, []).append(candidate)

    def see(self, fact: FactSpec) -> None:
        for token in fact.key:
            for candidate in self.by_anchor.get(token, ()):
                if candidate.key <= fact.key and len(candidate.matches) < 3:
                    candidate.matches.append(fact.id)


def choose_planted(candidates: list[Candidate], answerable: int, abstain: int,
                   seed: int) -> list[dict[str, Any]]:
    kept: list[dict[str, Any]] = []
    seen: set[str] = set()
    for kinds, total, field_name in ((ANSWERABLE_KINDS, answerable, "kind"),
                                     (NO_ANSWER_REASONS, abstain, "why")):
        for kind in kinds:
            wanted = _share(total, kinds, kind)
            for candidate in candidates:
                if wanted == 0:
                    break
                line = candidate.line
                if line.get(field_name) != kind or not candidate.valid:
                    continue
                if normalised(line["q"]) in seen:
                    continue
                seen.add(normalised(line["q"]))
                kept.append(line)
                wanted -= 1
    random.Random(f"{seed}/order").shuffle(kept)
    return kept


# ---------------------------------------------------------------------- the archive


@dataclass
class ArchiveInfo:
    facts_dir: Path
    planted_path: Path
    facts: int
    stories: int
    entity_records: int
    entities: int  # distinct ids: one person in ten stories counts once
    events: int
    shared_entities: bool
    seed: int
    seconds: float
    planted: list[dict[str, Any]]

    @property
    def answerable(self) -> int:
        return sum(1 for line in self.planted if not line.get("abstain"))

    @property
    def abstain(self) -> int:
        return sum(1 for line in self.planted if line.get("abstain"))


def story_sizes(facts: int, seed: int) -> list[int]:
    """Facts per story, 30-60 each, adding up to exactly `facts`."""
    rng = random.Random(f"{seed}/sizes")
    low, high = FACTS_PER_STORY
    sizes, remaining = [], facts
    while remaining > 0:
        size = rng.randint(low, high)
        if remaining <= high:
            size = remaining
        elif remaining - size < low:
            size = remaining - low
        sizes.append(size)
        remaining -= size
    return sizes


def _prepare_folder(out_dir: Path) -> None:
    if out_dir.exists() and any(out_dir.iterdir()):
        raise FileExistsError(f"{out_dir} is not empty; give a new folder")
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "synonyms.toml").write_bytes(BUNDLED_SYNONYMS.read_bytes())
    (out_dir / MARKER_FILE).write_text("written by benchmarks/synthetic.py\n")


def generate_archive(out_dir: Path, facts: int, seed: int = 0, *,
                     planted_path: Path | None = None, answerable: int = 300,
                     abstain: int = 150, shared_entities: bool = True) -> ArchiveInfo:
    """Write a valid facts folder of `facts` facts, and the planted questions beside it."""
    started = time.perf_counter()
    out_dir = Path(out_dir)
    planted_path = planted_path or out_dir.parent / "planted.jsonl"
    _prepare_folder(out_dir)
    sizes = story_sizes(facts, seed)
    world = build_world(len(sizes), seed, shared_entities)
    chosen = sorted(random.Random(f"{seed}/chosen").sample(range(len(sizes)),
                                                           min(PLANTED_STORIES, len(sizes))))
    planted_stories = [StoryMaker(world, seed, i, sizes[i]).make() for i in chosen]
    candidates = plant_candidates(planted_stories, world, answerable, abstain, seed)
    del planted_stories
    check = AmbiguityCheck(candidates)
    entity_records, events = 0, 0
    entity_ids: set[str] = set()
    for index, size in enumerate(sizes):
        story = StoryMaker(world, seed, index, size).make()
        events += write_story(out_dir, story)
        entity_records += len(story.entities)
        entity_ids.update(entity.id for entity in story.entities)
        for fact in story.facts:
            check.see(fact)
    planted = choose_planted(candidates, answerable, abstain, seed)
    with planted_path.open("w", encoding="utf-8") as out:
        for line in planted:
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    return ArchiveInfo(out_dir, planted_path, facts, len(sizes), entity_records,
                       len(entity_ids), events, shared_entities, seed,
                       round(time.perf_counter() - started, 2), planted)


def read_planted(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--facts", type=int, required=True, help="how many facts in all")
    parser.add_argument("--out", type=Path, required=True, help="the facts folder to write")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--planted", type=Path, help="default: planted.jsonl beside --out")
    parser.add_argument("--no-shared-entities", action="store_true",
                        help="give every story its own people, organisations and places")
    args = parser.parse_args(argv)
    info = generate_archive(args.out, args.facts, args.seed, planted_path=args.planted,
                            shared_entities=not args.no_shared_entities)
    print(f"{info.facts} facts in {info.stories} stories, {info.entities} entities "
          f"({info.entity_records} records), {info.events} timeline events, "
          f"in {info.seconds:.1f} s -> {info.facts_dir}")
    print(f"{info.answerable} answerable and {info.abstain} no-answer planted questions "
          f"-> {info.planted_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
