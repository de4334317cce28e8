"""Analysis speed, memory and linear time on PolNeAR dev texts (one core).

Usage (from the repository root; the script pins itself to one core and one BLAS thread):

    .venv/bin/python bench/analyze_speed/run.py throughput --data ../shared/eval/polnear/dev
    .venv/bin/python bench/analyze_speed/run.py memory --data ../shared/eval/polnear/dev \
        --backend rules --articles 10000
    .venv/bin/python bench/analyze_speed/run.py linearity --data ../shared/eval/polnear/dev

``throughput`` times (a) the attribution path of the PolNeAR evaluation (``parse_many`` with
the evaluation's entity scope, then sentences and attributions) and (b) the full
``newstrace.analyze.analyze()`` per article, in spaCy and rules modes, over every dev text
(``--backends``, ``--paths`` and ``--scopes`` pick a subset): one cold pass (fresh memo
tables) and one warm pass. Figures are CPU seconds of this process
(``time.process_time``; the machine is shared, so wall time is printed too). ``memory`` cycles
the dev texts and prints the resident set size every 1,000 articles. ``linearity`` times
single paragraphs (dev texts with paragraph breaks removed) of several sizes and kinds (see
:func:`paragraph`: plain; mixed with stray quotation marks, emoji, control characters and
Cyrillic words; flat, without sentence-ending punctuation), each case in a child process with
a time limit, and prints CPU seconds, microseconds per character and peak RSS per case.
"""

from __future__ import annotations

import os

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"

import argparse  # noqa: E402
import itertools  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import resource  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from newstrace.analyze import analyze  # noqa: E402
from newstrace.analyze.nlp import load_nlp, parse_many  # noqa: E402
from newstrace.analyze.options import AnalysisOptions  # noqa: E402
from newstrace.evaluate.polnear import ATTRIBUTION_ENTITIES, attributions_of  # noqa: E402
from newstrace.model import Article  # noqa: E402

_MARKS = "\"“”‘’«»„'"
_EMOJI = ("😀", "🔥", "👍🏽", "🇺🇦", "❤️", "👨‍👩‍👧")
_CONTROLS = ("\x00", "\x07", "\x1b", "\u200b", "\ufeff", "\x85", "\u2028")
_CYRILLIC = ("заявил", "Москва", "сообщил", "«Известия»", "министр", "Иванов")
_NO_ENDS = str.maketrans("", "", ".!?…")


def pin(core: int) -> None:
    """Run this process on one core only (Linux)."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {core})


def dev_texts(data: Path) -> list[str]:
    """The split's texts, in file-name order."""
    return [p.read_text(encoding="utf-8") for p in sorted((data / "text").glob("*.txt"))]


def spacy_dev_setup(
    description: str | None, passes: int
) -> tuple[argparse.Namespace, list[str], AnalysisOptions]:
    """The side scripts' common start: ``--data``, ``--core`` and ``--passes`` parsed, the
    process pinned, the texts read and the English spaCy model checked."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--data", type=Path, default=Path("../shared/eval/polnear/dev"))
    parser.add_argument("--core", type=int, default=1)
    parser.add_argument("--passes", type=int, default=passes)
    args = parser.parse_args()
    pin(args.core)
    texts = dev_texts(args.data)
    options = AnalysisOptions(backend="spacy")
    if load_nlp(options, "en") is None:
        raise SystemExit("no English spaCy model installed")
    return args, texts, options


def rss_mb() -> float:
    """Resident set size of this process in MB (from /proc)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def attribution_path(texts: list[str], options: AnalysisOptions) -> int:
    """What the PolNeAR evaluation runs per text; returns the number of attributions."""
    docs = parse_many(texts, options, "en", entities=ATTRIBUTION_ENTITIES)
    return sum(len(attributions_of(t, d)) for t, d in zip(texts, docs, strict=True))


def full_path(texts: list[str], options: AnalysisOptions) -> int:
    """``analyze()`` per article; returns the number of claims."""
    total = 0
    for text in texts:
        total += len(analyze(Article.create(text, language="en"), options).claims)
    return total


def timed(
    run: Callable[[list[str], AnalysisOptions], int], texts: list[str], opts: AnalysisOptions
) -> dict[str, Any]:
    """CPU and wall seconds of one run over ``texts``."""
    cpu, wall = time.process_time(), time.perf_counter()
    found = run(texts, opts)
    return {
        "cpu_s": round(time.process_time() - cpu, 2),
        "wall_s": round(time.perf_counter() - wall, 2),
        "found": found,
    }


def throughput(args: argparse.Namespace) -> None:
    """Articles/s and tokens/s of both paths in both modes (cold, then warm)."""
    texts = dev_texts(args.data)
    nlp = load_nlp(AnalysisOptions(), "en")
    tokens = sum(len(nlp.tokenizer(t)) for t in texts) if nlp is not None else 0
    print(
        json.dumps({"articles": len(texts), "spacy_tokens": tokens, "chars": sum(map(len, texts))})
    )
    setups = [
        AnalysisOptions(backend="spacy"),
        AnalysisOptions(backend="spacy", parse_scope="cue_sentences"),
        AnalysisOptions(backend="rules"),
    ]
    for opts in setups:
        backend, scope = opts.backend, opts.parse_scope
        if backend not in args.backends or scope not in args.scopes:
            continue
        for name, run in (("attribution", attribution_path), ("analyze", full_path)):
            if (scope == "cue_sentences" and name == "analyze") or name not in args.paths:
                continue
            for label in ("cold", "warm"):
                row = timed(run, texts, opts)
                row.update(backend=backend, scope=scope, path=name, pass_=label)
                row["articles_per_cpu_s"] = round(len(texts) / row["cpu_s"], 2)
                row["tokens_per_cpu_s"] = round(tokens / row["cpu_s"])
                print(json.dumps(row), flush=True)


def memory(args: argparse.Namespace) -> None:
    """RSS every 1,000 articles over ``--articles`` articles cycling the dev texts."""
    texts = dev_texts(args.data)
    opts = AnalysisOptions(backend="spacy" if args.backend == "spacy" else "rules")
    run = attribution_path if args.path == "attribution" else full_path
    stream = itertools.islice(itertools.cycle(texts), args.articles)
    started = time.process_time()
    done = 0
    print(json.dumps({"articles": 0, "rss_mb": round(rss_mb(), 1)}), flush=True)
    while batch := list(itertools.islice(stream, 1000)):
        run(batch, opts)
        done += len(batch)
        row = {"articles": done, "rss_mb": round(rss_mb(), 1)}
        row["cpu_s"] = round(time.process_time() - started, 1)
        print(json.dumps(row), flush=True)


def paragraph(texts: list[str], size: int, kind: str = "plain") -> str:
    """One paragraph of ``size`` characters from the texts.

    ``kind`` is ``plain`` (the words as they are), ``mixed`` (a stray quotation mark of a
    random kind before or after 5% of the words each, and 1% of the words each an emoji, a
    control character, or a Cyrillic word) or ``flat`` (no ``.``, ``!``, ``?`` or ``…``: one
    sentence).
    """
    words = " ".join(" ".join(t.split()) for t in texts).split(" ")
    rnd = random.Random(size)
    out: list[str] = []
    length = 0
    for word in itertools.cycle(words):
        if kind == "mixed":
            word = _mix(word, rnd)
        elif kind == "flat":
            word = word.translate(_NO_ENDS) or "-"
        out.append(word)
        length += len(word) + 1
        if length >= size:
            break
    return " ".join(out)[:size]


def _mix(word: str, rnd: random.Random) -> str:
    """``word`` with stray quote marks, emoji, control characters or a Cyrillic word mixed in."""
    if rnd.random() < 0.05:
        word = rnd.choice(_MARKS) + word
    if rnd.random() < 0.05:
        word += rnd.choice(_MARKS)
    roll = rnd.random()
    if roll < 0.01:
        word += rnd.choice(_EMOJI)
    elif roll < 0.02:
        word = rnd.choice(_CONTROLS) + word
    elif roll < 0.03:
        word = rnd.choice(_CYRILLIC)
    return word


def one_case(args: argparse.Namespace) -> None:
    """Child process of ``linearity``: time one paragraph through one path."""
    text = paragraph(dev_texts(args.data), args.size, args.kind)
    opts = AnalysisOptions(backend="spacy" if args.backend == "spacy" else "rules")
    load_nlp(opts, "en")
    run = attribution_path if args.path == "attribution" else full_path
    row = timed(run, [text], opts)
    row["us_per_char"] = round(row["cpu_s"] / len(text) * 1e6, 2)
    row["max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3, 1)
    print(json.dumps(row))


#: Default single-paragraph cases (characters, kind) per backend.
CASES = {
    "rules": [
        *("250000:plain", "500000:plain", "1000000:plain", "2000000:plain"),
        *("5000000:plain", "5000000:mixed", "5000000:flat"),
    ],
    "spacy": ["250000:plain", "500000:plain", "1000000:plain", "1000000:mixed", "1000000:flat"],
}


def linearity(args: argparse.Namespace) -> None:
    """Each case in a child process pinned to the same core, with a time limit."""
    for backend, path in itertools.product(args.backends, args.paths):
        for case in args.cases or CASES[backend]:
            size, kind = int(case.split(":")[0]), case.split(":")[1]
            command = [sys.executable, __file__, "case", "--data", str(args.data)]
            command += ["--backend", backend, "--path", path, "--size", str(size)]
            command += ["--core", str(args.core), "--kind", kind]
            row: dict[str, Any] = {"backend": backend, "path": path, "chars": size, "kind": kind}
            try:
                done = subprocess.run(command, capture_output=True, text=True, timeout=args.limit)
                lines = done.stdout.strip().splitlines()
                row.update(json.loads(lines[-1]) if lines else {"error": done.stderr[-300:]})
            except subprocess.TimeoutExpired:
                row["error"] = f"did not finish within {args.limit} s"
            print(json.dumps(row), flush=True)


def main() -> None:
    """Parse arguments and run one measurement."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("what", choices=["throughput", "memory", "linearity", "case"])
    parser.add_argument("--data", type=Path, default=Path("../shared/eval/polnear/dev"))
    parser.add_argument("--core", type=int, default=0)
    parser.add_argument("--backend", choices=["spacy", "rules"], default="rules")
    parser.add_argument("--backends", nargs="+", default=["rules", "spacy"])
    parser.add_argument("--path", choices=["attribution", "analyze"], default="analyze")
    parser.add_argument("--paths", nargs="+", default=["attribution", "analyze"])
    parser.add_argument("--scopes", nargs="+", default=["all", "cue_sentences"])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--kind", choices=["plain", "mixed", "flat"], default="plain")
    parser.add_argument("--cases", nargs="+", help="linearity cases as SIZE:KIND")
    parser.add_argument("--limit", type=float, default=600.0, help="seconds per linearity case")
    args = parser.parse_args()
    pin(args.core)
    {"throughput": throughput, "memory": memory, "linearity": linearity, "case": one_case}[
        args.what
    ](args)


if __name__ == "__main__":
    main()
