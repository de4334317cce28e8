-- 0002: stories, their members (with the evidence that rebuilds the clusterer) and the log
-- of every story change (new, join, duplicate, move, merge).
--
-- Story ids are stable: a story is named after its first article; a merged story keeps its
-- row with merged_into pointing at the story that absorbed it.

CREATE TABLE stories (
    id          TEXT PRIMARY KEY,
    created_seq INTEGER NOT NULL,                 -- story_members.seq of its first article
    merged_into TEXT REFERENCES stories (id),
    title       TEXT NOT NULL DEFAULT '',
    summary     TEXT NOT NULL DEFAULT '',
    first_date  TEXT,
    last_date   TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE INDEX stories_merged_into ON stories (merged_into);

CREATE TABLE story_members (
    seq              INTEGER PRIMARY KEY,         -- the order the clusterer saw the articles
    article_id       TEXT NOT NULL UNIQUE REFERENCES articles (id),
    story_id         TEXT NOT NULL REFERENCES stories (id),
    score            REAL NOT NULL,
    duplicate_of     TEXT,
    explanation_json TEXT NOT NULL DEFAULT '{}',
    evidence_json    TEXT NOT NULL,               -- compact evidence, to rebuild the clusterer
    embedding        BLOB,                        -- float32 vector, when embeddings are on
    added_at         TEXT NOT NULL
);

CREATE INDEX story_members_story ON story_members (story_id, seq);

CREATE TABLE story_log (
    seq            INTEGER PRIMARY KEY,
    at             TEXT NOT NULL,
    kind           TEXT NOT NULL,                 -- new, join, duplicate, move, merge
    story_id       TEXT NOT NULL,
    article_id     TEXT,
    other_story_id TEXT,
    detail         TEXT NOT NULL DEFAULT ''
);

CREATE INDEX story_log_story ON story_log (story_id);
