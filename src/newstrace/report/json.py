"""The report document (the JSON twin every other format is rendered from).

``build_document`` runs the cross-article part of the pipeline on analysed articles: it splits
them into stories (``newstrace.link.stories``) and builds each story's view
(``newstrace.link.story_view``), giving ``{"articles": [...], "stories": [...]}`` exactly as
``newstrace analyze --format json`` prints it. Markdown, CSV and HTML take this same document.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newstrace.model import Article, ArticleAnalysis
from newstrace.report.analysis import analysis_to_dict

Pair = tuple[Article, ArticleAnalysis]


@dataclass(frozen=True, slots=True)
class StoryItems:
    """The analysed articles of one story, with the story's id and title."""

    id: str
    title: str | None
    items: tuple[Pair, ...]


def article_entry(
    article: Article, analysis: ArticleAnalysis, story_id: str | None
) -> dict[str, Any]:
    """One article in the document: identity, notes, its story and its claims."""
    entry = analysis_to_dict(article, analysis)
    entry.update(
        byline=article.byline,
        updated=article.updated,
        version_of=article.version_of,
        story_id=story_id,
        notes=[note.to_dict() for note in article.notes],
    )
    return entry


def split_stories(items: Sequence[Pair]) -> list[StoryItems]:
    """Cluster analysed articles into stories, in input order (the incremental clusterer)."""
    from newstrace.link.stories import StoryClusterer

    clusterer = StoryClusterer()
    for article, analysis in items:
        clusterer.add(article, analysis)
    by_id = {article.id: (article, analysis) for article, analysis in items}
    return [
        StoryItems(story.id, story.title, tuple(by_id[a] for a in story.article_ids if a in by_id))
        for story in clusterer.stories()
    ]


def one_story(items: Sequence[Pair], story_id: str = "story-1") -> list[StoryItems]:
    """All articles as a single story (when the caller already knows they belong together)."""
    title = next((a.title for a, _ in items if a.title), None)
    return [StoryItems(story_id, title, tuple(items))]


def story_to_dict(
    story: StoryItems, *, versions: Mapping[str, Sequence[Article]] | None = None
) -> dict[str, Any]:
    """One story's view as plain data: the issue's shape, each group with its ``graph``.

    ``graph`` (``{nodes, edges, channels, echoes}``) is the group's provenance graph, added
    so the JSON twin holds everything the HTML report draws.
    """
    from newstrace.link.revisions import same_url_versions
    from newstrace.link.story_view import build_story_view

    if versions is None:  # no store: copies of one URL among the inputs are its versions
        versions = same_url_versions(article for article, _ in story.items)
    view = build_story_view(story.id, story.items, versions=versions)
    data = view.to_dict()
    for group in data["claim_groups"]:
        group["graph"] = view.graph(str(group["id"])).to_dict()
    if story.title and not data.get("title"):
        data["title"] = story.title
    return data


def build_document(
    stories: Sequence[StoryItems], *, versions: Mapping[str, Sequence[Article]] | None = None
) -> dict[str, Any]:
    """The whole report document: every article and every story's view."""
    articles = [
        article_entry(article, analysis, story.id)
        for story in stories
        for article, analysis in story.items
    ]
    return {
        "articles": articles,
        "stories": [story_to_dict(story, versions=versions) for story in stories],
    }


def render_json(doc: Mapping[str, Any]) -> str:
    """The document as indented UTF-8 JSON text."""
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
