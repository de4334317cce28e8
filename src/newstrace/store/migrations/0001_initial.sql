-- 0001: articles, their full-text index, and the ingest log.
--
-- Migrations run inside one transaction each and must not contain BEGIN/COMMIT.
-- Articles are immutable once stored: a changed text is a new row linked by version_of.

CREATE TABLE articles (
    seq           INTEGER PRIMARY KEY,          -- insertion order; rowid of the FTS index
    id            TEXT NOT NULL UNIQUE,         -- content hash of text + url + outlet
    content_hash  TEXT NOT NULL,                -- SHA-256 of the text alone
    text          TEXT NOT NULL,
    chars         INTEGER NOT NULL,             -- len(text) in code points
    outlet        TEXT,
    url           TEXT,
    canonical_url TEXT,
    title         TEXT,
    byline        TEXT,
    published     TEXT,
    updated       TEXT,
    language      TEXT,
    site_name     TEXT,
    source        TEXT,
    version_of    TEXT REFERENCES articles (id),
    notes_json    TEXT NOT NULL DEFAULT '[]',
    removed_json  TEXT NOT NULL DEFAULT '[]',
    extra_json    TEXT NOT NULL DEFAULT '{}',
    added_at      TEXT NOT NULL
);

CREATE INDEX articles_content_hash ON articles (content_hash);
CREATE INDEX articles_url ON articles (url);
CREATE INDEX articles_canonical_url ON articles (canonical_url);
CREATE INDEX articles_version_of ON articles (version_of);

-- What the full-text index sees: title and text with ё/Ё folded to е/Е, since Russian
-- writing drops the diaeresis freely and unicode61 does not fold it.
CREATE VIEW articles_fts_source (seq, title, text) AS
SELECT seq,
       replace(replace(title, 'ё', 'е'), 'Ё', 'Е'),
       replace(replace(text, 'ё', 'е'), 'Ё', 'Е')
FROM articles;

CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title,
    text,
    content = 'articles_fts_source',
    content_rowid = 'seq',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text)
    SELECT seq, title, text FROM articles_fts_source WHERE seq = new.seq;
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES (
        'delete',
        old.seq,
        replace(replace(old.title, 'ё', 'е'), 'Ё', 'Е'),
        replace(replace(old.text, 'ё', 'е'), 'Ё', 'Е')
    );
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES (
        'delete',
        old.seq,
        replace(replace(old.title, 'ё', 'е'), 'Ё', 'Е'),
        replace(replace(old.text, 'ё', 'е'), 'Ё', 'Е')
    );
    INSERT INTO articles_fts (rowid, title, text)
    SELECT seq, title, text FROM articles_fts_source WHERE seq = new.seq;
END;

-- One row per input the ingest stage saw: stored, duplicate, new_version, rejected, ...
CREATE TABLE ingest_log (
    seq        INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    input      TEXT NOT NULL,
    outcome    TEXT NOT NULL,
    reason     TEXT,
    article_id TEXT
);

CREATE INDEX ingest_log_article_id ON ingest_log (article_id);
