"""CPU time of the parts of the spaCy attribution path after parsing, and fingerprints of the
parse and of the attributions (to check that a faster version gives the same output).

Usage (from the repository root; pins itself to one core):

    .venv/bin/python bench/analyze_speed/attribution_parts.py --data ../shared/eval/polnear/dev

The dev texts are parsed once (``parse_many``, the evaluation's entity scope; the ruler and
lemmatizer step is timed apart). Then, for ``--passes`` passes (per-doc layouts dropped before
each), it times ``attributions_of`` on every text, the rule-pattern drafts alone
(``report_drafts`` and ``rule_drafts``) and the cue scoring alone, and prints SHA-256 digests of
the token annotations and of the attributions. Run it with ``PYTHONPATH`` pointing at two
copies of ``src/`` to compare them.
"""

from __future__ import annotations

import os

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"

import hashlib  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from newstrace.analyze._attr_lexicon import load_language  # noqa: E402
from newstrace.analyze._attr_model import candidate_indices, load_cue_model  # noqa: E402
from newstrace.analyze._attr_rules import report_drafts, rule_drafts  # noqa: E402
from newstrace.analyze.nlp import parse_many, token_step  # noqa: E402
from newstrace.analyze.sentences import split_sentences  # noqa: E402
from newstrace.evaluate.polnear import ATTRIBUTION_ENTITIES, attributions_of  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import spacy_dev_setup  # noqa: E402

_ATTRS = ["ORTH", "IDX", "TAG", "DEP", "HEAD", "POS", "MORPH", "LEMMA", "SENT_START"]


def timed_step(model_name: str, spent: list[float]) -> None:
    """Add the CPU time of every call of the model's ruler-and-lemmatizer step to ``spent``."""
    step = token_step(model_name)
    if step is None:
        return
    kind = type(step)
    plain = kind.__call__

    def call(self: Any, doc: Any) -> Any:
        start = time.process_time()
        try:
            return plain(self, doc)
        finally:
            spent.append(time.process_time() - start)

    kind.__call__ = call  # type: ignore[method-assign]


def one_pass(texts: list[str], docs: list[Any]) -> dict[str, Any]:
    """Time the attribution path and two of its parts once; return times and outputs."""
    lang = load_language("en")
    model = load_cue_model("en")
    words = lang.extra.get("cue_word_rates")
    for doc in docs:
        doc.user_data.clear()
    start = time.process_time()
    found = [attributions_of(text, doc) for text, doc in zip(texts, docs, strict=True)]
    attribution = time.process_time() - start
    pairs = zip(texts, docs, strict=True)
    sentences = [split_sentences(text, language="en", doc=doc) for text, doc in pairs]
    start = time.process_time()
    for text, sents in zip(texts, sentences, strict=True):
        report_drafts(text, sents, lang)
        rule_drafts(text, sents, lang)
    rules = time.process_time() - start
    for doc in docs:
        doc.user_data.clear()
    start = time.process_time()
    if model is not None:
        for doc in docs:
            for i in candidate_indices(doc):
                model.score_at(doc, i, lang.cue_lemmas, words)
    scoring = time.process_time() - start
    return {"attribution": attribution, "rules": rules, "scoring": scoring, "found": found}


def main() -> None:
    """Parse once, then time the passes and print the digests."""
    args, texts, options = spacy_dev_setup(__doc__, passes=3)
    spent: list[float] = []
    timed_step(options.spacy_model, spent)
    start = time.process_time()
    docs: list[Any] = list(parse_many(texts, options, "en", entities=ATTRIBUTION_ENTITIES))
    print(f"parse (cold) {time.process_time() - start:.3f} CPU s, of it step {sum(spent):.3f}")
    spent.clear()
    list(parse_many(texts, options, "en", entities=ATTRIBUTION_ENTITIES))
    print(f"step (warm) {sum(spent):.3f} CPU s")
    parsed = hashlib.sha256(b"".join(doc.to_array(_ATTRS).tobytes() for doc in docs))
    print(f"parse digest {parsed.hexdigest()}")
    for n in range(args.passes):
        result = one_pass(texts, docs)
        print(
            f"pass {n + 1}: attribution {result['attribution']:.3f}, rule drafts "
            f"{result['rules']:.3f}, cue scoring {result['scoring']:.3f} CPU s"
        )
    digest = hashlib.sha256(repr(result["found"]).encode()).hexdigest()
    print(f"attributions digest {digest}")


if __name__ == "__main__":
    main()
