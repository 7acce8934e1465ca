"""The optional sentence model (storybot[semantic], which the test extra installs): what it
may answer, that it is pinned, that it is off cleanly, and that without it the engine is
the engine alone."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from bot.config import load_config
from bot.engine import semantic
from bot.engine.engine import Engine
from bot.engine.formulas import SemanticWeights, agreed_lead, clear_lead, fused_score
from bot.engine.scorer import Scored, ScoreParts
from bot.engine.settings import SEMANTIC_ENV, EngineSettings
from bot.factbase.models import Fact
from bot.index.store import ensure_index
from bot.language.analyzer import Analysis
from bot.language.question_kinds import HAS_DATE, HAS_NUMBER, STATES_DATE
from tests.conftest import DATA_DIR, ROOT

WEIGHTS = SemanticWeights()
# The rule's tables use weights of their own, round numbers to read sums by, so that a
# re-fit of the defaults changes no row.
TABLE = SemanticWeights(engine_scale=100.0, answer_cutoff=1.46, margin=0.05,
                        lead_points=18.0, lead_cosine=0.71, lead_least_score=45.0,
                        agreed_least_score=60.0, agreed_cosine=0.55, agreed_cosine_lead=0.10)
ON = EngineSettings(semantic=True)
OFF = EngineSettings(semantic=False)


@pytest.fixture(scope="module")
def light_index(tmp_path_factory) -> Path:
    """The bundled story as curated with everyday effort (3 questions a fact, 3 aliases an
    entity): where the engine declines most often."""
    work = tmp_path_factory.mktemp("light")
    return ensure_index(DATA_DIR / "light" / "facts", work / "i.db").db_path


@pytest.fixture(scope="module")
def light(light_index) -> Engine:
    return Engine.open(light_index, ON)


@pytest.fixture(scope="module")
def light_alone(light_index) -> Engine:
    return Engine.open(light_index, OFF)


# -- the rules, one table each ---------------------------------------------------------------


def _parts(fact_id: str, score: float, type_factor: float = 1.0, conflict: float = 1.0
           ) -> ScoreParts:
    fact = Fact(id=fact_id, story_id="s", answer=f"{fact_id}.", quote="")
    return ScoreParts(Scored(fact, score, 0.5, 0.5, 1), score, type_factor, conflict, 1.0)


def _judged(fact_id: str, score: float, cosine: float, of_kind: bool = True,
            names_all: bool = True, everyday: float | None = None) -> semantic.Judged:
    return semantic.Judged(_parts(fact_id, score), cosine,
                           fused_score(TABLE, score, cosine), of_kind, names_all, everyday)


@pytest.mark.parametrize("score, cosine, fused", [
    (60.0, 0.9, 1.5),
    (0.0, 0.7, 0.7),
    (69.9, 0.0, 0.699),
])
def test_the_fused_score_is_the_engine_score_over_its_scale_plus_the_cosine(score, cosine, fused):
    assert fused_score(TABLE, score, cosine) == pytest.approx(fused)


@pytest.mark.parametrize("judged, chosen", [
    ([], None),
    ([_judged("a", 60, 0.9)], "a"),  # 1.50
    ([_judged("a", 44, 0.99)], None),  # 1.43: under the cut-off, and no clear lead
    ([_judged("a", 60, 0.9, of_kind=False)], None),  # not of the kind asked for
    ([_judged("a", 60, 0.9, names_all=False)], None),  # lacks a name the question gives
    ([_judged("a", 60, 0.9), _judged("b", 60, 0.6)], "a"),  # 1.50, clear of 1.20
    ([_judged("a", 60, 0.9), _judged("b", 64, 0.84)], None),  # 1.50 and 1.48: a guess
    ([_judged("a", 50, 0.9), _judged("b", 66, 0.9)], "b"),  # the best fused, 1.56
    # The best is of another kind: not made up for by the next one.
    ([_judged("a", 66, 0.9, of_kind=False), _judged("b", 50, 0.9)], None),
])
def test_what_the_re_ranker_answers_with(judged, chosen):
    judged = sorted(judged, key=lambda j: -j.fused)
    found = semantic.choose(judged, TABLE)
    assert (found.parts.scored.fact.id if found else None) == chosen


@pytest.mark.parametrize("judged, chosen", [
    ([_judged("a", 60, 0.75)], "a"),  # fused 1.35, under the cut-off: alone, a full lead
    ([_judged("a", 60, 0.75), _judged("b", 40, 0.5)], "a"),  # 20 points ahead
    ([_judged("a", 60, 0.75), _judged("b", 45, 0.7)], None),  # only 15 ahead, read alike
    ([_judged("a", 44, 0.99)], None),  # fused 1.43; a score under 45
    ([_judged("a", 60, 0.70)], None),  # not close enough in meaning
    ([_judged("a", 60, 0.75), _judged("b", 40, 0.8)], None),  # the other reads closer
    ([_judged("a", 60, 0.75, of_kind=False)], None),
    ([_judged("a", 60, 0.75, names_all=False)], None),
    # Judged by the texts of everyday curation: close only to its tenth question is not close.
    ([_judged("a", 50, 0.9, everyday=0.6)], None),  # fused 1.40
    ([_judged("a", 60, 0.6, everyday=0.75)], "a"),
    ([_judged("a", 60, 0.75, everyday=0.75), _judged("b", 40, 0.9, everyday=0.5)], "a"),
])
def test_a_clear_lead_of_the_engine_is_answered_under_the_fused_cut_off(judged, chosen):
    judged = sorted(judged, key=lambda j: -j.fused)
    found = semantic.choose(judged, TABLE)
    assert (found.parts.scored.fact.id if found else None) == chosen
    assert found is None or found.fused < TABLE.answer_cutoff


def test_the_texts_of_everyday_curation_come_first():
    fact = Fact(id="f", story_id="s", answer="A.", quote="Q.",
                questions=["One?", "Two?", "A.", "Three?", "Four?"])
    every = semantic.fact_texts(fact)
    everyday = semantic.fact_texts(fact, semantic.EVERYDAY_QUESTIONS)
    assert everyday == ["A.", "Q.", "One?", "Two?"]  # the answer repeated counts once
    assert every[:len(everyday)] == everyday and every[-1] == "Four?"


@pytest.mark.parametrize("judged, chosen", [
    # near the threshold, and the model too puts it first by a clear margin
    ([_judged("a", 65, 0.6), _judged("b", 60, 0.45)], "a"),
    ([_judged("a", 65, 0.6), _judged("b", 60, 0.55)], None),  # 0.05 ahead: no agreement
    ([_judged("a", 59, 0.6), _judged("b", 50, 0.45)], None),  # not near enough
    ([_judged("a", 65, 0.5), _judged("b", 60, 0.3)], None),  # not close enough in meaning
    ([_judged("a", 65, 0.6)], None),  # nothing to agree against, and no clear lead
])
def test_an_agreed_lead_is_answered_under_the_fused_cut_off(judged, chosen):
    judged = sorted(judged, key=lambda j: -j.fused)
    found = semantic.choose(judged, TABLE)
    assert (found.parts.scored.fact.id if found else None) == chosen


@pytest.mark.parametrize("score, cosine, next_cosine, agrees", [
    (60.0, 0.55, 0.45, True),  # every bound met exactly
    (59.9, 0.9, 0.1, False),
    (70.0, 0.549, 0.1, False),
    (70.0, 0.7, 0.61, False),
    (70.0, 0.9, None, False),  # no other candidate
])
def test_agreed_lead(score, cosine, next_cosine, agrees):
    assert agreed_lead(TABLE, score, cosine, next_cosine) is agrees


@pytest.mark.parametrize("score, next_score, cosine, next_cosine, leads", [
    (45.0, None, 0.71, None, True),  # every bound met exactly
    (44.9, None, 0.9, None, False),
    (70.0, 52.0, 0.71, 0.71, True),  # a tie in meaning still leads
    (70.0, 52.1, 0.9, 0.5, False),  # 17.9 points ahead
    (70.0, 40.0, 0.709, 0.5, False),
    (70.0, 40.0, 0.8, 0.81, False),
])
def test_clear_lead(score, next_score, cosine, next_cosine, leads):
    assert clear_lead(TABLE, score, next_score, cosine, next_cosine) is leads


@pytest.mark.parametrize("missing, holds", [
    ((), True),
    (("~withdraw", "troop"), True),  # words meaning can stand in for
    (("@nato",), False),  # "how many NATO troops?" of the US troops' fact
    (("troop", "@nato"), False),
])
def test_a_fact_chosen_by_meaning_holds_every_name_the_question_gives(missing, holds):
    assert semantic.holds_every_name(replace(_parts("f", 60), missing=missing)) is holds


@pytest.mark.parametrize("scores, of_kind, worth", [
    ([60.0], [True], True),
    ([46.0], [True], True),  # 0.46 + a perfect cosine reaches 1.46
    ([45.9], [True], False),
    ([69.0], [False], False),  # none of the kind asked for
    ([69.0, 50.0], [False, True], True),
    ([], [], False),
])
def test_the_model_is_asked_only_when_a_candidate_could_be_answered(scores, of_kind, worth):
    parts = [_parts(f"f{i}", score) for i, score in enumerate(scores)]
    assert semantic.worth_judging(parts, of_kind, TABLE) is worth


class _Terms:
    """A fact's stored traits, as question_kinds reads them."""

    def __init__(self, *traits, actors=(), kinds=(), question_words=()):
        self.flags = sum(t.flag for t in traits)
        self.actors = actors
        self.entity_kinds = kinds
        self.question_words = question_words


def _analysis(kind: str | None) -> Analysis:
    return Analysis(text="", words=[], terms=[], question_word=kind)


@pytest.mark.parametrize("kind, fact, type_factor, of_kind", [
    ("when", _Terms(HAS_DATE, STATES_DATE), 1.0, True),
    ("when", _Terms(HAS_DATE), 1.0, True),  # its date only in the date field: heads the answer
    ("when", _Terms(), 1.0, False),
    ("how many", _Terms(HAS_NUMBER), 1.0, True),
    ("how many", _Terms(), 1.0, False),
    ("who", _Terms(actors=(("pompeo", "person"),)), 1.0, True),
    # Curated with a "who" question but naming nobody: the scorer waives it, meaning does not.
    ("who", _Terms(question_words=("who",)), 1.0, False),
    ("where", _Terms(kinds=("place",)), 1.0, True),
    ("where", _Terms(), 1.0, False),
    ("how old", _Terms(HAS_NUMBER), 1.0, False),  # a number, but nothing shows it is an age
    ("how long", _Terms(HAS_NUMBER), 1.0, False),  # nor a duration
    ("what", _Terms(), 1.0, True),
    ("yesno", _Terms(), 1.0, True),
    (None, _Terms(), 1.0, True),
    ("what", _Terms(), 0.55, False),  # the scorer found it of another kind
])
def test_a_fact_chosen_by_meaning_is_of_the_kind_asked_for(kind, fact, type_factor, of_kind):
    assert semantic.of_asked_kind(_parts("f", 60, type_factor), fact, _analysis(kind)) == of_kind


def test_a_fact_in_conflict_with_the_question_is_not_of_its_kind():
    assert not semantic.of_asked_kind(_parts("f", 60, 1.0, 0.6), _Terms(), _analysis("what"))


@pytest.mark.parametrize("answer, quote, questions, texts", [
    ("A.", "", (), ["A."]),
    ("A.", "Q said.", ("Who?", "Who?"), ["A.", "Q said.", "Who?"]),
    ("A.", "  ", ("When? ",), ["A.", "When?"]),
])
def test_a_fact_is_compared_by_its_answer_quote_and_curated_questions(answer, quote, questions,
                                                                      texts):
    fact = Fact(id="f", story_id="s", answer=answer, quote=quote, questions=questions)
    assert semantic.fact_texts(fact) == texts


# -- the model ------------------------------------------------------------------------------


def test_the_tokenizer_shipped_is_the_one_pinned():
    assert json.loads(semantic.tokenizer_json())["model"]["type"] == "WordPiece"


def test_the_model_pads_only_to_the_longest_input_and_gives_unit_vectors():
    model = semantic.sentence_model()
    assert model is not None
    vectors = model.embed(["Who opposed the resolution?", "Sunni and Kurdish lawmakers "
                           "opposed the resolution.", "The weather in Oslo."])
    assert vectors.shape == (3, 384)
    assert (abs((vectors ** 2).sum(axis=1) - 1) < 1e-4).all()
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2
    encoded = model._tokenizer.encode_batch(["a b", "a"])
    assert len(encoded[0].ids) == len(encoded[1].ids) == 4  # [CLS] a b [SEP]
    assert model.embed(["The weather in Oslo."])[0] @ vectors[2] == pytest.approx(1, abs=1e-5)


@pytest.fixture
def fresh_model():
    semantic.forget_model()
    yield
    semantic.forget_model()


def test_without_the_package_semantic_is_off_with_one_line(monkeypatch, caplog, fresh_model):
    monkeypatch.setattr(semantic, "MODEL_PACKAGE", "no_such_model_package")
    with caplog.at_level(logging.INFO, logger="storybot.semantic"):
        assert semantic.sentence_model() is None
        assert semantic.sentence_model() is None
    assert [r.getMessage() for r in caplog.records] == [
        "semantic re-ranking is off: the package no_such_model_package is not installed "
        "(pip install 'storybot[semantic]')"]


def test_a_model_file_not_matching_its_pin_is_not_run(monkeypatch, caplog, fresh_model,
                                                      light_index):
    monkeypatch.setattr(semantic, "MODEL_SHA256", "0" * 64)
    with caplog.at_level(logging.WARNING, logger="storybot.semantic"):
        engine = Engine.open(light_index, ON)
        answer = engine.ask("number of american soldiers stationed in iraq")
    assert not answer.answered and answer.method is None  # declined, as without the extra
    assert len(caplog.records) == 1 and "does not match its sha256" in caplog.text


def test_a_tokenizer_not_matching_its_pin_is_not_used(monkeypatch, caplog, fresh_model):
    monkeypatch.setattr(semantic, "TOKENIZER_SHA256", "0" * 64)
    with caplog.at_level(logging.WARNING, logger="storybot.semantic"):
        assert semantic.sentence_model() is None
    assert "does not match its sha256" in caplog.text


# -- in the engine --------------------------------------------------------------------------


def test_a_question_the_engine_would_decline_is_answered_by_meaning(light, light_alone):
    question = "number of american soldiers stationed in iraq"
    alone = light_alone.ask(question)
    assert not alone.answered and alone.reason == "below-threshold"
    answer = light.ask(question)
    assert answer.answered and "5,000" in answer.answer
    assert answer.method == "semantic"
    assert answer.score in [a.score for a in alone.alternatives]  # the engine's own
    assert answer.fused == pytest.approx(
        answer.score / WEIGHTS.engine_scale + answer.cosine, abs=1e-3)
    assert answer.fused >= WEIGHTS.answer_cutoff
    assert json.loads(json.dumps(answer.to_dict()))["method"] == "semantic"


@pytest.mark.parametrize("question", [
    "How old was Soleimani when he died?",  # close to his profile, which tells no age
    "What is the GDP of Iraq?",
    "Who won the football match?",
])
def test_what_the_story_does_not_say_stays_declined(light, question):
    assert not light.ask(question).answered


def test_answers_the_engine_gives_itself_are_unchanged(light, light_alone):
    """With the model or without, only declines can change; the engine alone marks none."""
    from bot.engine.calibrate import load_labelled

    changed = 0
    for item in load_labelled(DATA_DIR / "dev_questions.jsonl"):
        alone, answer = light_alone.ask(item["q"]), light.ask(item["q"])
        assert alone.method is None
        if answer.method == "semantic":
            assert not alone.answered
            changed += 1
        else:
            assert answer == alone
    assert changed


def test_the_sentence_model_keeps_wrong_answers_within_budget(light, light_alone):
    """On the labelled sets, lightly curated: more right, no more wrong than 2%."""
    from bot.engine.calibrate import is_correct_text, load_labelled

    for name in ("dev_questions.jsonl", "questions.jsonl", "holdout_questions.jsonl"):
        questions = load_labelled(DATA_DIR / name)
        tally = {}
        for engine, label in ((light_alone, "alone"), (light, "semantic")):
            right = wrong = 0
            for item in questions:
                answer = engine.ask(item["q"])
                if not answer.answered:
                    continue
                if not item.get("abstain") and is_correct_text(item, answer.answer):
                    right += 1
                else:
                    wrong += 1
            tally[label] = right, wrong
        assert tally["semantic"][0] > tally["alone"][0], (name, tally)
        assert tally["semantic"][1] <= max(tally["alone"][1], int(0.02 * len(questions))), (
            name, tally)


def test_an_answer_by_meaning_says_so_where_it_is_shown(light):
    from bot.cli.render import render_answer
    from bot.discord_app.render import answer_embed

    answer = light.ask("number of american soldiers stationed in iraq")
    assert "(matched by meaning)" in render_answer(answer)
    fields = {f["name"]: f["value"] for f in answer_embed(answer).to_dict()["fields"]}
    assert fields["Confidence"].endswith("matched by meaning")
    alone = replace(answer, method=None, cosine=None, fused=None)
    assert "meaning" not in render_answer(alone)


def test_why_shows_the_cosine_and_fused_score(light):
    from bot.engine.explain import explain

    found = explain(light, "number of american soldiers stationed in iraq")
    assert "by meaning" in found.reason and "cosine" in found.reason
    assert found.semantic and found.semantic_cutoff == WEIGHTS.answer_cutoff
    assert found.semantic[0].parts.scored.fact.id == found.answer.fact_id
    declined = explain(light, "How old was Soleimani when he died?")
    assert not declined.answer.answered and declined.semantic == []  # none of its kind


def test_why_says_when_the_model_confirmed_the_engines_own_best_fact(light):
    from bot.engine.explain import explain

    # under the fused cut-off: answered because the engine leads and the model agrees
    found = explain(light, "Which country was Soleimani a commander for?")
    assert found.answer.answered and found.answer.fused < WEIGHTS.answer_cutoff
    assert "the engine's best fact, as the sentence model confirms it" in found.reason
    assert found.semantic[0].parts.scored.fact.id == found.answer.fact_id


# -- turning it off -------------------------------------------------------------------------


@pytest.mark.parametrize("value, on", [
    (None, True), ("1", True), ("", True), ("0", False), ("false", False), ("OFF", False),
    ("no", False),
])
def test_the_environment_turns_it_off(monkeypatch, value, on):
    if value is None:
        monkeypatch.delenv(SEMANTIC_ENV, raising=False)
    else:
        monkeypatch.setenv(SEMANTIC_ENV, value)
    assert EngineSettings().semantic is on


@pytest.mark.parametrize("text, env, on", [
    ("", None, True),
    ("[engine]\nsemantic = false\n", None, False),
    ("[engine]\nsemantic = true\n", "0", False),  # the environment wins, for tests
])
def test_the_config_turns_it_off(tmp_path, monkeypatch, text, env, on):
    config = tmp_path / "config.toml"
    config.write_text(text)
    if env is None:
        monkeypatch.delenv(SEMANTIC_ENV, raising=False)
    else:
        monkeypatch.setenv(SEMANTIC_ENV, env)
    assert load_config(config).semantic is on


_PROBE = """
import json, sys
from bot.engine.engine import Engine
from bot.engine.settings import EngineSettings
engine = Engine.open(sys.argv[1], EngineSettings(semantic=sys.argv[2] == "on"))
answers = [engine.ask(q) for q in sys.argv[3:]]
print(json.dumps({"onnxruntime": "onnxruntime" in sys.modules,
                  "tokenizers": "tokenizers" in sys.modules,
                  "methods": [a.method for a in answers]}))
"""


def _probe(db: Path, mode: str, *questions: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop(SEMANTIC_ENV, None)
    done = subprocess.run([sys.executable, "-c", _PROBE, str(db), mode, *questions],
                          capture_output=True, text=True, env=env, timeout=120, check=True)
    return json.loads(done.stdout)


def test_without_semantic_the_engine_imports_nothing_of_the_model(light_index):
    found = _probe(light_index, "off", "number of american soldiers stationed in iraq",
                   "Who opposed the resolution?")
    assert found == {"onnxruntime": False, "tokenizers": False, "methods": [None, None]}


def test_the_model_is_loaded_only_by_a_question_that_needs_it(light_index):
    # Answered; small talk; declined with no candidate of its kind ("how old").
    answered = _probe(light_index, "on", "Who opposed the resolution?", "hello",
                      "How old was Soleimani when he died?")
    assert answered["onnxruntime"] is False
    declined = _probe(light_index, "on", "number of american soldiers stationed in iraq")
    assert declined == {"onnxruntime": True, "tokenizers": True, "methods": ["semantic"]}


def test_settings_off_answers_as_the_engine_alone(light_index):
    engine = Engine.open(light_index, replace(ON, semantic=False))
    assert engine.prepare_semantic() is False
    assert engine.ask("number of american soldiers stationed in iraq").method is None
