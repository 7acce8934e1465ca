"""Facts about the story itself (byline, outlet, publication date, headline).

They come from the story record rather than the article's text, so every story gets
them without a curator writing them again.
"""

from __future__ import annotations

from bot.factbase.models import PLACEHOLDER_AUTHORS, Fact, Story, format_date

NOT_IN_STORY = "-not-in-story"  # the id suffix of the fact holding unanswerable questions
SUMMARY = "-summary"  # the id suffix of the fact saying what the story is about
# The id suffixes of the facts every story gets from its record: who wrote it, when and
# where it ran, its headline.
BYLINE, PUBLISHED, OUTLET, HEADLINE = "-byline", "-published", "-outlet", "-headline"
RECORD_SUFFIXES = (BYLINE, PUBLISHED, OUTLET, HEADLINE)


def is_not_in_story(fact_id: str) -> bool:
    """Whether a fact id is a story's list of questions it does not answer: the engine
    declines when it is the best match, and never offers it as an answer."""
    return fact_id.endswith(NOT_IN_STORY)


def record_kind(fact: Fact) -> str | None:
    """Which of its story's record facts a fact is (its id suffix), or None."""
    for suffix in RECORD_SUFFIXES:
        if fact.id == f"{fact.story_id}{suffix}":
            return suffix
    return None


def headline(story: Story) -> str:
    for line in story.article_text.splitlines():
        if line.strip():
            return line.strip()
    return story.title


def lead(story: Story) -> str:
    """The article's first paragraph after its headline: what a wire story says it is about."""
    first = headline(story)
    for line in story.article_text.splitlines():
        line = line.strip()
        if line and line != first and line != story.title:
            return line
    return first


def _byline_answer(story: Story, contributors: str) -> str:
    # A placeholder ("Unknown") is reported by check; readers never see it as a name.
    if story.author.casefold() in PLACEHOLDER_AUTHORS:
        return f"The story appeared in {story.outlet} without a byline{contributors}."
    return f"The story was written by {story.author} for {story.outlet}{contributors}."


def story_record_facts(story: Story) -> list[Fact]:
    quote = headline(story)
    contributors = ""
    if story.contributors:
        names = list(story.contributors)
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        contributors = f", with {joined} contributing"
    published = f"{story.published.strftime('%A')}, {format_date(story.published, 'day')}"
    return [
        Fact(
            id=f"{story.id}{BYLINE}",
            story_id=story.id,
            answer=_byline_answer(story, contributors),
            quote=quote,
            questions=(
                "Who wrote this story?",
                "Who is the author of the article?",
                "Whose byline is on this piece?",
                "Which journalist wrote it?",
                "Who is the reporter?",
            ),
        ),
        Fact(
            id=f"{story.id}{PUBLISHED}",
            story_id=story.id,
            answer=f"The story was published by {story.outlet} on {published}.",
            quote=quote,
            date=story.published,
            date_text="publication date",
            date_precision="day",
            questions=(
                "When was this story published?",
                "What date did the article come out?",
                "When did it appear?",
                "When was the article written?",
            ),
        ),
        Fact(
            id=f"{story.id}{OUTLET}",
            story_id=story.id,
            answer=f"The story appeared in {story.outlet}.",
            quote=quote,
            questions=(
                "Where was this story published?",
                "Which outlet published the article?",
                "What publication is this from?",
                "Which news site ran the story?",
                "What is the source of this story?",
            ),
        ),
        Fact(
            id=f"{story.id}{HEADLINE}",
            story_id=story.id,
            answer=f"The story's headline is “{story.title}”.",
            quote=quote,
            questions=(
                "What is the headline?",
                "What is the title of the article?",
                "What is the story called?",
            ),
        ),
        *not_in_story_facts(story),
    ]


def summary_fact(story: Story) -> Fact:
    """What the story is about, from its record: its lead paragraph. Not indexed (its lead is
    usually a curated fact already, and a twin would crowd that fact's questions); the engine
    gives it to "what is this story about?" when no fact is curated for that question."""
    return Fact(id=f"{story.id}{SUMMARY}", story_id=story.id,
                answer=f"The story “{story.title}” reports: {lead(story)}", quote=lead(story),
                questions=("What is this story about?",))


def not_in_story_facts(story: Story) -> list[Fact]:
    """The questions a curator marked as ones the story does not answer, as one fact whose
    phrasings they are: matched like any fact's, so that rewordings are declined too."""
    if not story.unanswerable:
        return []
    return [Fact(id=f"{story.id}{NOT_IN_STORY}", story_id=story.id,
                 answer="The story doesn't say.", quote=headline(story),
                 questions=story.unanswerable)]
