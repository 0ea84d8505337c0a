"""Full-text search on PostgreSQL (team mode): subjects, AI answers and messages, within a view."""

from __future__ import annotations

import os
import random
import re
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlmodel import col, select

from console import search
from console.migrate import upgrade
from console.queue import QueueFilter
from console.search import Word, has_search_index, query_words, search_ids
from console.settings import sqlite_url
from console.store import Store
from models import Message, Ticket
from tests.factories import NOW, add_tickets
from tests.pg.server import ThrowawayServer

pytestmark = pytest.mark.pg


@pytest.fixture
def pg_store(pg_url: str) -> Store:
    store = Store(pg_url)
    upgrade(store)
    return store


def test_finds_words_of_subjects_answers_and_messages(pg_store: Store) -> None:
    first, second, third = add_tickets(pg_store, 3, status="new")
    with pg_store.write() as session:
        ticket = session.get(Ticket, first)
        assert ticket is not None
        ticket.subject = "Montre Omega arrivée rayée"
        other = session.get(Ticket, second)
        assert other is not None
        other.ai_answer = "Le remboursement partiel est possible"
        session.add(
            Message(ticket_id=third, kind="customer", body="Colis jamais reçu", created_at=NOW)
        )
    assert has_search_index(pg_store)
    assert search_ids(pg_store, "omega") == [first]
    assert search_ids(pg_store, "remboursement") == [second]
    assert search_ids(pg_store, "colis") == [third]
    assert search_ids(pg_store, "introuvable") == []


def test_search_stays_within_a_view(pg_store: Store) -> None:
    ids = add_tickets(pg_store, 6, status="new", subject="Question livraison")
    with pg_store.write() as session:
        tickets = session.exec(select(Ticket).where(col(Ticket.id).in_(ids))).all()
        chats = {t.id for t in tickets if t.channel == "chat"}
    assert chats, "the fixture has chats"
    assert len(chats) < len(ids), "and other channels, so the view narrows the matches"
    within = QueueFilter(channels=("chat",)).conditions()
    assert set(search_ids(pg_store, "livraison", within=within)) == chats


# -- the same words as FTS5: each somewhere in the ticket, prefixes, nothing typed is syntax ----


def _say(store: Store, ticket_id: int, body: str, kind: str = "customer") -> None:
    with store.write() as session:
        session.add(Message(ticket_id=ticket_id, kind=kind, body=body, created_at=NOW))


def _retitle(store: Store, ticket_id: int, subject: str, ai_answer: str = "") -> None:
    with store.write() as session:
        ticket = session.get(Ticket, ticket_id)
        assert ticket is not None
        ticket.subject = subject
        ticket.ai_answer = ai_answer


def test_words_of_the_subject_and_of_a_message_find_their_ticket(pg_store: Store) -> None:
    first, second, third = add_tickets(pg_store, 3, status="new")
    _retitle(pg_store, first, "Montre Omega arrivée rayée")
    _say(pg_store, first, "Colis jamais reçu")
    _say(pg_store, second, "Mon colis est en retard")
    _retitle(pg_store, third, "Remboursement", ai_answer="Le remboursement partiel est possible")
    _say(pg_store, third, "Et le colis ?", kind="agent")
    assert search_ids(pg_store, "omega colis") == [first]
    assert search_ids(pg_store, "colis omega") == [first]
    assert search_ids(pg_store, "partiel colis") == [third], "the AI answer and a message"
    assert search_ids(pg_store, "colis") == [third, second, first]
    assert search_ids(pg_store, "omega retard") == []


def test_words_of_two_messages_combine(pg_store: Store) -> None:
    first, _ = add_tickets(pg_store, 2, status="new")
    _say(pg_store, first, "zebulon")
    _say(pg_store, first, "kangourou", kind="agent")
    assert search_ids(pg_store, "zebulon kangourou") == [first]


def test_a_trailing_star_searches_a_prefix(pg_store: Store) -> None:
    first, second = add_tickets(pg_store, 2, status="new")
    _retitle(pg_store, first, "Montre Omega arrivée rayée")
    _say(pg_store, first, "Colis jamais reçu")
    assert search_ids(pg_store, "colis*") == [first]
    assert search_ids(pg_store, "col*") == [first]
    assert search_ids(pg_store, "COL*") == [first]
    assert search_ids(pg_store, "omeg* jam*") == [first]
    assert search_ids(pg_store, "coli") == [], "without the star a word is whole"
    assert search_ids(pg_store, "colisage*") == []
    assert search_ids(pg_store, "quest*") == [second]


def test_order_references_are_found_by_their_digits(pg_store: Store) -> None:
    # PostgreSQL's parser reads "-0185054" in "GV-0185054" as a signed number.
    first, _ = add_tickets(pg_store, 2, status="new")
    _retitle(pg_store, first, "Objet arrivé endommagé (GV-0185054)")
    _say(pg_store, first, "Appelez-moi au +33 6 12 34 56 78")
    assert search_ids(pg_store, "GV-0185054") == [first]
    assert search_ids(pg_store, "0185054") == [first]
    assert search_ids(pg_store, "018*") == [first]
    assert search_ids(pg_store, "33 12") == [first]


HOSTILE = [
    "a & b | !c:*", '"', "'", "''", "\\", "\\'", "!", "!!", "&", "|", ":*", "*", "**", "(", "((",
    ")", "<->", "<2>", "a <-> b", "'a':*", "a:*b", "a:A", "a:*A", "-", "+", "--", "%", "_", "a_b",
    "%a%", "a' OR '1'='1", "; DROP TABLE ticket; --", "$1", ":q", "\x00", "\u2028", "é*",
    "NEAR(a b)", "x" * 3000, "colis\\", "col*'", "omega & !colis",
]  # fmt: skip


@pytest.mark.parametrize("hostile", HOSTILE)
def test_what_an_agent_types_is_never_syntax(pg_store: Store, hostile: str) -> None:
    add_tickets(pg_store, 3, status="new")
    assert isinstance(search_ids(pg_store, hostile), list)


def test_operators_are_only_separators(pg_store: Store) -> None:
    first, second = add_tickets(pg_store, 2, status="new")
    _retitle(pg_store, first, "Montre Omega arrivée rayée")
    _say(pg_store, first, "Colis jamais reçu")
    _say(pg_store, second, "Colis perdu")
    assert search_ids(pg_store, "omega & !colis") == [first]
    assert search_ids(pg_store, "'omega' | colis:*") == [first]
    assert search_ids(pg_store, "omega_colis") == [first]


def test_common_words_read_the_newest_tickets_and_agree_with_the_indexes(
    pg_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = add_tickets(pg_store, 10, status="new")
    for matching in (ids[0], ids[6], ids[9]):
        _retitle(pg_store, matching, "Montre Omega")
        _say(pg_store, matching, "Colis jamais reçu")
    _say(pg_store, ids[8], "Colis perdu")
    by_indexes = {limit: search_ids(pg_store, "omega colis", limit) for limit in (1, 2, 3, 5)}
    assert by_indexes[5] == [ids[9], ids[6], ids[0]]
    # Every search now reads the newest tickets first: enough there (1, 2), all of them read
    # (5), or too few there, so that the indexes answer (3).
    monkeypatch.setattr(search, "WALK_COST", 0.0)
    monkeypatch.setattr(search, "RECENT_PROBE", 2)
    walked = []
    walk = search._walk_recent

    def spy(*args: Any) -> Any:
        walked.append(args[-1])
        return walk(*args)

    monkeypatch.setattr(search, "_walk_recent", spy)
    for limit, answer in by_indexes.items():
        walked.clear()
        assert search_ids(pg_store, "omega colis", limit) == answer, limit
        assert walked[0] == 2
    assert search_ids(pg_store, "omega colis", 3, within=[col(Ticket.id) != ids[6]]) == [
        ids[9],
        ids[0],
    ]


# -- the same answers as SQLite ------------------------------------------------------------------


def _fill(store: Store) -> list[int]:
    ids = add_tickets(store, 12, status="new", seed=7)
    texts: list[tuple[int, str, str, list[str]]] = [
        (0, "Montre Omega arrivée rayée", "", ["Colis jamais reçu"]),
        (1, "Colis perdu", "Votre remboursement arrive sous cinq jours", ["Bonjour"]),
        (2, "Objet arrivé endommagé (GV-0185054)", "", ["Photos jointes", "Merci"]),
        (3, "Question paiement", "Le paiement est libéré après la livraison", []),
        (4, "Omega Seamaster", "", ["Le colis est arrivé vide", "Remboursement partiel ?"]),
        (5, "Where is my parcel", "", ["tracking_number 1Z999 please", "call me at +33 6 12"]),
        (6, "Wann kommt mein Paket", "", ["Lieferung verspätet, Paket beschädigt"]),
        (7, "Question", "", ["AND OR NOT NEAR", "a & b | !c:*"]),
        # Accents, as written and without them; "re\u0301ception" is decomposed (NFD).
        (8, "ÉTÉ À PARIS, GARÇON", "", ["Señor, mañana el paquete"]),
        (9, "Rückgabe der Straße", "Die Rücksendung ist groß", ["Zażółć gęślą jaźń, łódź"]),
        (10, "Facture recu", "", ["manana tarde, senor", "garcon"]),
        (11, "Strasse gross", "", ["zazolc gesla jazn lodz", "accuse de re\u0301ception"]),
    ]
    for index, subject, answer, messages in texts:
        _retitle(store, ids[index], subject, answer)
        for body in messages:
            _say(store, ids[index], body)
    return ids


@pytest.fixture(scope="module")
def both_stores(
    pg_server: ThrowawayServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Store, Store]]:
    sqlite = Store(sqlite_url(tmp_path_factory.mktemp("both") / "guichet.db"))
    postgresql = Store(pg_server.create_database(f"guichet_both_{os.getpid()}"))
    for store in (sqlite, postgresql):
        upgrade(store)
    assert _fill(sqlite) == _fill(postgresql)
    yield sqlite, postgresql
    sqlite.dispose()
    postgresql.dispose()


SAME_ANSWERS = [
    "omega", "omega colis", "colis omega", "OMEGA Colis", "omega remboursement", "omeg*",
    "omeg* col*", "col*", "colis*", "coli", "remboursement colis", "rembours* partiel",
    "GV-0185054", "0185054", "018*", "gv", "question", "question paiement", "paiement livraison",
    "question 3", "parcel tracking", "tracking_number", "number 1z999", "1z9*", "33 12", "+33",
    "paket lieferung", "pak* besch*", "and or not near", "a & b | !c:*", "a b c", '"omega"',
    "'omega'", "omega:*", "!colis omega", "introuvable", "omega introuvable", "", "*", "**", "_",
]  # fmt: skip


@pytest.mark.parametrize("strategy", ["indexes", "newest tickets"])
@pytest.mark.parametrize("query", SAME_ANSWERS)
def test_both_stores_give_the_same_tickets(
    both_stores: tuple[Store, Store], query: str, strategy: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    sqlite, postgresql = both_stores
    if strategy == "newest tickets":
        monkeypatch.setattr(search, "WALK_COST", 0.0)
        monkeypatch.setattr(search, "RECENT_PROBE", 3)
    expected = sorted(search_ids(sqlite, query))
    assert sorted(search_ids(postgresql, query)) == expected
    within = QueueFilter(channels=("chat",)).conditions()
    expected = sorted(search_ids(sqlite, query, within=within))
    assert sorted(search_ids(postgresql, query, within=within)) == expected


def test_the_shared_answers_are_not_all_empty(both_stores: tuple[Store, Store]) -> None:
    sqlite, _ = both_stores
    found = {query: search_ids(sqlite, query) for query in SAME_ANSWERS}
    assert sum(1 for ids in found.values() if ids) >= len(SAME_ANSWERS) // 2
    assert len(found["omega colis"]) == 2


def test_accents_are_folded_on_both_stores(both_stores: tuple[Store, Store]) -> None:
    sqlite, postgresql = both_stores
    assert search_ids(sqlite, "recu") != []
    assert search_ids(postgresql, "recu") == search_ids(sqlite, "recu")


# Tickets (by their place in `_fill`) each query finds on both stores. FTS5 (unicode61,
# remove_diacritics 2) folds a letter made of an ASCII letter and accents into that letter, in
# either case, and keeps the others: ł stays ł, ß stays ß (so "strasse" is another word).
ACCENTS: list[tuple[str, set[int]]] = [
    ("reçu", {0, 10}), ("recu", {0, 10}), ("REÇU", {0, 10}), ("RECU", {0, 10}),
    ("été", {8}), ("ete", {8}), ("ÉTÉ", {8}), ("Été", {8}), ("à paris", {8}), ("a paris", {8}),
    ("garçon", {8, 10}), ("garcon", {8, 10}), ("GARÇON", {8, 10}),
    ("mañana señor", {8, 10}), ("manana senor", {8, 10}), ("MAÑANA", {8, 10}),
    ("rückgabe", {9}), ("ruckgabe", {9}), ("RÜCKGABE", {9}), ("rück*", {9}), ("ruck*", {9}),
    ("rücksendung groß", {9}), ("straße", {9}), ("STRASSE", {11}), ("strasse", {11}),
    ("groß", {9}), ("gross", {11}),
    ("gęślą jaźń", {9, 11}), ("gesla jazn", {9, 11}), ("GĘŚLĄ", {9, 11}), ("gęśl*", {9, 11}),
    ("zażółć", {9}), ("zazołc", {9}), ("zazolc", {11}), ("ZAŻÓłĆ", {9}),
    ("łódź", {9}), ("łodz", {9}), ("lodz", {11}), ("łód*", {9}), ("lod*", {11}),
    ("réception", {11}), ("reception", {11}), ("RÉCEPTION accusé", {11}),
]  # fmt: skip


@pytest.mark.parametrize("strategy", ["indexes", "newest tickets"])
@pytest.mark.parametrize(("query", "places"), ACCENTS)
def test_accented_and_plain_words_find_each_other_on_both_stores(
    both_stores: tuple[Store, Store],
    query: str,
    places: set[int],
    strategy: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sqlite, postgresql = both_stores
    if strategy == "newest tickets":
        monkeypatch.setattr(search, "WALK_COST", 0.0)
        monkeypatch.setattr(search, "RECENT_PROBE", 3)
    with sqlite.read() as session:
        ids = list(session.exec(select(Ticket.id).order_by(col(Ticket.id))).all())
    expected = sorted(ids[place] for place in places)
    assert sorted(search_ids(sqlite, query)) == expected, "FTS5"
    assert sorted(search_ids(postgresql, query)) == expected, "PostgreSQL"


@pytest.mark.xfail(
    strict=True,
    reason="case, not accents: a store created with the C locale (as the suite's server is) "
    "lower-cases ASCII letters only, where FTS5 lower-cases Ł, Æ, Й",
)
def test_capital_letters_without_accents_are_lower_cased(both_stores: tuple[Store, Store]) -> None:
    sqlite, postgresql = both_stores
    assert search_ids(sqlite, "ZAŻÓŁĆ") != []
    assert search_ids(postgresql, "ZAŻÓŁĆ") == search_ids(sqlite, "ZAŻÓŁĆ")


def test_postgresql_folds_every_character_as_python_does(pg_store: Store) -> None:
    """The index expressions fold in SQL; the words typed are folded in Python."""
    texts = [
        spelled
        for code in range(1, search.SPELLINGS_BELOW)
        if not 0xD800 <= code < 0xE000
        for spelled in (chr(code), f"A{chr(code)}")
    ]
    with pg_store.read() as session:
        rows = session.execute(
            text(
                f"SELECT t, {search.POSTGRESQL_FOLDED.format('t')} "
                "FROM unnest(CAST(:texts AS text[])) AS t"
            ),
            {"texts": texts},
        ).all()
    assert len(rows) == len(texts)
    assert [(written, folded) for written, folded in rows if folded != search.folded(written)] == []


# -- the indexes are read, and migration 0007 rebuilds them ------------------------------------


def _plans(store: Store, query: str) -> tuple[list[int], str]:
    """The tickets found and the plans of the statements the search ran."""
    statements: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        found = search_ids(store, query)
    finally:
        event.remove(store.engine, "before_cursor_execute", record)
    plans = []
    with store.engine.connect() as connection:
        for statement, parameters in statements:
            rows = connection.exec_driver_sql(f"EXPLAIN {statement}", parameters).all()
            plans.append("\n".join(row[0] for row in rows))
    return found, "\n\n".join(plans)


def test_a_search_reads_the_gin_indexes(pg_store: Store) -> None:
    first, second, third = add_tickets(pg_store, 3, status="new")
    _retitle(pg_store, first, "Reçu introuvable")
    _say(pg_store, second, "Colis jamais reçu")
    _say(pg_store, third, "Colis RECU hier")
    columns = ", ".join(
        column.name
        for column in Ticket.__table__.columns  # type: ignore[attr-defined]
        if column.name not in ("id", "external_ref")
    )
    with pg_store.write() as session:
        # As many rows as make reading them all cost more than the indexes.
        session.execute(
            text(
                f"INSERT INTO ticket ({columns}) SELECT {columns} FROM ticket "
                "CROSS JOIN generate_series(1, 3000) WHERE id = :id"
            ),
            {"id": third},
        )
        session.execute(
            text(
                "INSERT INTO message (ticket_id, kind, body, created_at) "
                "SELECT ticket.id, 'customer', 'Bonjour, le colis numéro ' || ticket.id "
                "|| ' est arrivé cassé, merci de répondre', :now FROM ticket, generate_series(1, 5)"
            ),
            {"now": NOW},
        )
    with pg_store.engine.connect() as connection:
        connection.exec_driver_sql("ANALYZE ticket")
        connection.exec_driver_sql("ANALYZE message")
        connection.commit()
    for query in ("reçu", "RECU", "reç*", "recu jamais"):
        found, plans = _plans(pg_store, query)
        assert sorted(found) == ([second] if "jamais" in query else [first, second, third])
        assert "Bitmap Index Scan on ix_ticket_search" in plans, plans
        assert "Bitmap Index Scan on ix_message_search" in plans, plans
        assert "Seq Scan on message" not in plans, plans


def _index_definitions(store: Store) -> dict[str, str]:
    with store.engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE indexname IN ('ix_ticket_search', 'ix_message_search')"
        ).all()
    return dict(rows)  # type: ignore[arg-type]


def test_the_migration_rebuilds_the_indexes_keeps_the_rows_and_goes_back(pg_store: Store) -> None:
    from alembic import command

    from console.migrate import alembic_config, current_revision

    first, second = add_tickets(pg_store, 2, status="new")
    _retitle(pg_store, first, "Reçu", ai_answer="Le remboursement est parti")
    _say(pg_store, second, "Colis jamais reçu")

    def rows() -> list[Any]:
        with pg_store.engine.connect() as connection:
            return [
                connection.exec_driver_sql(f"SELECT * FROM {table} ORDER BY id").all()
                for table in ("ticket", "message")
            ]

    before = rows()
    folding = _index_definitions(pg_store)
    assert len(folding) == 2
    assert all("normalize(" in definition.lower() for definition in folding.values())
    command.downgrade(alembic_config(pg_store), "0006")
    assert current_revision(pg_store) == "0006"
    assert set(_index_definitions(pg_store)) == set(folding)
    assert not any("normalize(" in d.lower() for d in _index_definitions(pg_store).values())
    assert rows() == before
    command.upgrade(alembic_config(pg_store), "head")
    assert _index_definitions(pg_store) == folding
    assert rows() == before
    assert search_ids(pg_store, "recu") == [second, first]
    assert search_ids(pg_store, "reçu remboursement") == [first]


def test_what_a_ticket_is_checked_for_first_lets_every_word_of_it_through(pg_store: Store) -> None:
    """The regular expression tried on a text as written, before folding it and `to_tsvector`,
    lets through every word PostgreSQL's parser finds in the text, and every prefix of one."""
    rng = random.Random(7)
    pieces = [
        *"abcXYZ0191", "é", "É", "ç", "Ç", "ł", "Ł", "ß", "ñ", "ü", "Ü", "ą", "ź", "ø", "й", "中",
        "e\u0301", "E\u0301", "\u0301", "-", "+", "_", ".", "@", "/", ":", "&", ";", "<", ">", "'",
        " ", " ", "\n", ",", "–", "«", "http://", "www.", ".com", "&amp;", "<b>", "1.2.3", "1e10",
        "-19b", "GV-0185054", "mantê-lo", "0x1f", "~/a", "C:\\x",
    ]  # fmt: skip
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 14))) for _ in range(3000)]
    with pg_store.read() as session:
        rows = session.execute(
            text(
                "SELECT body, tsvector_to_array("
                f"{search.POSTGRESQL_MESSAGE_VECTOR}) FROM unnest(CAST(:texts AS text[])) AS body"
            ),
            {"texts": texts},
        ).all()
    checks: list[tuple[str, Word]] = []
    for body, lexemes in rows:
        for lexeme in lexemes:
            run = re.match(r"[+-]?([^\W_]+)", lexeme)
            if run is None or query_words(run.group(1)) != [Word(run.group(1))]:
                continue
            word = run.group(1)
            if run.end() == len(lexeme):
                checks.append((body, Word(word)))
            checks.extend((body, Word(word[:end], prefix=True)) for end in (1, len(word)))
    assert len(checks) > 10_000
    with pg_store.read() as session:
        missed = session.execute(
            text(
                "SELECT body, pattern FROM unnest(CAST(:bodies AS text[]), "
                "CAST(:patterns AS text[])) AS c(body, pattern) WHERE NOT body ~ pattern"
            ),
            {
                "bodies": [body for body, _ in checks],
                "patterns": [search.written_pattern(word) for _, word in checks],
            },
        ).all()
    assert missed == []
