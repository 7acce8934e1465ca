"""The words storybot knows by meaning: one named list per meaning, each used where that
meaning matters. To teach storybot a word, add it here (or, for a word that cues a kind of
question, to its row in question_kinds; for words that mean the same, to synonyms.toml).

Lists that belong together are kept consistent by tests/language/test_lexicon.py.
"""

from __future__ import annotations

from bot.language.question_kinds import FIRST_WORD_CUES, QUESTION_WORDS

# Words that carry no topic. Question words (question_kinds) are among them: they tell the
# kind of answer, which the analyzer reads before dropping them.
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
    use uses used need needs needed do doing done suppose supposed
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

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# Slang, texting spellings and abbreviations seen in chat, mapped before anything else;
# months by their first three letters ("jan"; "may" is a word).
CHAT_SPELLINGS = {
    "r": "are", "u": "you", "ur": "your", "hoo": "who", "wat": "what", "wot": "what",
    "wen": "when", "y": "why", "thru": "through",
    # Slips common enough online that an English word list holds them as words.
    "teh": "the", "hw": "how", "nite": "night", "tonite": "tonight",
    "yr": "year", "yrs": "years", "hr": "hour", "hrs": "hours", "mins": "minutes",
    "wk": "week", "wks": "weeks",
    **{month[:3]: month for month in MONTHS if month[:3] != month}, "sept": "september",
    "govt": "government", "gov": "government", "pres": "president",
    "whereabouts": "where", "w": "with", "b4": "before", "bc": "because", "cuz": "because",
    "abt": "about", "ppl": "people",
}

# Abbreviations of titles that news text spells out ("the CEO" asked of "chief executive
# Tomas Hallberg"): each is read as its words, in questions and facts alike, except where
# it follows a number and is a time of day ("7 p.m." is the tokens "7", "pm").
TITLE_ABBREVIATIONS = {
    "ceo": "chief executive", "cfo": "chief financial officer", "coo": "chief operating officer",
    "potus": "president", "gm": "general manager", "pm": "prime minister",
}
CLOCK_SUFFIXES = frozenset({"am", "pm"})

# Small counts as news writes them in words ("the other three were charged") and readers
# type them in digits ("the other 3"), or the other way round: each is read as its digits.
# "one" stays a word: it is far more often a pronoun ("which one?").
NUMBER_WORDS = {word: str(value) for value, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split()) if value > 1}

# Words of a person's description that make them the head of what it names ("president of
# the chamber", "general secretary of the union", "mayor of Caddon"): such a person answers
# "who runs / leads / heads it?", asked with LEADER's synonyms.
LEADERSHIP_WORDS = frozenset({
    "president", "chair", "chairman", "chairwoman", "chairperson", "director", "chief",
    "head", "leader", "governor", "mayor", "commander", "general",
})
LEADER = "leader"

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

# Forms of "to be": "against" after one is a verb ("who was against it?": opposed).
BE_VERBS = frozenset("is are was were be been being am isnt arent wasnt werent".split())

# Verbs that make a question about what someone said or did in reply: the fact must be
# that someone's ("What did Trump say...?" is not answered by Pompeo's words). A follow-up
# "who said that?" ("who claimed it?") asks who said the last answer (conversation).
SPEECH_WORDS = frozenset(
    "say said says saying tell told claim claimed claims state stated respond responded "
    "response react reacted reaction reply replied".split()
)

# -- what a fact's wording shows (fact_analysis) -----------------------------------------

# Words that state a count ("two ministers", "several hundred"), besides digits.
COUNT_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
               "dozen", "hundred", "thousand", "million", "billion", "several", "numerous")
# Words and phrases that place a statement in time, besides months, weekdays and years.
TIME_WORDS = ("today", "yesterday", "tomorrow", "week", "weeks", "month", "months", "year",
              "years", "days", "since", "ago")
# Words and phrases that speak of what will (or may) happen.
FUTURE_MARKERS = ("will", "would", "may", "might", "could", "plan", "plans", "planned",
                  "coming", "next", "future", "continue", "going to", "expected", "expects",
                  "expect",
                  # what is scheduled or hoped for ("is due to meet", "set to reopen")
                  "is due", "are due", "scheduled", "set to", "hopes",
                  "hoped", "aims", "intends", "promised", "pledged", "vowed", "forecast",
                  "until")
# Units a duration or a length is counted in: "how long?" is answered by "nine days",
# "a three-week search", "57 kilometres".
DURATION_UNITS = ("second", "minute", "hour", "day", "night", "week", "fortnight", "month",
                  "year", "decade", "century")
LENGTH_UNITS = ("millimetre", "centimetre", "metre", "kilometre", "millimeter", "centimeter",
                "meter", "kilometer", "mile", "km", "cm", "mm", "m", "foot", "feet", "inch")
# Ages by decade, as news gives them: "a couple in their seventies".
AGE_DECADES = ("teens", "twenties", "thirties", "forties", "fifties", "sixties", "seventies",
               "eighties", "nineties")
# Times of day, besides clock times ("9am", "10:30 p.m.", "o'clock").
TIMES_OF_DAY = ("morning", "afternoon", "evening", "night", "noon", "midnight", "dawn")

# -- small talk and chat (engine) --------------------------------------------------------

# A message made only of these is a greeting, not a question.
GREETING_WORDS = frozenset(
    "hi hello hey hiya yo howdy greetings morning afternoon evening good thanks thank thx ty "
    "you there bot storybot everyone all ok okay cool great nice".split()
)
# A chat message starting with one of these is a question even without "?": every question
# word, its chat spellings too ("whos the pm"), and the first words of yes/no questions.
QUESTION_OPENERS = frozenset(QUESTION_WORDS | FIRST_WORD_CUES | {"tell", "explain", "describe"})
# Words that negate: a yes/no answer is not settled with "Yes" when either side has one.
NEGATION = frozenset("not no never nor neither none nothing nobody without".split())
# Verbs that say something was refused or did not happen ("the trust refused to pay"): an
# answer holding one does not plainly affirm a yes/no question ("did they pay?").
DENIAL = frozenset("refuse refused refuses refusing reject rejected rejects rejecting deny denied "
                   "denies denying fail failed fails failing decline declined declines declining "
                   "cancel cancelled canceled cancels halt halted stop stopped postpone postponed "
                   "dismiss dismissed dismisses".split())
# Whole messages that ask for help.
# "What is this story about?": a question with no topic of its own, with one of each, asks
# what the story says (its words are stop words, so it matches no fact's terms).
STORY_WORDS = frozenset({"story", "article", "piece", "news", "report"})
# A paper "runs" or "carries" a story: before a story word, they mean it was published.
STORY_RUN_VERBS = frozenset({"run", "runs", "ran", "running", "carry", "carries", "carried"})
# Openings that ask for the gist of what follows them ("what's going on with the tunnel?",
# "tell me about the floods"): when nothing after them is more than the story's headline or
# lead names, the question asks what the story says.
OVERVIEW_OPENINGS = (
    "what's going on", "whats going on", "what is going on", "what's happening",
    "whats happening", "what is happening", "what happened", "tell me about",
    "give me a summary", "give me the gist", "fill me in", "catch me up", "what's the news",
    "whats the news", "what is the news", "what's new", "whats new",
)
ABOUT_WORDS = frozenset({"about", "summary", "summarise", "summarize", "gist"})

HELP_PHRASES = frozenset({
    "help", "what can you do", "how do i use this", "how do i use you", "how does this work",
    "commands", "how do i ask", "what do you know", "what can i ask", "what can i ask you",
})
