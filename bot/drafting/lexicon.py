"""The words the draft writer knows by meaning: one named list per meaning, read by the
rules in names, dates, sentences, speakers and story. To teach the draft writer a word,
add it here; the patterns beside each rule are built from these lists.

Calendar words come from bot.language.lexicon, which the question analyser reads too.
Lists that belong together are kept consistent by tests/drafting/test_lexicon.py.
"""

from __future__ import annotations

from bot.language import lexicon as language

# -- calendar (dates) ---------------------------------------------------------------------

# Capitalised as articles write them; month names are matched case-sensitively there,
# because "may" is far more often a verb than a month.
MONTHS = tuple(month.capitalize() for month in language.MONTHS)
WEEKDAYS = tuple(day.capitalize() for day in language.WEEKDAYS)
# Short forms and their month numbers: the first three letters, and "Sept". "May" has none.
MONTH_ABBREVIATIONS = {
    **{month[:3]: number for number, month in enumerate(MONTHS, start=1) if month[:3] != month},
    "Sept": 9,
}
# Words before a month or year that make it a date ("in March", "since 2004").
DATE_PREPOSITIONS = ("in", "since", "during", "until", "by", "from", "to", "of", "before",
                     "after", "around", "circa", "early", "late")

# -- titles and jobs (names, story) -------------------------------------------------------

# Capitalised titles that introduce a person's name: offices, which name one holder
# ("the Secretary of State"), and occupations and courtesy titles, which name nobody alone
# ("Journalist", "Mr").
OFFICE_TITLES = (
    "Secretary of State", "Secretary of Defense", "Secretary of Defence", "Defense Secretary",
    "Defence Secretary", "Foreign Secretary", "Home Secretary", "Secretary-General",
    "Secretary General", "Attorney General", "Prime Minister", "Deputy Prime Minister",
    "Foreign Minister", "Defense Minister", "Defence Minister", "Interior Minister",
    "Finance Minister", "Vice President", "Supreme Leader", "President", "Minister",
    "Secretary", "Senator", "Sen", "Representative", "Rep", "Congressman", "Congresswoman",
    "Governor", "Gov", "Mayor", "Chancellor", "King", "Queen", "Prince", "Princess", "Pope",
    "Ayatollah", "General", "Gen", "Lt Gen", "Maj Gen", "Brig Gen", "Colonel", "Col",
    "Lieutenant", "Captain", "Capt", "Sergeant", "Sgt", "Admiral", "Adm", "Commander",
    "Director", "Ambassador", "Judge", "Sheikh",
)
# Titles of address: never a description of their own ("Mr Smith" is not "a Mr").
COURTESY_TITLES = frozenset({"Mr", "Mrs", "Ms", "Dr"})
OCCUPATION_TITLES = (
    "Mr", "Mrs", "Ms", "Dr", "Professor", "Prof",
    "Journalist", "Reporter", "Correspondent", "Spokesman", "Spokeswoman", "Spokesperson",
    "Lawmaker",
)
# Short forms of titles, and the word a description uses instead.
TITLE_WORDS = {"Rep": "Representative", "Sen": "Senator", "Gov": "Governor", "Gen": "General",
               "Lt Gen": "Lieutenant General", "Maj Gen": "Major General",
               "Brig Gen": "Brigadier General", "Col": "Colonel", "Capt": "Captain",
               "Sgt": "Sergeant", "Adm": "Admiral", "Prof": "Professor"}
# Parts of a name written with a full stop that does not end the name ("Sen. Jane Roe",
# "Martin Luther King Jr."): courtesy titles, the words of short titles, "St", "Jr", "Sr".
DOTTED_NAME_WORDS = frozenset({*COURTESY_TITLES,
                               *(word for short in TITLE_WORDS for word in short.split()),
                               "St", "Jr", "Sr"})
# Lower-case job words that make the following name a person ("force commander Soleimani").
PERSON_WORDS = frozenset("""
    president minister secretary commander general journalist reporter correspondent spokesman
    spokeswoman spokesperson senator lawmaker leader chief ambassador director official analyst
    professor author writer editor chairman chairwoman ceo founder activist cleric judge
    governor mayor colonel captain sergeant lieutenant officer soldier diplomat envoy aide
    adviser advisor premier executive commissioner inspector nurse mediator
    teacher schoolteacher passenger pilot doctor driver farmer worker student resident
    volunteer firefighter lawyer engineer manager owner researcher economist
""".split())
# Job titles that are no entity alone ("CFO"), besides the titles and PERSON_WORDS; unlike
# those they do not make the next name a person.
OTHER_JOB_NAMES = frozenset({"cfo", "coo", "cto"})

# -- kinds of names (names) ---------------------------------------------------------------

# Words that make a name an organisation even when it is followed by "said".
ORGANISATION_WORDS = frozenset("""
    department ministry house press council agency office times army force forces group party
    union bank company inc corp university committee commission court parliament congress
    senate government administration organization organisation association institute
    foundation guard police network news post journal service services board bureau authority
    fund league movement front brigade corps state states nations command hospital clinic
    school college academy museum trust chamber federation confederation
""".split())
# Last words that make a name a place, a document or an event.
PLACE_ENDINGS = frozenset("""
    airport city province street river sea square base island islands county district region
    valley mountains gulf strait border bay lake
""".split())
# Place nouns that name the place after "of" ("the port of Dorvik", "the inland city of
# Dunmere") or the name before them in lower case ("the Kellmoor valley").
PLACE_NOUNS = frozenset("""
    port city town village hamlet district region province county country capital island
    municipality suburb borough parish valley wetland coast harbour harbor estuary peninsula
""".split())
# Prepositions of place: "in Saltmere", "near Brask" (an organisation is rarely "near").
PLACE_PREPOSITIONS = ("in", "near", "outside", "across", "throughout")
# Words before "in" that make what follows a company, not a place ("shares in Rijnvracht").
NOT_PLACE_BEFORE_IN = frozenset("""
    share shares stake stakes holding holdings invest invests invested investing investment
    investments interest interests confidence faith
""".split())
# What a place has and an organisation has not: "Vesterland's parliament".
PLACE_POSSESSIONS = ("government", "parliament", "cabinet", "capital", "prime minister",
                     "borders", "border", "coast", "coastline")
# First words of a place's name: "Port Selby", "Mount Keld", "Lake Orme".
PLACE_BEGINNINGS = frozenset({"Port", "Mount", "Lake", "Fort", "Cape", "Isle"})
DOCUMENT_ENDINGS = frozenset("act agreement treaty resolution report accord bill law "
                             "constitution convention deal plan".split())
EVENT_ENDINGS = frozenset("war summit conference olympics games election elections crisis "
                          "revolution attack attacks massacre uprising protest protests".split())
# Adjectives of nationality or faith, and the place each names ("" for none): "Iraqi" is
# not a name, "Iraqi parliament" may be.
DEMONYMS = {
    "Afghan": "Afghanistan", "American": "United States", "Arab": "", "Australian": "Australia",
    "Belgian": "Belgium", "Brazilian": "Brazil", "British": "United Kingdom",
    "Canadian": "Canada", "Chinese": "China", "Christian": "", "Danish": "Denmark",
    "Dutch": "Netherlands", "Egyptian": "Egypt", "Emirati": "United Arab Emirates",
    "English": "England", "European": "Europe", "French": "France", "German": "Germany",
    "Greek": "Greece", "Indian": "India", "Iranian": "Iran", "Iraqi": "Iraq", "Irish": "Ireland",
    "Israeli": "Israel", "Italian": "Italy", "Japanese": "Japan", "Jewish": "",
    "Jordanian": "Jordan", "Korean": "Korea", "Kurdish": "", "Kuwaiti": "Kuwait",
    "Lebanese": "Lebanon", "Libyan": "Libya", "Mexican": "Mexico", "Muslim": "",
    "Nigerian": "Nigeria", "Pakistani": "Pakistan", "Palestinian": "Palestine",
    "Polish": "Poland", "Qatari": "Qatar", "Russian": "Russia", "Saudi": "Saudi Arabia",
    "Scottish": "Scotland", "Shia": "", "Shiite": "", "Spanish": "Spain", "Sudanese": "Sudan",
    "Sunni": "", "Swedish": "Sweden", "Syrian": "Syria", "Taiwanese": "Taiwan",
    "Turkish": "Turkey", "Ukrainian": "Ukraine", "Venezuelan": "Venezuela", "Welsh": "Wales",
    "Yemeni": "Yemen",
}
# Names known to be places: the demonyms' places and these.
PLACES = frozenset({*filter(None, DEMONYMS.values()), "America", "Baghdad", "Tehran",
                    "Washington", "London", "Moscow", "Beijing", "Jerusalem", "Kabul",
                    "Damascus", "Kyiv", "Kiev", "Paris", "Berlin", "Brussels", "Syria",
                    "Middle East", "Gaza", "Crimea", "US", "USA", "UK"})
# Nouns after a demonym that name a body of people: the value is the entity kind.
GROUP_NOUNS = {
    "security forces": "group", "government": "organisation", "parliament": "organisation",
    "regime": "organisation", "military": "organisation", "army": "organisation",
    "navy": "organisation", "ministry": "organisation", "embassy": "organisation",
    "police": "organisation", "forces": "group", "troops": "group", "officials": "group",
    "lawmakers": "group", "legislators": "group", "authorities": "group", "leaders": "group",
    "majority": "group", "minority": "group", "militias": "group", "protesters": "group",
    "diplomats": "group", "soldiers": "group",
}

# -- the shape of names (names, sentences) ------------------------------------------------

# Capitalised only because they begin a sentence.
SENTENCE_STARTERS = frozenset("""
    the a an but and or so yet in on at about for if when while after before as it he she
    they we i you this that these those his her their our its my your there here some many
    more most much few all any each every no not also however meanwhile still then now what
    who why how where which with without from to by of over under since until during despite
    although though because even only just one two three four five six seven eight nine ten
    according among another both either neither last next other such than thus whether yes
""".split())
# Lower-case words inside a name ("Bank of England", "Osama bin Laden").
CONNECTORS = frozenset({"of", "de", "al", "bin", "van", "von", "der", "da", "du", "la", "le",
                        "del", "di"})
NAME_SUFFIXES = frozenset({"Jr", "Sr", "II", "III", "IV"})
# First words of names that hold a possessive: "St. Oran's Hospital", "King's College".
POSSESSIVE_NAME_STARTS = frozenset({"St", "Saint", "King", "Queen", "Lady", "Lord"})
# Words ending in a full stop that do not end a sentence (lower-cased).
ABBREVIATIONS = frozenset("""
    mr mrs ms dr st gen sen rep gov lt col sgt capt maj adm prof jr sr no vol vs etc inc corp
    ltd co jan feb mar apr jun jul aug sep sept oct nov dec fig approx est dept univ ave
    u.s u.k u.n e.u a.m p.m i.e e.g d.c
""".split())

# -- speech (names, speakers, story) ------------------------------------------------------

# Verb forms that attribute words to a speaker in an article ("Pompeo said", "he told").
# Not bot.language.lexicon.SPEECH_WORDS, which holds the words of a reader's question that
# ask what someone said (base forms, "respond", "reaction"): the meanings overlap in
# "said", "told" and a few more, but a word may belong to one list and not the other.
SPEECH_VERBS = ("said", "says", "say", "added", "adds", "stated", "states", "told", "tells",
                "wrote", "writes", "announced", "explained", "argued", "noted", "warned",
                "insisted", "claimed", "asked", "replied", "declared", "tweeted", "insists",
                "warns", "acknowledged", "confirmed", "denied", "urged")
# Speech verbs that may come before their speaker ("..., said Pompeo").
INVERTIBLE_VERBS = frozenset({"said", "says", "added", "adds", "wrote", "asked", "explained",
                              "noted", "insisted", "warned", "declared"})
# Words right before a name that show it speaks ("said Jane Roe", "according to Jane Roe").
SPEAKER_BEFORE = ("said", "says", "added", "adds", "told", "according to")

# Words left out of fact ids: they tell nothing of the fact.
ID_STOPWORDS = frozenset("""
    a an the of to in on at for and or but that this with by from as is are was were be been
    has have had it its he she they we i his her their our will would could may also not
    said says say told according
""".split())
