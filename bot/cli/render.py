"""Plain-text rendering of answers and timelines for a terminal."""

from __future__ import annotations

from bot.engine.answer import Answer
from bot.factbase.models import Event


def render_answer(answer: Answer) -> str:
    if not answer.answered:
        lines = [answer.message or "I don't know."]
        if answer.alternatives:
            lines.append("Did you mean:")
            lines.extend(f"  - {alt.question or alt.answer}  [{alt.fact_id}]"
                         for alt in answer.alternatives)
        return "\n".join(lines)
    lines = [answer.answer or ""]
    if answer.quote:
        lines.append(f"  “{answer.quote.strip('“”')}”")
    source = answer.story["source"] if answer.story else ""
    by_meaning = " (matched by meaning)" if answer.method == "semantic" else ""
    lines.append(f"  — {source} · fact {answer.fact_id} · confidence {answer.score:.0f}/100"
                 + by_meaning)
    return "\n".join(lines)


def render_reply(reply) -> str:
    """An answer in a conversation, with what a follow-up was taken to mean above it."""
    text = render_answer(reply.answer)
    note = reply.follow_up.note if reply.follow_up else None
    if note and reply.answer.reason != "ambiguous":
        return f"({note})\n{text}"
    if reply.follow_up and reply.follow_up.choices:
        return text + "\n" + "\n".join(f"  {number}. {choice.name}" for number, choice
                                         in enumerate(reply.follow_up.choices, 1))
    return text


def render_timeline(events: list[Event]) -> str:
    if not events:
        return "No dated events."
    width = max(len(e.when()) for e in events)
    return "\n".join(f"{e.when():<{width}}  {e.title}" for e in events)
