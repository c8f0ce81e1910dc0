"""Full-text search over the directory: one document per person, refreshed on every change."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from .phones import digits_variants

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
