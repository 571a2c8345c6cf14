"""The store's current tables (SQLAlchemy Core), used by every query.

The tables are *created* by the ordered migrations in ``migrations.py``; migration 1 builds them with
``build_tables``. ``tests/store/test_migrations.py`` pins a checksum of that DDL: changing a table here
must go with a new migration (and a frozen copy of the old ``build_tables`` for migration 1).

Layout: one row per record and one row per list item (``removals``, ``attributions``, ``entities``,
``times``, ``story_articles``, ``claim_mentions``), with ``(parent, idx)`` keys so order is kept.
``articles.lists`` also holds the article's four lists as JSON, written with the rows in the same
transaction: showing an article then takes one indexed read instead of five queries (the list
tables serve search by source, the per-outlet counts and the exports).
Every record table has an ``extra`` column that stays NULL when the columns rebuild the record's
``to_dict()`` exactly, and otherwise holds the whole dict (fields added to ``records.py`` later are
therefore never lost). No autoincrement anywhere: keys are ids and positions we assign, so a run
killed and re-run writes byte-for-byte the same rows as one that was not (PostgreSQL sequences are
not rolled back with a transaction).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator

METADATA = sa.MetaData()


class SafeText(TypeDecorator[str]):
    """Text that PostgreSQL can hold: it rejects NUL characters, so they become U+FFFD there.

    Same length, so character offsets stay valid; SQLite keeps NULs as they are.
    """

    impl = sa.Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: sa.Dialect) -> Any:
        if isinstance(value, str) and dialect.name == "postgresql" and "\x00" in value:
            return value.replace("\x00", "\ufffd")
        return value


def _text(name: str, *args: Any, **kwargs: Any) -> sa.Column[Any]:
    return sa.Column(name, SafeText(), *args, **kwargs)


def _int(name: str, *args: Any, **kwargs: Any) -> sa.Column[Any]:
    return sa.Column(name, sa.Integer(), *args, **kwargs)


def _article_fk(name: str = "article_id") -> sa.Column[Any]:
    return sa.Column(name, SafeText(), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False)


def build_tables(metadata: sa.MetaData) -> dict[str, sa.Table]:
    """Define the tables on ``metadata`` (migration 1 creates exactly these)."""
    t: dict[str, sa.Table] = {}
    t["meta"] = sa.Table("meta", metadata, _text("key", primary_key=True), _text("value"))
    t["articles"] = sa.Table(
        "articles", metadata,
        _text("id", primary_key=True),
        _int("seq", nullable=False, unique=True),
        _int("batch", nullable=False),
        _text("url"), _text("headline"), _text("publisher"),
        _text("published_at"), _text("published_utc"), _text("updated_at"),
        _text("authors", nullable=False),
        _text("dateline"), _text("language"),
        _text("body", nullable=False),
        _text("skipped"), _text("input_source"),
        _text("outlet", nullable=False),
        _int("n_attributions", nullable=False),
        _text("lists", nullable=False),
        _text("extras"), _text("extra"),
        sa.Index("ix_articles_outlet", "outlet"),
        sa.Index("ix_articles_published_utc", "published_utc"),
    )
    t["removals"] = sa.Table(
        "removals", metadata, _article_fk(), _int("idx", nullable=False),
        _text("text", nullable=False), _text("reason", nullable=False), _text("extra"),
        sa.PrimaryKeyConstraint("article_id", "idx"),
    )
    t["attributions"] = sa.Table(
        "attributions", metadata, _article_fk(), _int("idx", nullable=False),
        _text("source_text"), _int("source_start"), _int("source_end"), _text("source_kind"),
        _text("resolved_text"), _int("resolved_start"), _int("resolved_end"),
        _text("cue_text", nullable=False), _int("cue_start", nullable=False), _int("cue_end", nullable=False),
        _text("content_text"), _int("content_start"), _int("content_end"),
        _text("type", nullable=False), _text("stance", nullable=False),
        sa.Column("hedged", sa.Boolean(), nullable=False), _text("method", nullable=False),
        _text("source_name"), _text("outlet", nullable=False), _text("extra"),
        sa.PrimaryKeyConstraint("article_id", "idx"),
        sa.Index("ix_attributions_source", "source_name", "source_kind"),
        sa.Index("ix_attributions_outlet", "outlet"),
    )
    t["entities"] = sa.Table(
        "entities", metadata, _article_fk(), _int("idx", nullable=False),
        _text("text", nullable=False), _text("label", nullable=False),
        _int("start", nullable=False), _int("end", nullable=False), _text("canonical"), _text("extra"),
        sa.PrimaryKeyConstraint("article_id", "idx"),
        sa.Index("ix_entities_canonical", "canonical"),
    )
    t["times"] = sa.Table(
        "times", metadata, _article_fk(), _int("idx", nullable=False),
        _text("text", nullable=False), _int("start", nullable=False), _int("end", nullable=False),
        _text("value"), _text("extra"),
        sa.PrimaryKeyConstraint("article_id", "idx"),
    )
    t["link_records"] = sa.Table(
        "link_records", metadata,
        sa.Column("article_id", SafeText(), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        _text("story_id", nullable=False), _text("duplicate_of"),
        _text("origin_type", nullable=False), _text("origin_source"), _text("origin_article_id"),
        _text("skipped"), _text("extras"), _text("extra"),
        sa.Index("ix_link_records_story", "story_id"),
        sa.Index("ix_link_records_duplicate_of", "duplicate_of"),
        sa.Index("ix_link_records_origin_article", "origin_article_id"),
    )
    t["stories"] = sa.Table(
        "stories", metadata,
        _text("story_id", primary_key=True),
        _text("first_published"), _text("first_published_utc"), _text("title"),
        _int("n_articles", nullable=False), _text("extra"),
        sa.Index("ix_stories_size", "n_articles", "story_id"),
    )
    t["story_articles"] = sa.Table(
        "story_articles", metadata,
        sa.Column("story_id", SafeText(), sa.ForeignKey("stories.story_id", ondelete="CASCADE"), nullable=False),
        _int("position", nullable=False), _text("article_id", nullable=False),
        sa.PrimaryKeyConstraint("story_id", "position"),
        sa.Index("ix_story_articles_article", "article_id"),
    )
    t["claims"] = sa.Table(
        "claims", metadata,
        _text("claim_id", primary_key=True), _text("text", nullable=False),
        _text("first_article_id"), _text("story_id"), _int("n_articles", nullable=False),
        _text("trace"), _text("extra"),
        sa.Index("ix_claims_story", "story_id"),
        sa.Index("ix_claims_size", "n_articles", "claim_id"),
    )
    t["claim_mentions"] = sa.Table(
        "claim_mentions", metadata,
        sa.Column("claim_id", SafeText(), sa.ForeignKey("claims.claim_id", ondelete="CASCADE"), nullable=False),
        _int("position", nullable=False), _text("article_id", nullable=False),
        _text("stance", nullable=False), _text("source"), _text("extra"),
        sa.PrimaryKeyConstraint("claim_id", "position"),
        sa.Index("ix_claim_mentions_article", "article_id"),
    )
    t["sources"] = sa.Table(
        "sources", metadata,
        _text("outlet", nullable=False), _text("name", nullable=False), _text("kind", nullable=False),
        _text("display", nullable=False), _int("mentions", nullable=False), _int("articles", nullable=False),
        sa.PrimaryKeyConstraint("outlet", "name", "kind"),
        sa.Index("ix_sources_name", "name", "kind"),
    )
    t["outlets"] = sa.Table(
        "outlets", metadata,
        _text("outlet", primary_key=True),
        _int("articles", nullable=False), _int("attributions", nullable=False),
        _int("anonymous", nullable=False), _int("unsourced", nullable=False),
        _int("direct", nullable=False), _int("denials", nullable=False),
    )
    t["ingest_runs"] = sa.Table(
        "ingest_runs", metadata,
        _text("run_id", primary_key=True), _text("started_at", nullable=False), _text("finished_at"),
        _text("status", nullable=False), _text("inputs", nullable=False),
        _int("read", nullable=False), _int("added", nullable=False), _int("unchanged", nullable=False),
        _int("skipped", nullable=False), _int("rejected", nullable=False), _int("errors", nullable=False),
        _int("batches", nullable=False),
    )
    t["linker_state"] = sa.Table(
        "linker_state", metadata,
        _int("id", primary_key=True, autoincrement=False),
        _int("version", nullable=False), _int("batches", nullable=False),
        _text("format", nullable=False), sa.Column("data", sa.LargeBinary(), nullable=False),
    )
    return t


TABLES = build_tables(METADATA)
meta = TABLES["meta"]
articles = TABLES["articles"]
removals = TABLES["removals"]
attributions = TABLES["attributions"]
entities = TABLES["entities"]
times = TABLES["times"]
link_records = TABLES["link_records"]
stories = TABLES["stories"]
story_articles = TABLES["story_articles"]
claims = TABLES["claims"]
claim_mentions = TABLES["claim_mentions"]
sources = TABLES["sources"]
outlets = TABLES["outlets"]
ingest_runs = TABLES["ingest_runs"]
linker_state = TABLES["linker_state"]

# Tables whose content is the corpus (compared by the canonical dump); the run log is excluded.
DATA_TABLES = (
    "articles", "removals", "attributions", "entities", "times", "link_records", "stories",
    "story_articles", "claims", "claim_mentions", "sources", "outlets", "linker_state", "meta",
)
