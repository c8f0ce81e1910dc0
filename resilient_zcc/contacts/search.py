"""Full-text search over the directory: one document per person, refreshed on every change."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from ..settings import get_setting
from .phones import digits_variants, display_phone
from .vocabulary import PHONE_KINDS

if TYPE_CHECKING:
    from ..store import Store

# Which people a change to a row of each table can alter the search document of.
_AFFECTED_PEOPLE = {
    "people": "SELECT value FROM json_each(:ids)",
    "organisations": "SELECT id FROM people WHERE organisation_id IN "
    "(SELECT value FROM json_each(:ids))",
    "functions": "SELECT person_id FROM roles WHERE function_id IN "
    "(SELECT value FROM json_each(:ids))",
    "roles": "SELECT person_id FROM roles WHERE id IN (SELECT value FROM json_each(:ids))",
    "channels": "SELECT owner_id FROM channels WHERE owner_type = 'person' AND id IN "
    "(SELECT value FROM json_each(:ids)) UNION SELECT r.person_id FROM roles r "
    "JOIN channels c ON c.owner_id = r.function_id WHERE c.owner_type = 'function' "
    "AND c.id IN (SELECT value FROM json_each(:ids))",
}

# Phone numbers are indexed as E.164 digits and, for Dutch ones, as dialled at home (0...).
_NUMBERS = (
    "SELECT group_concat(replace(c.value, '+', '') || CASE WHEN c.value LIKE '+31%' "
    "THEN ' 0' || substr(c.value, 4) ELSE '' END, ' ') FROM channels c "
    "WHERE c.deleted = 0 AND c.kind IN ('direct', 'mobile', 'piket', 'satellite') AND ("
    "(c.owner_type = 'person' AND c.owner_id = p.id) OR (c.owner_type = 'function' AND "
    "c.owner_id IN (SELECT function_id FROM roles WHERE person_id = p.id AND deleted = 0)))"
)

_DOCUMENTS = f"""
INSERT INTO contact_search (rowid, person_id, name, organisation, functions, numbers)
SELECT d.doc, p.id, p.name, coalesce(o.name, '') || ' ' || coalesce(o.short_name, ''),
       (SELECT group_concat(f.name, ' ') FROM roles r JOIN functions f ON f.id = r.function_id
        WHERE r.person_id = p.id AND r.deleted = 0 AND f.deleted = 0),
       ({_NUMBERS})
FROM people p JOIN contact_search_docs d ON d.person_id = p.id
LEFT JOIN organisations o ON o.id = p.organisation_id
WHERE p.deleted = 0 AND p.id IN (SELECT value FROM json_each(:ids))
"""


def refresh_search_index(store: Store, touched: set[tuple[str, str]]) -> None:
    """Rebuild the documents of every person the touched rows can affect."""
    by_table: dict[str, list[str]] = {}
    for table, row_id in touched:
        if table in _AFFECTED_PEOPLE:
            by_table.setdefault(table, []).append(row_id)
    if not by_table:
        return
    people: set[str] = set()
    for table, ids in by_table.items():
        rows = store.conn.execute(_AFFECTED_PEOPLE[table], {"ids": json.dumps(ids)})
        people.update(row[0] for row in rows if row[0])
    people_json = json.dumps(sorted(people))
    store.conn.execute(
        "DELETE FROM contact_search WHERE rowid IN (SELECT doc FROM contact_search_docs "
        "WHERE person_id IN (SELECT value FROM json_each(?)))",
        (people_json,),
    )
    store.conn.execute(
        "INSERT OR IGNORE INTO contact_search_docs (person_id) SELECT value FROM json_each(?)",
        (people_json,),
    )
    store.conn.execute(_DOCUMENTS, {"ids": people_json})


_NUMBER_RUN = re.compile(r"[+(]?\d[\d\s().\-/]*")


def fts_query(text: str) -> tuple[str, bool]:
    """Turn what a user types into an FTS5 query: every word as a prefix, numbers joined up.

    Also says whether the query has words: only those are worth ranking.
    """
    terms = []
    rest = text
    for match in _NUMBER_RUN.finditer(text):
        variants = digits_variants(match.group())
        if len(variants) > 1 and len(variants[0]) >= 3:
            # As typed (in any column, e.g. "Post 003") or as stored (+31...) among the numbers.
            typed, *stored = variants
            alternatives = [f'"{typed}"*', *(f'numbers : "{v}"*' for v in stored)]
            terms.append("(" + " OR ".join(alternatives) + ")")
        elif variants:
            terms.append(f'"{variants[0]}"*')
        rest = rest.replace(match.group(), " ", 1)
    words = re.findall(r"\w+", rest)
    terms += ['"' + word.replace('"', "") + '"*' for word in words]
    return " AND ".join(terms), bool(words)


def search_people(store: Store, text: str, limit: int = 50) -> list[str]:
    """Person ids matching `text`, best first.

    A number prefix such as "06" matches most of the region, and every match is as good as
    the next; ranking them all would cost tens of milliseconds, so number-only searches
    return the first matches unranked.
    """
    query, has_words = fts_query(text)
    if not query:
        return []
    order = "ORDER BY bm25(contact_search, 0, 10, 4, 4, 2)" if has_words else ""
    rows = store.conn.execute(
        f"SELECT person_id FROM contact_search WHERE contact_search MATCH ? {order} LIMIT ?",
        (query, limit),
    ).fetchall()
    return [row[0] for row in rows]


@lru_cache(maxsize=4096)  # the same function and organisation names come back every keystroke
def fold(text: str) -> str:
    """Accent- and case-insensitive form: 'Crisiscoördinator' -> 'crisiscoordinator'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().strip()


@dataclass(frozen=True)
class SearchResult:
    """One row of the result list: who, in which function, on duty or not, the first number."""

    person_id: str
    name: str
    function: str  # the functions held; those on duty and those the query names first
    organisation: str
    on_duty: bool  # on a rota now, for a function the query names (any, if it names none)
    stale: bool
    first_kind: str  # the first phone channel in fallback order ('' when there is none)
    first_number: str  # that number in national form, in full
    first_dialable: str  # and in dialable form (E.164)


# Everything a result row shows, for all candidates at once: one read, by the indexes.
_ROWS = """
SELECT p.id, p.name, p.last_verified_at, coalesce(o.name, '') AS organisation,
  (SELECT json_group_array(json_array(f.name, coalesce(fo.name, ''),
          coalesce(fo.short_name, ''), EXISTS (SELECT 1 FROM rota_shifts s
            WHERE s.person_id = p.id AND s.function_id = f.id AND s.deleted = 0
            AND s.starts_at <= :now AND s.ends_at > :now)))
   FROM (SELECT function_id FROM roles WHERE person_id = p.id AND deleted = 0 UNION
         SELECT function_id FROM rota_shifts WHERE person_id = p.id AND deleted = 0
         AND starts_at <= :now AND ends_at > :now) held
   JOIN functions f ON f.id = held.function_id AND f.deleted = 0
   LEFT JOIN organisations fo ON fo.id = f.organisation_id) AS functions,
  (SELECT json_array(c.kind, c.value) FROM channels c
   WHERE c.owner_id = p.id AND c.owner_type = 'person' AND c.deleted = 0
   AND c.kind IN ('direct', 'mobile', 'piket', 'satellite')
   ORDER BY c.fallback_order, c.id LIMIT 1) AS first
FROM json_each(:ids) wanted CROSS JOIN people p ON p.id = wanted.value AND p.deleted = 0
LEFT JOIN organisations o ON o.id = p.organisation_id
"""  # CROSS JOIN: look the few ids up, rather than read every person by the deleted index


def search_results(
    store: Store, text: str, limit: int = 50, now: datetime | None = None
) -> list[SearchResult]:
    """The people matching `text`, ranked: on duty now (for a function the query names)
    first, then the function whose organisation the query names most exactly, fresh entries
    before stale ones, then by relevance."""
    return _results(store, search_people(store, text, limit), text, now)


def results_for(
    store: Store, person_ids: list[str], now: datetime | None = None
) -> list[SearchResult]:
    """Result rows for given people (e.g. one just renamed), in the same ranking."""
    return _results(store, person_ids, "", now)


def _results(store: Store, ids: list[str], text: str, now: datetime | None) -> list[SearchResult]:
    if not ids:
        return []
    now = now or datetime.now(UTC)
    moment = now.astimezone(UTC).isoformat(timespec="seconds")
    limit_days = get_setting(store, "contacts.stale_after_days")
    cutoff = (now - timedelta(days=limit_days)).astimezone(UTC).isoformat(timespec="seconds")
    words = [w for w in re.findall(r"\w+", fold(text)) if not w.isdigit()]
    rows = {r["id"]: r for r in store.query(_ROWS, {"ids": json.dumps(ids), "now": moment})}
    ranked = []
    for relevance, person_id in enumerate(ids):
        row = rows.get(person_id)
        if row is None:
            continue
        functions = json.loads(row["functions"] or "[]")
        named = [f for f in functions if _names(words, f[0])] or functions
        duties = [f for f in named if f[3]]
        fit = max((_org_fit(words, f[1], f[2]) for f in duties or named), default=0.0)
        stale = not row["last_verified_at"] or row["last_verified_at"] < cutoff
        order = sorted(functions, key=lambda f: (not f[3], f not in named, f[0]))
        kind, value = json.loads(row["first"]) if row["first"] else ("", "")
        result = SearchResult(
            person_id,
            row["name"],
            ", ".join(dict.fromkeys(f[0] for f in order)),
            row["organisation"],
            bool(duties),
            stale,
            kind,
            display_phone(value) if kind in PHONE_KINDS else value,
            value,
        )
        ranked.append(((not duties, -fit, stale, relevance), result))
    ranked.sort(key=lambda pair: pair[0])
    return [result for _key, result in ranked]


@lru_cache(maxsize=4096)
def _parts(name: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", fold(name)))


def _names(words: list[str], name: str) -> bool:
    """Whether a typed word starts a word of `name` (accents and case ignored)."""
    return any(part.startswith(word) for word in words for part in _parts(name))


def _org_fit(words: list[str], name: str, short_name: str) -> float:
    """The share of the organisation's (short) name the query names: 'zgt' fits 'ZGT'
    better than 'ZGT Almelo'."""
    best = 0.0
    for candidate in (name, short_name):
        parts = _parts(candidate)
        if parts:
            hits = sum(any(part.startswith(w) for w in words) for part in parts)
            best = max(best, hits / len(parts))
    return best
