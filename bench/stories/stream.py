"""A synthetic news stream for the story-clustering throughput benchmark.

Events are invented: each has its own place and person names (made-up words, so nothing
collides with real vocabulary), a few numbers, a date and a topic vocabulary drawn from real
English words. Articles about an event mix its names, numbers and topic words with common
English filler, so articles of one event share rare keys and articles of different events
share only common words (as in a real stream). Events overlap in time; a few are bursts.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

from wordfreq import top_n_list

from newstrace.model import Article

SYLLABLES = ["ka", "lo", "ven", "tri", "mar", "sol", "dun", "rei", "pa", "zor", "ul", "bet",
             "nim", "ora", "gal", "shu", "fen", "quo", "lis", "tam"]  # fmt: skip


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


class Event:
    """One invented event: names, numbers, a date and topic words."""

    def __init__(self, rng: random.Random, number: int, vocabulary: list[str]) -> None:
        self.number = number
        self.people = [f"{_name(rng)} {_name(rng)}" for _ in range(rng.randint(1, 3))]
        self.places = [_name(rng) for _ in range(rng.randint(1, 3))]
        self.figures = [str(rng.randint(100, 99_999)) for _ in range(rng.randint(1, 4))]
        self.day = date(2020, 1, 1) + timedelta(days=number // 20)
        self.topic = rng.sample(vocabulary[500:5000], 25)


def stream(count: int, seed: int = 7, active: int = 200) -> Iterator[Article]:
    """``count`` articles over events that keep arriving (``active`` open at a time)."""
    rng = random.Random(seed)
    vocabulary = top_n_list("en", 5000)
    filler = vocabulary[50:2000]
    events: list[Event] = []
    made = 0
    for index in range(count):
        if not events or rng.random() < 0.15 or len(events) < active // 4:
            events.append(Event(rng, made, vocabulary))
            made += 1
            events = events[-active:]
        event = rng.choice(events[-20:]) if rng.random() < 0.7 else rng.choice(events)
        yield _article(rng, event, filler, index)


def _article(rng: random.Random, event: Event, filler: list[str], index: int) -> Article:
    words: list[str] = []
    for _ in range(rng.randint(8, 16)):
        sentence = rng.sample(filler, 8) + rng.sample(event.topic, 3)
        if rng.random() < 0.6:
            sentence.append(rng.choice(event.people))
        if rng.random() < 0.5:
            sentence.append("in " + rng.choice(event.places))
        if rng.random() < 0.3:
            sentence.append(rng.choice(event.figures))
        rng.shuffle(sentence)
        words.append(" ".join(sentence).capitalize() + ".")
    title = f"{rng.choice(event.places)} {' '.join(rng.sample(event.topic, 4))}"
    published = (event.day + timedelta(days=rng.randint(0, 3))).isoformat()
    return Article.create(
        " ".join(words), title=title, outlet=f"Outlet {index % 40}", language="en",
        published=published, url=f"https://news{index % 40}.example/{index}",
    )  # fmt: skip
