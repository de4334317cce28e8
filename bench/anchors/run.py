"""Time quantity and date finding on texts of growing length, to check the cost is linear.

Usage (from the repository root)::

    .venv/bin/python bench/anchors/run.py

The texts repeat a paragraph of English and one of Russian news prose written for this
benchmark (numbers, ranges, money, dates, weekdays) up to each length. Prints one Markdown
table row per language and length: seconds for ``find_quantities`` and ``find_dates`` (best of
three runs), what each found, and microseconds per character. Results are recorded in
``RESULTS.md`` here.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from functools import partial

from newstrace.analyze.dates import find_dates
from newstrace.analyze.quantities import find_quantities

PARAGRAPHS = {
    "en": (
        "The ministry said on Friday that more than 12,000 reservists, about a third of them "
        "volunteers, would be called up in April, at a cost of $2.5 billion a year. In autumn "
        "2023 enlistment fell from between 400-450 people per day to just 30-40, and the March "
        "15-17 vote drew over 70% of voters. Hundreds of thousands of people left in September "
        "2022; three hundred officials met at 10:30 on March 25.\n\n"
    ),
    "ru": (
        "В пятницу министерство сообщило, что свыше 12 000 резервистов, около трети из них "
        "добровольцы, будут призваны в апреле, что обойдётся в 2 млрд рублей в год. Осенью "
        "2023 года набор снизился с 400–450 человек в день до 30–40, а в голосовании 15–17 "
        "марта приняли участие более 70% избирателей. Сотни тысяч человек уехали в сентябре "
        "2022 года; триста чиновников встретились в 10:30 25 марта.\n\n"
    ),
}
LENGTHS = (20_000, 80_000, 320_000)
PUBLISHED = date(2024, 3, 22)


def _count_quantities(text: str, language: str) -> int:
    return len(find_quantities(text, language=language))


def _count_dates(text: str, language: str) -> int:
    return len(find_dates(text, language=language, published=PUBLISHED))


def _best_of_three(call: Callable[[], int]) -> tuple[float, int]:
    best, found = float("inf"), 0
    for _ in range(3):
        start = time.perf_counter()
        found = call()
        best = min(best, time.perf_counter() - start)
    return best, found


def main() -> None:
    """Print the timing table."""
    print("| language | characters | quantities s (found) | dates s (found) | µs/char total |")
    print("|---|---:|---:|---:|---:|")
    for language, paragraph in PARAGRAPHS.items():
        for length in LENGTHS:
            text = (paragraph * (length // len(paragraph) + 1))[:length]
            q_time, q_found = _best_of_three(partial(_count_quantities, text, language))
            d_time, d_found = _best_of_three(partial(_count_dates, text, language))
            per_char = (q_time + d_time) / length * 1e6
            print(
                f"| {language} | {length:,} | {q_time:.3f} ({q_found}) | {d_time:.3f} ({d_found}) "
                f"| {per_char:.2f} |"
            )


if __name__ == "__main__":
    main()
