"""The knowledge base: index, search, highlight, "did this answer your question?".

One search function, two backends over the same stems (app.consultations.stemming):
- PostgreSQL: a generated tsvector column `knowledge_entry.search_vector` (`simple` configuration,
  title weighted above body) with a GIN index, queried with `to_tsquery` built from the stems;
- SQLite: an FTS5 table `knowledge_fts` over the same two columns, kept by triggers, ranked by bm25.
Both are created by the migration. The query is built from stems we made ourselves (letters and
digits only), so quotes and operators typed by a person never reach either parser.
All query words must match; when nothing does, entries matching any of them are offered instead.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape
from sqlalchemy import bindparam, func, or_, select, text, update
from sqlalchemy.orm import joinedload

from app.consultations.models import KnowledgeEntry
from app.consultations.stemming import exceptions, stem, stems, stop_words
from app.core.reference.models import Office
from app.extensions import db

NATIONAL_OFFICE = "0000"
MAX_QUERY_TERMS = 12
MAX_QUERY_LENGTH = 500
SNIPPET_WORDS = 36

POSTGRES_SEARCH = text("""
    SELECT e.id, ts_rank(e.search_vector, q.query) AS score
    FROM knowledge_entry e, to_tsquery('simple', :query) AS q(query)
    WHERE e.search_vector @@ q.query AND e.published AND (:all_offices OR e.office_id IN :offices)
    ORDER BY score DESC, e.helpful_count DESC, e.id DESC
    LIMIT :limit
""").bindparams(bindparam("offices", expanding=True))
SQLITE_SEARCH = text("""
    SELECT e.id, -bm25(knowledge_fts, 5.0, 1.0) AS score
    FROM knowledge_fts JOIN knowledge_entry e ON e.id = knowledge_fts.rowid
    WHERE knowledge_fts MATCH :query AND e.published AND (:all_offices OR e.office_id IN :offices)
    ORDER BY score DESC, e.helpful_count DESC, e.id DESC
    LIMIT :limit
""").bindparams(bindparam("offices", expanding=True))


@dataclass(frozen=True)
class Hit:
    entry: KnowledgeEntry
    score: float
    title: Markup
    snippet: Markup


def index(entry: KnowledgeEntry) -> None:
    """Computes the stems the search indexes (the database's index follows the column)."""
    entry.title_stems = " ".join(stems(entry.title))
    entry.stems = " ".join(stems(entry.body))


def reindex(containing: str | None = None) -> int:
    """Re-stems entries (all, or those whose text contains a word), e.g. after the exception list changed."""
    query = select(KnowledgeEntry)
    if containing:
        pattern = f"%{containing.lower()}%"
        query = query.where(or_(func.lower(KnowledgeEntry.title).like(pattern),
                                func.lower(KnowledgeEntry.body).like(pattern)))
    count = 0
    for entry in db.session.scalars(query).yield_per(500):
        index(entry)
        count += 1
    return count


def query_terms(query: str) -> list[str]:
    """The distinct stems of what a person typed, in order; empty when nothing searchable is left."""
    seen: list[str] = []
    for term in stems((query or "")[:MAX_QUERY_LENGTH]):
        if term not in seen:
            seen.append(term)
    return seen[:MAX_QUERY_TERMS]


def offices_searched(office_code: str | None) -> list[int] | None:
    """An office's search covers its own entries, its parents' (province) and the national ones;
    None: every office."""
    if not office_code:
        return None
    rows = db.session.execute(select(Office.id, Office.parent_id, Office.code)).all()
    by_code = {code: (office_id, parent_id) for office_id, parent_id, code in rows}
    parents = {office_id: parent_id for office_id, parent_id, _code in rows}
    if str(office_code) not in by_code:
        return []
    ids, current = set(), by_code[str(office_code)][0]
    while current is not None and current not in ids:
        ids.add(current)
        current = parents.get(current)
    if NATIONAL_OFFICE in by_code:
        ids.add(by_code[NATIONAL_OFFICE][0])
    return sorted(ids)


def _ranked(terms: list[str], joiner: str, offices: list[int] | None, limit: int) -> list[tuple[int, float]]:
    params = {"all_offices": offices is None, "offices": offices or [0], "limit": limit}
    if db.engine.dialect.name == "postgresql":
        statement = POSTGRES_SEARCH.bindparams(query=f" {'&' if joiner == 'AND' else '|'} ".join(terms), **params)
    else:
        statement = SQLITE_SEARCH.bindparams(query=f" {joiner} ".join(f'"{term}"' for term in terms), **params)
    return [(row.id, float(row.score)) for row in db.session.execute(statement)]


def search(query: str, office_code: str | None = None, limit: int = 10) -> list[Hit]:
    """Published entries answering `query`, best first, with the matching words highlighted."""
    terms = query_terms(query)
    offices = offices_searched(office_code)
    if not terms or offices == []:
        return []
    limit = max(1, min(int(limit), 50))
    ranked = _ranked(terms, "AND", offices, limit) or (_ranked(terms, "OR", offices, limit) if len(terms) > 1 else [])
    if not ranked:
        return []
    entries = {entry.id: entry for entry in db.session.scalars(
        select(KnowledgeEntry).options(joinedload(KnowledgeEntry.office), joinedload(KnowledgeEntry.topic))
        .where(KnowledgeEntry.id.in_([entry_id for entry_id, _ in ranked])))}
    wanted = set(terms)
    return [Hit(entries[entry_id], round(score, 4), highlight(entries[entry_id].title, wanted),
                snippet(entries[entry_id].body, wanted)) for entry_id, score in ranked if entry_id in entries]


_TOKENS = re.compile(r"([0-9A-Za-z]+)")


def _matches(token: str, wanted: set[str], overrides: dict[str, str], stop: frozenset[str]) -> bool:
    word = token.lower()
    return word not in stop and stem(word, overrides) in wanted


def highlight(text_: str, wanted: set[str]) -> Markup:
    """The text with every word whose stem was searched for in <mark>, everything else escaped."""
    overrides, stop = exceptions(), stop_words()
    parts = _TOKENS.split(text_ or "")
    # Odd parts are words of letters and digits (nothing to escape); the rest is escaped.
    return Markup("".join(f"<mark>{part}</mark>" if position % 2 and _matches(part, wanted, overrides, stop)
                          else str(escape(part)) for position, part in enumerate(parts)))


def snippet(body: str, wanted: set[str]) -> Markup:
    """A passage of the body around the first searched word, highlighted."""
    overrides, stop = exceptions(), stop_words()
    tokens = (body or "").split()
    first = next((i for i, token in enumerate(tokens)
                  if any(_matches(w, wanted, overrides, stop) for w in _TOKENS.findall(token))), 0)
    start = max(0, first - SNIPPET_WORDS // 3)
    passage = " ".join(tokens[start:start + SNIPPET_WORDS])
    return (Markup("… ") if start else Markup("")) + highlight(passage, wanted) + \
        (Markup(" …") if start + SNIPPET_WORDS < len(tokens) else Markup(""))


def record_helpful(entry_id: int) -> bool:
    """A searcher said the entry answered their question; False when there is no such published entry."""
    result = db.session.execute(update(KnowledgeEntry).where(
        KnowledgeEntry.id == entry_id, KnowledgeEntry.published.is_(True))
        .values(helpful_count=KnowledgeEntry.helpful_count + 1).execution_options(synchronize_session=False))
    db.session.commit()
    return result.rowcount == 1



def publish_answer(record, ctx) -> None:
    """Effect of `publish_answer`: the closed consultation's question (rewritten by the officer without
    personal data) and its answer become, or update, a published entry of the office."""
    from app.consultations.models import ENTRY_ANSWER

    entry = db.session.scalars(select(KnowledgeEntry).where(KnowledgeEntry.consultation_id == record.id)).first()
    if entry is None:
        entry = KnowledgeEntry(consultation_id=record.id, office_id=record.office_id, kind=ENTRY_ANSWER,
                               created_by_id=getattr(ctx.user, "id", None))
        db.session.add(entry)
    entry.title, entry.body = ctx.values["title"][:250], ctx.values["answer"]
    entry.topic_id, entry.published = record.topic_id, True
    index(entry)
    db.session.flush()
    ctx.extra_audit["knowledge_entry"] = entry.id


def url_of(entry: KnowledgeEntry) -> str:
    """Where anyone reads the entry."""
    from flask import url_for

    return url_for("KnowledgeView.article", pk=entry.id)
