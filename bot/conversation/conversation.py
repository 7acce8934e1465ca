"""One turn of a conversation: read the follow-up against the context, ask the engine (or
route to the timeline, the people of the story, its source), remember the turn.

A question that does not lean on the context (no pronoun, not a bare "why?", not "and
X?", not "tell me more") is answered exactly as the engine alone answers it.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from typing import Any

from bot.conversation import phrases
from bot.conversation.book import Book, book_of
from bot.conversation.context import Context, Pending, Turn
from bot.conversation.related import next_related
from bot.engine.answer import Answer
from bot.engine.engine import asks_what_story_says, headed_with

MAX_CHOICES = 4
AMBIGUOUS = "ambiguous"
_NOT_QUESTIONS = frozenset({"empty", "greeting", "help"})


@dataclass(frozen=True)
class Choice:
    name: str
    question: str  # what to ask when the reader picks this one


@dataclass(frozen=True)
class FollowUp:
    """What a turn was taken to mean, for the reader ("Taking 'he' as Mike Pompeo") and for
    scripts (`kind`, `taken_as`)."""

    kind: str  # pronoun | ellipsis | same-question | more | who-said | intent | ask-which
    note: str
    taken_as: str = ""  # the question asked, or the feature routed to
    choices: tuple[Choice, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Reply:
    answer: Answer
    follow_up: FollowUp | None = None

    def to_dict(self) -> dict[str, Any]:
        return {**self.answer.to_dict(),
                "follow_up": self.follow_up.to_dict() if self.follow_up else None}


def converse(engine, context: Context, text: str, story: str | None = None) -> Reply:
    """The reply to one turn; the context remembers it."""
    return _Turn(engine, book_of(engine), context, story or context.story).reply(text)


def answer_choice(engine, context: Context, word: str, choice: Choice,
                  story: str | None = None) -> Reply:
    """The reply when the reader picks whom a pronoun meant (a button on Discord)."""
    context.pending = None
    turn = _Turn(engine, book_of(engine), context, story or context.story)
    return turn._ask(choice.question, FollowUp("pronoun", f"Taking '{word}' as {choice.name}",
                                               choice.question))


class _Turn:
    def __init__(self, engine, book: Book, context: Context, story: str | None) -> None:
        self.engine, self.book, self.context, self.story = engine, book, context, story

    # -- reading the turn ---------------------------------------------------------------

    def reply(self, text: str) -> Reply:
        normalised = phrases.normalise(text)
        pending, self.context.pending = self.context.pending, None
        if pending is not None:
            picked = _pick(pending, normalised)
            if picked is not None:
                return self._ask(picked.question, FollowUp(
                    "pronoun", f"Taking '{pending.word}' as {picked.name}", picked.question))
        intent = phrases.intent_of(normalised)
        if intent is not None:
            routed = self._intent(intent, text)
            if routed is not None:
                return routed
        last = self.context.last
        if last is None:
            return self._ask(text)
        wh = phrases.ellipsis_of(normalised)
        if wh is not None:
            return self._ellipsis(wh, last)
        answered = self.context.last_answered
        if answered is not None and phrases.asks_who_said(normalised):
            return self._who_said(answered)
        if answered is not None and phrases.asks_more(normalised):
            return self._more(answered)
        subject = phrases.same_for(normalised)
        if subject is not None:
            repeated = self._same_for(subject, text, last)
            if repeated is not None:
                return repeated
        return self._pronouns(text)

    # -- asking the engine ----------------------------------------------------------------

    def _ask(self, question: str, follow_up: FollowUp | None = None) -> Reply:
        answer = self.engine.ask(question, story=self.story)
        if answer.reason == "which-story" and self.story is None:
            # "Who wrote this article?" with several stories: the one this conversation is
            # about, if it is about one.
            story = self._intent_story()
            if story is not None:
                answer = self.engine.ask(question, story=story)
        if follow_up is not None:
            answer = replace(answer, question=question)
        self._remember(question, answer.fact_id if answer.answered else None, answer)
        return Reply(answer, follow_up)

    def _remember(self, question: str, fact_id: str | None, answer: Answer | None = None,
                  event_id: str | None = None) -> Turn:
        story = self.story
        if answer is not None and answer.reason in _NOT_QUESTIONS:
            return Turn(question=question)  # "hello" gives a follow-up nothing to lean on
        if answer is not None and answer.story:
            story = answer.story["id"]
        # A declined question is remembered too: "and Trump?" may repeat it.
        turn = Turn(question=question, story=story, fact_id=fact_id, event_id=event_id)
        self.context.remember(turn)
        return turn

    def details(self, turn: Turn) -> Turn:
        """The turn with what follow-ups lean on read in (once)."""
        if turn.read:
            return turn
        analysis = self.engine.analyzer_for(self.story).analyze(turn.question)
        turn.question_word = analysis.question_word
        turn.named = tuple(dict.fromkeys(
            e for e in analysis.entities if self.book.in_story(e, turn.story)))
        fact = self.engine.fact(turn.fact_id) if turn.fact_id else None
        if fact is not None:
            turn.fact_entities = fact.entities
            turn.speaker = fact.speaker
            turn.date, turn.when = fact.date, fact.when()
            turn.story = fact.story_id
        turn.read = True
        return turn

    # -- "why?", "when?", "how many?" -------------------------------------------------------

    def _ellipsis(self, wh: str, last: Turn) -> Reply:
        last = self.details(last)
        if wh == "when" and last.date is not None and last.fact_id:
            fact = self.engine.answer_fact(last.fact_id, f"when? ({last.question})")
            if fact is not None:
                when = last.when or ""
                answer = replace(fact, answer=headed_with(when, fact.answer or ""))
                self._remember(last.question, last.fact_id, answer)
                return Reply(answer, FollowUp("ellipsis", f"Taking 'when?' as when that "
                                              f"happened: {when}", last.question))
        if wh == "when" and not last.fact_id:
            return self._ask(f"when {_without_question_word(last.question)}")
        question = f"{wh} {_without_question_word(last.question)}"
        return self._ask(question, FollowUp("ellipsis", f"Taking '{wh}?' as “{question}?”",
                                            question))

    # -- "who said that?" -------------------------------------------------------------------

    def _who_said(self, last: Turn) -> Reply:
        last = self.details(last)
        fact = self.engine.answer_fact(last.fact_id, "who said that?")
        if fact is None:
            return self._ask("who said that?")
        note = FollowUp("who-said", f"Taking 'that' as: {fact.answer}", "speaker")
        if not last.speaker:
            return Reply(Answer(question="who said that?", answered=False, reason="no-speaker",
                                message="The story says that itself: it quotes nobody for "
                                "it."), note)
        speaker = self.book.name(last.speaker, last.story)
        quote = (fact.quote or "").strip("“”\" ")
        answer = replace(fact, answer=f"{speaker} said it: “{quote}”", speaker=speaker)
        return Reply(answer, note)

    # -- "tell me more" ----------------------------------------------------------------------

    def _more(self, last: Turn) -> Reply:
        last = self.details(last)
        anchor = last.more_of or last.fact_id
        fact_id = next_related(self.engine, anchor, set(self.context.shown))
        if fact_id is None:
            return Reply(Answer(question="tell me more", answered=False, reason="no-more",
                                message="That is all the story says about it."),
                         FollowUp("more", "Taking 'tell me more' as more about the last "
                                  "answer", "related fact"))
        answer = self.engine.answer_fact(fact_id, "tell me more")
        self._remember(last.question, fact_id, answer).more_of = anchor
        return Reply(answer, FollowUp("more", "Taking 'tell me more' as more about the last "
                                      "answer", "related fact"))

    # -- "and Trump?" ------------------------------------------------------------------------

    def _same_for(self, subject: str, text: str, last: Turn) -> Reply | None:
        last = self.details(last)
        typed = _typed_subject(text, subject)
        wanted = [e for e in self.engine.analyzer_for(self.story).analyze(typed).entities
                  if self.book.in_story(e, last.story)]
        kinds = {self.book.kind(e, last.story) for e in wanted}
        replaced = [e for e in last.named if e not in wanted
                    and self.book.kind(e, last.story) in kinds]
        if not replaced and len(last.named) == 1 and last.named[0] not in wanted:
            replaced = list(last.named)
        for entity_id in replaced:
            entity = self.book.entity(entity_id, last.story)
            names = sorted(entity.all_names() if entity else (), key=len, reverse=True)
            for name in names:
                pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)
                if pattern.search(last.question):
                    question = pattern.sub(lambda _: typed, last.question, count=1)
                    return self._ask(question, FollowUp(
                        "same-question", f"Taking '{text.strip()}' as “{question}”",
                        question))
        return None

    # -- pronouns ------------------------------------------------------------------------------

    def _pronouns(self, text: str) -> Reply:
        words = phrases.words_of(text)
        found = _pronoun_positions(words)
        if not found or self._last_was_about_the_story():
            # "Who wrote it?" after "what is this story about?": "it" is the story.
            return self._ask(text)
        named_kinds: set[str] | None = None
        question, notes = text, []
        each: tuple[str, list[str]] | None = None
        for word, position in found:
            if word in phrases.DATE_WORDS:
                date_turn = self._last_dated()
                if date_turn is None:
                    continue
                preceded = position > 0 and words[position - 1] in _PREPOSITIONS
                phrase = date_turn.when if preceded else f"on {date_turn.when}"
                question = _substitute(question, word, phrase)
                notes.append(f"'{word}' as {date_turn.when}")
                continue
            tiers = phrases.PRONOUN_KINDS.get(word) or phrases.PRONOUN_KINDS["it"]
            if named_kinds is None:
                named = self.engine.analyzer_for(self.story).analyze(text).entities
                named_kinds = {self.book.kind(e, self.story) for e in named}
            if any(named_kinds & set(kinds) for kinds in tiers[:1]):
                continue  # "what did Pompeo say about his ...": the question names him
            referents, together = self._referents(word, tiers)
            if not referents:
                continue
            story = self.context.last.story if self.context.last else self.story
            names = [self.book.name(e, story) for e in referents]
            if len(referents) > 1 and not together:
                return self._ask_which(word, text, names)
            name = " and ".join(names)
            if len(referents) > 1:
                each = (word, names)
            if word == "there":
                preceded = position > 0 and words[position - 1] in _PREPOSITIONS
                phrase = name if preceded else f"in {name}"
            elif word in phrases.POSSESSIVES or (word == "her" and _possessive_her(words,
                                                                               position)):
                phrase = f"{name}'s"
            else:
                phrase = name
            question = _substitute(question, word, phrase)
            notes.append(f"'{word}' as {name}")
        if not notes:
            return self._ask(text)
        follow = FollowUp("pronoun", "Taking " + ", ".join(notes), question)
        if each is not None:
            return self._each(each[0], text, each[1], question, follow)
        return self._ask(question, follow)

    def _each(self, word: str, text: str, names: list[str], question: str,
              follow: FollowUp) -> Reply:
        """"Why did they oppose it?" after two groups: the answer for each, once each."""
        joined_names = " and ".join(names)
        answers = []
        for name in names:
            one = question.replace(joined_names, name, 1)
            answer = self.engine.ask(one, story=self.story)
            if answer.answered and all(a.fact_id != answer.fact_id for a in answers):
                answers.append(answer)
        if len(answers) < 2:
            return self._ask(question, follow)
        joined = replace(answers[0], question=question,
                         answer=" ".join(a.answer for a in answers), alternatives=[])
        self._remember(question, joined.fact_id, joined)
        return Reply(joined, follow)

    def _last_was_about_the_story(self) -> bool:
        last = self.context.last_answered
        return last is not None and asks_what_story_says(
            self.engine.analyzer_for(self.story).analyze(last.question))

    def _last_dated(self) -> Turn | None:
        for turn in self.context.recent_turns():
            turn = self.details(turn)
            if turn.date is not None:
                return turn
        return None

    def _referents(self, word: str, tiers) -> tuple[list[str], bool]:
        """The entities a pronoun can stand for, and whether they stand together ("they" for
        the two groups a who-question was answered with)."""
        plural = word in phrases.PLURAL_PRONOUNS
        for turn in self.context.recent_turns():
            turn = self.details(turn)
            for kinds in tiers:
                found, together = pronoun_focus(self.book, turn, kinds, plural)
                if found:
                    return found[:MAX_CHOICES], together
        return [], False

    def _ask_which(self, word: str, text: str, names: list[str]) -> Reply:
        choices = tuple(Choice(name, _substitute(text, word, f"{name}'s"
                                                 if word in phrases.POSSESSIVES else name))
                        for name in names)
        self.context.pending = Pending(word, tuple((c.name, c.question) for c in choices))
        listed = ", ".join(names[:-1]) + " or " + names[-1]
        message = f"Who do you mean by '{word}': {listed}?"
        return Reply(Answer(question=text, answered=False, reason=AMBIGUOUS, message=message),
                     FollowUp("ask-which", message, "", choices))

    # -- requests that are not questions about one fact --------------------------------------

    def _intent_story(self) -> str | None:
        if self.story:
            return self.story
        last = self.context.last
        if last is not None and last.story:
            return last.story
        if len(self.book.stories) == 1:
            return next(iter(self.book.stories))
        return None

    def _intent(self, intent: str, text: str) -> Reply | None:
        from bot.conversation import intents

        story = self._intent_story()
        follow = FollowUp("intent", f"Taking '{text.strip()}' as the story's {intent}"
                          .replace("story's next", "next event").replace(
                              "story's before", "event before").replace(
                              "story's same-day", "events of the same day"), intent)
        if intent in ("next", "before", "same-day"):
            last = self.context.last_answered
            if last is None:
                return None
            last = self.details(last)
            found = intents.neighbours(self.book, last, intent)
            if found is None:
                return Reply(Answer(question=text, answered=False, reason="no-event",
                                    message="The story's timeline has nothing "
                                    + ("after" if intent == "next" else "before" if intent ==
                                       "before" else "else on") + " that."), follow)
            answer_text, event = found
            if intent == "same-day":
                follow = replace(follow, note=f"Taking 'then' as {last.when}")
            answer = Answer(question=text, answered=True, answer=answer_text, score=100.0,
                            date=event.date.isoformat(), date_text=event.date_text,
                            when=event.when())
            fact_id = event.facts[0] if event.facts else None
            self.context.remember(Turn(question=event.title, story=event.story_id,
                                       fact_id=fact_id, event_id=event.id))
            return Reply(answer, follow)
        if intent == "summary":
            answer = self.engine.ask(text, story=story)
            if answer.answered:
                self._remember(text, answer.fact_id, answer)
                return Reply(answer, follow)
        if story is None and intent != "timeline":
            return Reply(Answer(question=text, answered=False, reason="which-story",
                                message="Which story? Ask in a story's channel, or name it "
                                "(--story, or the story option)."), follow)
        answer_text = intents.render(self.engine, self.book, intent, story)
        return Reply(Answer(question=text, answered=True, answer=answer_text, score=100.0,
                            story=None), follow)


# -- helpers ------------------------------------------------------------------------------

_PREPOSITIONS = frozenset("in at from to near over into inside outside across around on by "
                          "since until during".split())


def pronoun_focus(book: Book, turn: Turn, kinds: tuple[str, ...], plural: bool
           ) -> tuple[list[str], bool]:
    """Who a pronoun of these kinds most likely means in one turn: the answer to a
    who/where question, else whom the question named, else whom the fact names."""
    def fits(entity_id):
        return book.kind(entity_id, turn.story) in kinds

    named = [e for e in turn.named if fits(e)]
    in_fact = [e for e in turn.fact_entities if fits(e) and e not in named]
    if turn.speaker and fits(turn.speaker) and turn.speaker not in named \
            and turn.speaker not in in_fact:
        in_fact.insert(0, turn.speaker)
    answer_kinds = {"who": ("person", "group", "organisation"), "name": ("person",),
                    "where": ("place",)}.get(turn.question_word or "", ())
    if in_fact and set(kinds) & set(answer_kinds):
        # The reader asked for this one: the answer is what they now talk about.
        first = in_fact[0]
        if turn.speaker in in_fact:
            first = turn.speaker
        if plural:
            kind = book.kind(first, turn.story)
            run = [e for e in in_fact if book.kind(e, turn.story) == kind]
            return run, True
        return [first], False
    if named:
        return named, plural
    if turn.speaker in in_fact:
        return [turn.speaker], False
    return in_fact, False


def _pronoun_positions(words: list[str]) -> list[tuple[str, int]]:
    found, seen = [], set()
    for position, word in enumerate(words):
        if word in seen:
            continue
        if word in phrases.PRONOUN_KINDS:
            if word == "there" and _existential_there(words, position):
                continue
        elif word in phrases.DATE_WORDS:
            if position == 0:
                continue  # "then why ...": not a time
        elif word in phrases.DEMONSTRATIVES:
            following = words[position + 1] if position + 1 < len(words) else None
            if following is not None and following not in phrases.DEMONSTRATIVE_FOLLOWERS:
                continue  # "that vote": a determiner
            if position > 0 and words[position - 1] in ("so", "like", "is", "about"):
                continue
        else:
            continue
        seen.add(word)
        found.append((word, position))
    return found


def _existential_there(words: list[str], position: int) -> bool:
    """"were there police ...?", "there is ...": no place meant."""
    following = words[position + 1] if position + 1 < len(words) else None
    if following in phrases.BE_WORDS:
        return True
    previous = words[position - 1] if position > 0 else None
    return previous in phrases.BE_WORDS and following is not None and position <= 3


def _possessive_her(words: list[str], position: int) -> bool:
    following = words[position + 1] if position + 1 < len(words) else None
    return following is not None and following not in phrases.NOT_A_NOUN


def _substitute(text: str, word: str, phrase: str) -> str:
    return re.sub(rf"(?<![\w'’]){re.escape(word)}(?![\w'’])", lambda _: phrase, text,
                  count=1, flags=re.IGNORECASE)


def _without_question_word(question: str) -> str:
    words = phrases.words_of(question)
    if words and words[0] in phrases.LEADING_WH:
        first = words.pop(0)
        if first == "how" and words and words[0] in phrases.COUNT_FOLLOWERS:
            words.pop(0)
    return " ".join(words)


def _typed_subject(text: str, subject: str) -> str:
    """The subject of "and X?" as the reader typed it (their capitals, no question mark)."""
    stripped = text.strip().rstrip("?!. ")
    if stripped.lower().endswith(subject):
        return stripped[len(stripped) - len(subject):]
    return subject


def _pick(pending: Pending, normalised: str) -> Choice | None:
    """The choice a reader's reply to "who do you mean?" picks: its number or its name."""
    if normalised.isdigit() and 1 <= int(normalised) <= len(pending.choices):
        name, question = pending.choices[int(normalised) - 1]
        return Choice(name, question)
    matches = [Choice(name, question) for name, question in pending.choices
               if normalised and (normalised in name.lower()
                                  or any(w in phrases.words_of(name)
                                         for w in normalised.split() if len(w) > 2))]
    return matches[0] if len(matches) == 1 else None
