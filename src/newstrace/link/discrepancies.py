"""Where the outlets of a story disagree, each case with one sentence that explains it.

:func:`find_discrepancies` looks inside every claim group (claims that say the same thing) and
between a group and the story's other claims. The rules:

- **number**: members from different outlets carry quantities of the same kind and similar
  size (within a factor of :data:`NUMBER_SPAN`) that do not agree (their ranges neither overlap
  nor lie within 2% of each other) and no member of either side repeats the other's figure.
- **date**: members from different outlets give different days, within
  :data:`DATE_SPAN_DAYS` of each other, for one event (in one language the words around the
  two dates share a stem; across languages each is its member's only event date); dates of
  the report itself ("reported on Tuesday", «сообщило во вторник») are left out
  (:mod:`newstrace.link._dated`).
- **attribution**: the same direct or mixed quote credited to different first-hand outlets
  (told Mediazona / told Verstka) or to different speakers, one of them named (an unnamed
  official / a named deputy minister); or the same claim relayed from disjoint sets of outlets.
  Both versions are spelled out.
- **quote_wording**: direct quotes of the group in one language whose wordings diverge
  (word-stem Jaccard below :data:`QUOTE_SAME`): the same words translated twice, or altered.
  Quotes in different languages are translations and only join as context.
- **hedging**: one outlet hedges a claim ("likely", "could") while another states it without a
  hedge; or one outlet states in its own voice what another attributes to anonymous sources.
- **polarity**: members of one language with opposite polarity; or a related claim elsewhere
  in the story that contradicts or qualifies the group (see :mod:`newstrace.link._tension`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date

from newstrace.analyze.lexicon import words
from newstrace.link._dated import DatedEvent, dated_events, same_event
from newstrace.link._tension import (
    Tension,
    build_context,
    find_tensions,
    opposes,
    same_matter,
    says_something,
    stems,
)
from newstrace.link.provenance import (
    MemberPath,
    corpus_outlet_keys,
    is_named_speaker,
    member_outlet,
    member_path,
    member_paths,
    outlet_key,
)
from newstrace.model import (
    Article,
    ArticleAnalysis,
    ClaimGroup,
    ClaimRef,
    Discrepancy,
    Quantity,
    Speaker,
    TimeRef,
)
from newstrace.quoting import in_quotes

#: Quantities further apart than this factor measure different things.
NUMBER_SPAN = 3.0
#: Two figures within this relative distance agree.
NUMBER_TOLERANCE = 0.02
#: Day-precise dates further apart than this are about different events.
DATE_SPAN_DAYS = 14
#: Quotes of one language whose stem Jaccard is at least this are the same wording.
QUOTE_SAME = 0.75
_QUOTE_MARKS = re.compile(r"[“”«»\"„]")
_NUMBER_KINDS = frozenset({"count", "money", "percent"})


def find_discrepancies(
    groups: Sequence[ClaimGroup], items: Sequence[tuple[Article, ArticleAnalysis]]
) -> tuple[Discrepancy, ...]:
    """Every discrepancy in a story's claim groups, in group order.

    ``items`` are the story's articles with their analyses (for languages and for the claims
    outside a group that may contradict it).
    """
    languages = {a.id: (an.language or a.language or "en") for a, an in items}
    analyses = {a.id: an for a, an in items}
    texts = {a.id: a.text for a, _ in items}
    found: list[Discrepancy] = []
    for group in groups:
        paths = member_paths(group, analyses, texts)
        found.extend(_group_discrepancies(group, languages, paths))
    found.extend(_tension_discrepancies(groups, items, languages))
    return _one_polarity_per_group(found)


def _group_discrepancies(
    group: ClaimGroup, languages: dict[str, str], paths: Sequence[MemberPath]
) -> list[Discrepancy]:
    if len(corpus_outlet_keys(group)) < 2:
        return []
    found = [
        d
        for d in (
            number_discrepancy(group, languages),
            date_discrepancy(group, languages),
            attribution_discrepancy(group, languages, paths),
            quote_wording_discrepancy(group, languages),
            hedging_discrepancy(group, languages),
        )
        if d is not None
    ]
    polar = polarity_discrepancy(group, languages)
    if polar is not None:
        found.append(polar)
    return found


def _outlet(member: ClaimRef) -> str:
    return member_outlet(member)


def _names(members: Iterable[ClaimRef]) -> str:
    """ "A", "A and B", "A, B and C" from the members' outlets (first-seen order)."""
    names = list(dict.fromkeys(_outlet(m) for m in members))
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _verb(members: Iterable[ClaimRef], verb: str) -> str:
    """``verb`` agreeing with the number of distinct outlets ("gives" / "give")."""
    return verb + "s" if len({outlet_key(_outlet(m)) for m in members}) == 1 else verb


def _ids(members: Iterable[ClaimRef]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(m.claim_id for m in members))


# --- numbers ---


def _agree(a: Quantity, b: Quantity) -> bool:
    if a.low <= b.high and b.low <= a.high:
        return True
    scale = max(abs(a.low), abs(a.high), abs(b.low), abs(b.high), 1e-9)
    return min(abs(a.low - b.low), abs(a.high - b.high)) / scale <= NUMBER_TOLERANCE


def _comparable(a: Quantity, b: Quantity) -> bool:
    if a.kind != b.kind or a.kind not in _NUMBER_KINDS or (a.per or "") != (b.per or ""):
        return False
    big, small = max(a.high, b.high), min(a.low, b.low)
    return small > 0 and big / small <= NUMBER_SPAN


def _figures(member: ClaimRef) -> list[Quantity]:
    """A member's quantities, leaving out numbers that are part of a date (years)."""
    dates = member.claim.dates
    return [
        q
        for q in member.claim.quantities
        if not any(d.span.start <= q.span.start and q.span.end <= d.span.end for d in dates)
    ]


def _figure_clusters(group: ClaimGroup) -> list[list[tuple[ClaimRef, Quantity]]]:
    """The group's figures clustered by agreement, largest cluster first."""
    clusters: list[list[tuple[ClaimRef, Quantity]]] = []
    for member in group.members:
        for quantity in _figures(member):
            for cluster in clusters:
                if _agree(cluster[0][1], quantity):
                    cluster.append((member, quantity))
                    break
            else:
                clusters.append([(member, quantity)])
    return sorted(clusters, key=len, reverse=True)


def number_discrepancy(group: ClaimGroup, languages: dict[str, str]) -> Discrepancy | None:
    """Figures for the same thing that differ between outlets."""
    del languages
    clusters = _figure_clusters(group)
    for index, first in enumerate(clusters):
        for second in clusters[index + 1 :]:
            if not _comparable(first[0][1], second[0][1]):
                continue
            outlets_a = {outlet_key(_outlet(m)) for m, _ in first}
            outlets_b = {outlet_key(_outlet(m)) for m, _ in second}
            if outlets_a & outlets_b or not (outlets_a and outlets_b):
                continue
            side_a = [m for m, _ in first]
            side_b = [m for m, _ in second]
            summary = (
                f"{_names(side_a)} {_verb(side_a, 'give')} {first[0][1].span.text}; "
                f"{_names(side_b)} {_verb(side_b, 'give')} {second[0][1].span.text}."
            )
            return Discrepancy("number", summary, _ids(side_a + side_b), group.id)
    return None


# --- dates ---


def _day_text(ref: TimeRef) -> str:
    day = date.fromisoformat((ref.start or "")[:10])
    return f"{day.day} {day.strftime('%B %Y')} (“{ref.span.text}”)"


def date_discrepancy(group: ClaimGroup, languages: dict[str, str]) -> Discrepancy | None:
    """Day-precise dates of the same event that differ between outlets (see
    :mod:`newstrace.link._dated`: report dates are left out; in one language two dates are of
    one event when the words around them share a stem; across languages, when each is its
    member's only event date)."""
    events = {m.claim_id: dated_events(m, languages.get(m.article_id, "en")) for m in group.members}
    dated = [(m, event) for m in group.members for event in events[m.claim_id]]

    def same(a: ClaimRef, event_a: DatedEvent, b: ClaimRef, event_b: DatedEvent) -> bool:
        return same_event(
            event_a,
            languages.get(a.article_id, "en"),
            len(events[a.claim_id]),
            event_b,
            languages.get(b.article_id, "en"),
            len(events[b.claim_id]),
        )

    for index, (a, event_a) in enumerate(dated):
        for b, event_b in dated[index + 1 :]:
            if outlet_key(_outlet(a)) == outlet_key(_outlet(b)) or event_a.day == event_b.day:
                continue
            if abs((event_a.day - event_b.day).days) > DATE_SPAN_DAYS:
                continue
            if not same(a, event_a, b, event_b):
                continue
            side_a = [m for m, e in dated if e.day == event_a.day and same(m, e, b, event_b)]
            side_b = [m for m, e in dated if e.day == event_b.day and same(m, e, a, event_a)]
            summary = (
                f"{_names(side_a)} {_verb(side_a, 'date')} it {_day_text(event_a.ref)}; "
                f"{_names(side_b)} {_verb(side_b, 'date')} it {_day_text(event_b.ref)}."
            )
            return Discrepancy("date", summary, _ids(side_a + side_b), group.id)
    return None


# --- attribution ---


def speaker_label(speaker: Speaker) -> str:
    """How a source is written: its text in the article, else its canonical name."""
    text = speaker.span.text if speaker.span is not None else speaker.canonical
    text = text.removeprefix("anonymous: ").split(",")[0].strip()
    anonymous = speaker.anonymous and "anonym" not in text.lower()
    return f"{text} (anonymous)" if anonymous else text


def _credit(path: MemberPath) -> str:
    who = speaker_label(path.member.claim.attribution.speaker)
    if path.is_relay:
        return f"{who}, via {path.first_hand.name}"
    return f"{who}, speaking to {path.outlet.name}"


def _conflicting(a: MemberPath, b: MemberPath) -> bool:
    speaker_a, speaker_b = a.member.claim.attribution.speaker, b.member.claim.attribution.speaker
    named_a, named_b = is_named_speaker(speaker_a), is_named_speaker(speaker_b)
    if named_a and named_b:
        return outlet_key(speaker_a.canonical) != outlet_key(speaker_b.canonical)
    if named_a or named_b:
        return True
    return outlet_key(a.first_hand.name) != outlet_key(b.first_hand.name)


def _is_quote(member: ClaimRef) -> bool:
    return member.claim.attribution.quote in ("direct", "mixed")


def attribution_discrepancy(
    group: ClaimGroup, languages: dict[str, str], paths: Sequence[MemberPath] | None = None
) -> Discrepancy | None:
    """The same quote or claim credited to different speakers or outlets.

    ``paths`` are the members' provenance paths (:func:`~newstrace.link.provenance.
    member_paths`, with the story's relay context); by default each member's own chain.
    """
    del languages
    keys = corpus_outlet_keys(group)
    if paths is None:
        paths = [member_path(m, keys) for m in group.members]
    quoted = [
        p
        for p in paths
        if _is_quote(p.member) and p.member.claim.attribution.speaker.kind != "self"
    ]
    for index, a in enumerate(quoted):
        for b in quoted[index + 1 :]:
            if outlet_key(a.outlet.name) == outlet_key(b.outlet.name) or not _conflicting(a, b):
                continue
            summary = (
                f"{a.outlet.name} credits the quote to {_credit(a)}; "
                f"{b.outlet.name} credits it to {_credit(b)}."
            )
            return Discrepancy("attribution", summary, _ids([a.member, b.member]), group.id)
    return _relay_credit_discrepancy(group, paths)


def _relay_credit_discrepancy(group: ClaimGroup, paths: Sequence[MemberPath]) -> Discrepancy | None:
    """Two outlets that only relay the claim, each from outlets the other never names."""
    credited: dict[str, tuple[set[str], list[MemberPath]]] = {}
    direct: set[str] = set()
    for path in paths:
        own = outlet_key(path.outlet.name)
        if not path.is_relay:
            direct.add(own)
            continue
        names, paths = credited.setdefault(own, (set(), []))
        names.add(outlet_key(path.first_hand.name))
        paths.append(path)
    relayers = [(k, v) for k, v in credited.items() if k not in direct]
    for index, (_, (names_a, paths_a)) in enumerate(relayers):
        for _, (names_b, paths_b) in relayers[index + 1 :]:
            if names_a & names_b:
                continue
            a, b = paths_a[0], paths_b[0]
            summary = (
                f"{a.outlet.name} credits the claim to {a.first_hand.name}; "
                f"{b.outlet.name} credits it to {b.first_hand.name}."
            )
            return Discrepancy("attribution", summary, _ids([a.member, b.member]), group.id)
    return None


# --- quote wording ---


def quoted_text(member: ClaimRef) -> str:
    """The words inside quotation marks in a member's content (all of it when unmarked)."""
    text = member.claim.text
    parts = re.findall(r"[“«\"„]([^”»\"“]+)[”»\"“]", text)
    return " ".join(parts) if parts else _QUOTE_MARKS.sub("", text)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 1.0


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _q(text: str, limit: int = 90) -> str:
    """A shortened excerpt in quotation marks, its own marks not doubled."""
    return in_quotes(_short(text, limit))


def quote_wording_discrepancy(group: ClaimGroup, languages: dict[str, str]) -> Discrepancy | None:
    """Direct quotes in one language whose wordings diverge beyond a re-punctuation."""
    quoted = [
        m for m in group.members if _is_quote(m) or _QUOTE_MARKS.search(m.claim.text) is not None
    ]
    for index, a in enumerate(quoted):
        for b in quoted[index + 1 :]:
            if languages.get(a.article_id) != languages.get(b.article_id):
                continue
            if outlet_key(_outlet(a)) == outlet_key(_outlet(b)):
                continue
            if _jaccard(stems(quoted_text(a)), stems(quoted_text(b))) >= QUOTE_SAME:
                continue
            summary = (
                f"{_outlet(a)} and {_outlet(b)} print different wordings of one quote: "
                f"{_q(quoted_text(a))} / {_q(quoted_text(b))}."
            )
            others = [m for m in quoted if m not in (a, b)]
            return Discrepancy("quote_wording", summary, _ids([a, b, *others]), group.id)
    return None


# --- hedging ---


def modal_hedges(member: ClaimRef, language: str) -> tuple[str, ...]:
    """The modal hedges ("likely", "could", «скорее всего») of a member's content."""
    text = member.claim.text.lower()
    found = [
        h
        for h in words("hedges_modal", language)
        if re.search(rf"(?<!\w){re.escape(h.lower())}(?!\w)", text)
    ]
    return tuple(dict.fromkeys(found))


def hedging_discrepancy(group: ClaimGroup, languages: dict[str, str]) -> Discrepancy | None:
    """One outlet hedges what another states flatly, or states what another attributes."""
    hedged: dict[str, list[tuple[ClaimRef, tuple[str, ...]]]] = {}
    plain: dict[str, list[ClaimRef]] = {}
    for member in group.members:
        key = outlet_key(_outlet(member))
        hedges = modal_hedges(member, languages.get(member.article_id, "en"))
        if hedges:
            hedged.setdefault(key, []).append((member, hedges))
        elif member.claim.polarity == "positive":
            plain.setdefault(key, []).append(member)
    flat = [ms for key, ms in plain.items() if key not in hedged]
    if hedged and flat:
        side_a = [m for pairs in hedged.values() for m, _ in pairs]
        side_b = [m for ms in flat for m in ms]
        words_used = sorted({h for pairs in hedged.values() for _, hs in pairs for h in hs})
        summary = (
            f"{_names(side_a)} hedge{'s' if len(hedged) == 1 else ''} it "
            f"({', '.join(f'“{w}”' for w in words_used)}); "
            f"{_names(side_b)} state{'s' if len(flat) == 1 else ''} it without a hedge."
        )
        return Discrepancy("hedging", summary, _ids(side_a + side_b), group.id)
    return _fact_versus_sources(group)


def _fact_versus_sources(group: ClaimGroup) -> Discrepancy | None:
    """An outlet that only states the claim in its own voice against one that only
    attributes it to anonymous sources."""
    voices: dict[str, set[str]] = {}
    members: dict[str, list[ClaimRef]] = {}
    for member in group.members:
        speaker = member.claim.attribution.speaker
        key = outlet_key(_outlet(member))
        voice = "self" if speaker.kind == "self" else ("anon" if speaker.anonymous else "named")
        voices.setdefault(key, set()).add(voice)
        members.setdefault(key, []).append(member)
    own = [k for k, v in voices.items() if v == {"self"}]
    anonymous = [k for k, v in voices.items() if v == {"anon"}]
    if not own or not anonymous:
        return None
    side_a = [m for k in anonymous for m in members[k]]
    side_b = [m for k in own for m in members[k]]
    summary = (
        f"{_names(side_a)} attribute{'s' if len(anonymous) == 1 else ''} it to anonymous "
        f"sources; {_names(side_b)} state{'s' if len(own) == 1 else ''} it as fact."
    )
    return Discrepancy("hedging", summary, _ids(side_a + side_b), group.id)


# --- polarity and tension ---


def polarity_discrepancy(group: ClaimGroup, languages: dict[str, str]) -> Discrepancy | None:
    """Members of one language and different outlets with opposite polarity about the same
    matter (fragments and refusals to comment take no side)."""
    by_language: dict[str, dict[str, list[ClaimRef]]] = {}
    for member in group.members:
        language = languages.get(member.article_id, "en")
        if not says_something(member, language):
            continue
        by_language.setdefault(language, {}).setdefault(member.claim.polarity, []).append(member)
    for language, sides in by_language.items():
        positive, negative = sides.get("positive", []), sides.get("negative", [])
        negative = [n for n in negative if any(_contradicts(n, p, language) for p in positive)]
        positive = [p for p in positive if any(_contradicts(n, p, language) for n in negative)]
        outlets_pos = {outlet_key(_outlet(m)) for m in positive}
        outlets_neg = {outlet_key(_outlet(m)) for m in negative}
        if not positive or not negative or not outlets_pos - outlets_neg:
            continue
        if not outlets_neg - outlets_pos:
            continue
        summary = (
            f"{_names(positive)} state{'s' if len(outlets_pos) == 1 else ''} it "
            f"({_q(positive[0].claim.text, 70)}); {_names(negative)} "
            f"{'negates' if len(outlets_neg) == 1 else 'negate'} it "
            f"({_q(negative[0].claim.text, 70)})."
        )
        return Discrepancy("polarity", summary, _ids(positive + negative), group.id)
    return None


def _contradicts(negative: ClaimRef, positive: ClaimRef, language: str) -> bool:
    """Same matter, and the negation governs something the positive claim says."""
    return same_matter(negative, positive) and opposes(negative, positive, language)


def _tension_discrepancies(
    groups: Sequence[ClaimGroup],
    items: Sequence[tuple[Article, ArticleAnalysis]],
    languages: dict[str, str],
) -> list[Discrepancy]:
    """Claims elsewhere in the story that contradict or qualify a group: one discrepancy per
    group pushed back on, with every claim that pushes back on it (a group that pushes back
    on a group which already pushes back on it adds nothing: that pair is told once)."""
    context = build_context([(languages[a.id], an) for a, an in items])
    claims = [ClaimRef(a.id, c, a.outlet) for a, an in items for c in an.claims]
    owner = {m.claim_id: g.id for g in groups for m in g.members}
    by_group: dict[str, list[Tension]] = {}
    for tension in find_tensions(groups, claims, context):
        pusher = owner.get(tension.claim.claim_id, "")
        earlier = by_group.get(pusher, [])
        if any(owner.get(t.claim.claim_id, "") == tension.group.id for t in earlier):
            continue
        by_group.setdefault(tension.group.id, []).append(tension)
    return [
        Discrepancy("polarity", tension_summary(found), _tension_ids(found), group_id)
        for group_id, found in by_group.items()
    ]


def _pushback(tension: Tension) -> str:
    speaker = speaker_label(tension.claim.claim.attribution.speaker)
    outlet = _outlet(tension.claim)
    who = outlet if outlet_key(speaker) == outlet_key(outlet) else f"{outlet} ({speaker})"
    return f"{who} {tension.reason}: {_q(tension.claim.claim.text, 80)}"


def tension_summary(tensions: Sequence[Tension]) -> str:
    """One explanation of every claim pushing back on one group: who pushes back and how, and
    the members they push back on."""
    opposed = list({t.opposed.claim_id: t.opposed for t in tensions}.values())
    against = " and ".join(f"{_outlet(m)}: {_q(m.claim.text, 80)}" for m in opposed)
    if len(tensions) == 1:
        return f"{_pushback(tensions[0])}, against {against}."
    pushers = [t.claim for t in tensions]
    verb = "pushes" if len({outlet_key(_outlet(m)) for m in pushers}) == 1 else "push"
    parts = "; ".join(_pushback(t) for t in tensions)
    count = len(tensions)
    return f"{_names(pushers)} {verb} back on it in {count} claims: {parts}; against {against}."


def _tension_ids(tensions: Sequence[Tension]) -> tuple[str, ...]:
    """The claims a pushback involves: the member it answers first, then every other member
    of the group it pushes back on (they state the same thing) from other articles than the
    pushing claim's, then the pushing claims."""
    pushing = {t.claim.article_id for t in tensions}
    stated = [m for t in tensions for m in t.group.members if m.article_id not in pushing]
    return _ids([*(t.opposed for t in tensions), *stated, *(t.claim for t in tensions)])


def _one_polarity_per_group(found: Sequence[Discrepancy]) -> tuple[Discrepancy, ...]:
    """A group contradicted inside (members of opposite polarity) and pushed back on from
    elsewhere in the story gets one polarity discrepancy telling both, at the first's place."""
    merged: list[Discrepancy] = []
    at: dict[str, int] = {}
    for item in found:
        index = at.get(item.group_id or "") if item.kind == "polarity" else None
        if index is None:
            if item.kind == "polarity" and item.group_id:
                at[item.group_id] = len(merged)
            merged.append(item)
            continue
        first = merged[index]
        summary = f"{first.summary} Elsewhere in the story: {item.summary}"
        ids = tuple(dict.fromkeys([*first.claim_ids, *item.claim_ids]))
        merged[index] = Discrepancy("polarity", summary, ids, first.group_id)
    return tuple(merged)
