"""Full-text search: kept in step by triggers, ranked by recency or bm25, same schema as 0002."""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from pathlib import Path

import pytest
from sqlalchemy import text, update
from sqlmodel import col

from console import search
from console.queue import QueueFilter, SortOrder, count, page, resolve_text
from console.search import (
    Word,
    folded,
    fts_query,
    query_words,
    rebuild_search_index,
    search_ids,
    ts_query,
    written_pattern,
)
from console.store import Store
from models import Message, Ticket
from tests.factories import add_tickets


def _say(store: Store, ticket_id: int, body: str, kind: str = "customer") -> int:
    with store.write() as session:
        message = Message(ticket_id=ticket_id, kind=kind, body=body)
        session.add(message)
        session.flush()
        assert message.id is not None
        return message.id


def _integrity_ok(store: Store) -> None:
    with store.engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO ticket_search (ticket_search, rank) VALUES ('integrity-check', 1)"
        )


def test_subjects_are_found(store: Store) -> None:
    ids = add_tickets(store, 20)
    assert search_ids(store, "Question 7") == [ids[7]]


def test_a_new_message_is_found_through_its_ticket(store: Store) -> None:
    ids = add_tickets(store, 5)
    _say(store, ids[2], "Mon colis est arrivé cassé")
    assert search_ids(store, "colis") == [ids[2]]
    assert search_ids(store, "casse") == [ids[2]], "accents are folded"
    _integrity_ok(store)


def test_a_second_message_keeps_the_first_searchable(store: Store) -> None:
    ids = add_tickets(store, 3)
    _say(store, ids[0], "zebulon")
    _say(store, ids[0], "kangourou", kind="agent")
    assert search_ids(store, "zebulon") == search_ids(store, "kangourou") == [ids[0]]
    assert search_ids(store, "zebulon kangourou") == [ids[0]], "words of two messages combine"
    _integrity_ok(store)


def test_edits_and_deletions_follow(store: Store) -> None:
    ids = add_tickets(store, 3)
    message = _say(store, ids[1], "ornithorynque")
    with store.write() as session:
        session.execute(text("UPDATE message SET body = 'tatou' WHERE id = :id"), {"id": message})
        session.execute(
            text("UPDATE ticket SET subject = 'Renamed', ai_answer = 'koala' WHERE id = :id"),
            {"id": ids[2]},
        )
    assert search_ids(store, "ornithorynque") == []
    assert search_ids(store, "tatou") == [ids[1]]
    assert search_ids(store, "koala") == search_ids(store, "renamed") == [ids[2]]
    with store.write() as session:
        session.execute(text("DELETE FROM message WHERE id = :id"), {"id": message})
    assert search_ids(store, "tatou") == []
    _integrity_ok(store)


def test_a_message_moved_to_another_ticket_moves_its_words(store: Store) -> None:
    ids = add_tickets(store, 3)
    message = _say(store, ids[0], "hérisson")
    with store.write() as session:
        session.execute(
            text("UPDATE message SET ticket_id = :to WHERE id = :id"), {"to": ids[1], "id": message}
        )
    assert search_ids(store, "herisson") == [ids[1]]
    _integrity_ok(store)


def test_the_ai_answer_is_searched(store: Store) -> None:
    ids = add_tickets(store, 3, ai_answer="Votre remboursement arrive sous cinq jours")
    _say(store, ids[0], "Votre remboursement arrive sous cinq jours", kind="ai_assistant")
    assert sorted(search_ids(store, "remboursement")) == sorted(ids)
    _integrity_ok(store)


@pytest.mark.parametrize(
    "hostile",
    ['"', "AND", "OR NOT", "NEAR(", "subject:x", "*", "a\"b'c", "^x", "-", "((", "a_b",
     "question_7", "_", "a & b | !c:*", "'", "\\", "x" * 3000, "\u19b0a\u19b1b"],
)  # fmt: skip
def test_operators_typed_by_an_agent_are_inert(store: Store, hostile: str) -> None:
    add_tickets(store, 3)
    assert isinstance(search_ids(store, hostile), list)


def test_an_underscore_separates_words(store: Store) -> None:
    ids = add_tickets(store, 20)
    assert search_ids(store, "question_7") == search_ids(store, "Question 7") == [ids[7]]


def test_words_split_between_the_subject_and_a_message_find_their_ticket(store: Store) -> None:
    ids = add_tickets(store, 3)
    _say(store, ids[1], "Colis jamais reçu")
    assert search_ids(store, "question colis") == [ids[1]]
    assert search_ids(store, "quest* col*") == [ids[1]]


def test_query_words_are_quoted() -> None:
    assert fts_query('colis OR "x" NEAR(') == '"colis" "OR" "x" "NEAR"'
    assert fts_query("rembours*") == '"rembours"*'
    assert fts_query("  ,;  ") == ""
    assert fts_query("a_b colis colis") == '"a" "b" "colis"'


def test_both_stores_take_the_same_words() -> None:
    assert query_words('colis* OR "x" a_b  col** colis* Été') == [
        Word("colis", prefix=True), Word("OR"), Word("x"), Word("a"), Word("b"),
        Word("col", prefix=True), Word("Été"),
    ]  # fmt: skip
    assert query_words("a & b | !c:*") == [Word("a"), Word("b"), Word("c")]
    assert query_words("*, ' \" _ :*") == []
    assert ts_query(Word("omega")) == "'omega'"
    assert ts_query(Word("col", prefix=True)) == "'col':*"
    assert ts_query(Word("0185054")) == "'0185054' | '-0185054' | '+0185054'"
    assert ts_query(Word("018", prefix=True)) == "'018':* | '-018':* | '+018':*"
    with pytest.raises(ValueError):
        ts_query(Word("a'b"))


def test_words_are_folded_as_fts5_folds_them() -> None:
    assert folded("Reçu ÉTÉ À garçon mañana Rückgabe") == "Recu ETE A garcon manana Ruckgabe"
    assert folded("Zażółć gęślą jaźń, Łódź") == "Zazołc gesla jazn, Łodz", "ł has no accent"
    assert folded("Straße groß ẞ") == "Straße groß ẞ", "nor has ß"
    assert folded("re\u0301ception ǖ ấ") == "reception u a", "decomposed, or two accents"
    assert folded("øæœ ĳ й ǣ") == "øæœ ĳ й ǣ", "letters not made of an ASCII letter stay"
    assert ts_query(Word("Reçu")) == "'Recu'"
    assert ts_query(Word("gęśl", prefix=True)) == "'gesl':*"


def _fts5_tokens(texts: list[str]) -> list[list[str]]:
    """The distinct tokens FTS5 makes of each text (detail='column' keeps no order)."""
    connection = sqlite3.connect(":memory:")
    connection.execute(search.SQLITE_TABLE.replace("content='ticket_search_document', ", ""))
    connection.execute(
        "CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, ticket_search, 'instance')"
    )
    connection.executemany(
        "INSERT INTO ticket_search (rowid, subject, ai_answer, messages) VALUES (?, ?, '', '')",
        enumerate(texts),
    )
    tokens: list[list[str]] = [[] for _ in texts]
    for term, doc in connection.execute("SELECT term, doc FROM terms ORDER BY doc, offset"):
        tokens[doc].append(term)
    return tokens


def test_python_folds_every_latin_letter_as_fts5_does() -> None:
    # Latin-1, Latin Extended-A and -B, Latin Extended Additional: every letter of en es it fr
    # nl de pt pl and more. FTS5 also folds the case of ſ (to s) and keeps ǡ; PostgreSQL does not.
    letters = [
        chr(code)
        for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]
        if query_words(chr(code)) == [Word(chr(code))] and chr(code) not in "ſẛǠǡ"
    ]
    assert len(letters) > 500
    tokens = _fts5_tokens([f"a{letter}a" for letter in letters])
    differ = [
        (letter, found)
        for letter, found in zip(letters, tokens, strict=True)
        if found != [f"a{folded(letter).lower()}a"]
    ]
    assert differ == []
    assert _fts5_tokens(["aſa", "aẛa", "aǠa"]) == [["asa"], ["asa"], ["aǡa"]]


def test_a_word_is_let_through_however_its_letters_are_written() -> None:
    def passes(typed: str, written: str, prefix: bool = False) -> bool:
        return re.search(written_pattern(Word(typed, prefix)), written) is not None

    for typed in ("reçu", "recu", "REÇU", "Recu"):
        for written in ("reçu", "recu", "REÇU", "RECU", "re\u0301c\u0327u", "Colis reçu."):
            assert passes(typed, written), (typed, written)
    for typed in ("zażółć", "zazołc", "ZAŻÓłĆ"):
        for written in ("Zażółć", "ZAŻÓŁĆ", "zazołc", "za\u0307zo\u0301łc\u0301"):
            assert passes(typed, written), (typed, written)
    assert passes("straße", "STRAẞE")
    assert passes("ǽ", "æ\u0301")
    assert passes("가", "\u1100\u1161"), "Hangul decomposed"
    assert passes("0185054", "GV-0185054")
    assert passes("b", "-19b")
    assert passes("19", "-19b")
    assert passes("rec", "reçus", prefix=True)
    # What the parser would not take for the word.
    assert not passes("zazolc", "zazołc"), "ł is another letter"
    assert not passes("strasse", "straße")
    assert not passes("de", "order")
    assert not passes("de", "deux")
    assert not passes("rec", "reçus")
    assert not passes("019", "2019")


def test_past_the_spellings_read_nothing_decomposes_or_has_a_case() -> None:
    assert [
        hex(code)
        for code in range(search.SPELLINGS_BELOW, 0x110000)
        if unicodedata.normalize("NFD", chr(code)) != chr(code)
        or chr(code).lower() != chr(code)
        or chr(code).upper() != chr(code)
    ] == []


def test_a_folded_word_is_never_syntax() -> None:
    letters = [
        chr(code)
        for code in range(0x110000)
        if not 0xD800 <= code < 0xE000 and query_words(chr(code)) == [Word(chr(code))]
    ]
    unsafe = [
        letter for letter in letters if re.search(r"[\x00-\x2f:-@\[-`{-\x7f]", folded(letter))
    ]
    assert unsafe == []


def test_every_letter_a_word_keeps_is_one_token_for_fts5() -> None:
    # A quoted word FTS5 splits in two would be a phrase, refused with detail='column'.
    connection = sqlite3.connect(":memory:")
    connection.execute(search.SQLITE_TABLE.replace("content='ticket_search_document', ", ""))
    letters = [
        chr(code)
        for code in range(0x110000)
        if not 0xD800 <= code < 0xE000 and query_words(chr(code)) == [Word(chr(code))]
    ]
    assert len(letters) > 100_000
    for start in range(0, len(letters), 500):
        word = "a" + "".join(letters[start : start + 500])
        connection.execute(
            "SELECT count(*) FROM ticket_search WHERE ticket_search MATCH ?", (fts_query(word),)
        ).fetchone()


def test_common_words_come_newest_first(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "SELECTIVE_UP_TO", 5)
    ids = add_tickets(store, 30)
    assert search_ids(store, "question", 10) == sorted(ids, reverse=True)[:10]


def test_selective_words_are_ranked_by_relevance(store: Store) -> None:
    ids = add_tickets(store, 10)
    _say(store, ids[3], "lampe lampe lampe lampe")
    _say(store, ids[8], "une lampe, un livre, une table et beaucoup d'autres choses encore")
    assert search_ids(store, "lampe") == [ids[3], ids[8]]


def test_search_within_a_view(store: Store) -> None:
    chats = add_tickets(store, 5, channel="chat", queue_key="chat:fr", language="fr")
    add_tickets(store, 5, seed=2, channel="email", queue_key="email:fr", language="fr")
    view = QueueFilter(channels=("chat",), text="question")
    resolved = resolve_text(store, view)
    assert resolved.ticket_ids is not None
    assert sorted(resolved.ticket_ids) == sorted(chats)
    assert count(store, resolved) == 5
    rows = page(store, resolved, SortOrder("created"))
    assert {row.id for row in rows} == set(chats)


def test_rebuild_after_a_bulk_load_without_triggers(store: Store, tmp_path: Path) -> None:
    ids = add_tickets(store, 4)
    database = store.engine.url.database
    assert database is not None
    connection = sqlite3.connect(database, isolation_level=None)
    search.drop_search_triggers(connection)
    connection.execute(
        "INSERT INTO message (ticket_id, kind, body, created_at) "
        "VALUES (?, 'customer', 'capybara', '2026-11-24 09:00:00')",
        (ids[1],),
    )
    assert search_ids(store, "capybara") == []
    rebuild_search_index(connection)
    connection.close()
    assert search_ids(store, "capybara") == [ids[1]]
    _say(store, ids[2], "wombat")
    assert search_ids(store, "wombat") == [ids[2]], "the triggers are back"
    _integrity_ok(store)


def test_the_migration_and_the_module_agree(store: Store) -> None:
    from importlib import import_module

    migration = import_module("migrations.versions.0002_full_text_search")
    assert migration.SQLITE_TRIGGERS == search.SQLITE_TRIGGERS
    assert migration.SQLITE_VIEW == search.SQLITE_VIEW
    assert migration.SQLITE_TABLE == search.SQLITE_TABLE
    folding = import_module("migrations.versions.0007_search_folds_accents")
    assert folding.PREVIOUS_INDEXES == migration.POSTGRESQL_INDEXES
    # Byte for byte: a query folded otherwise would not read the indexes.
    assert folding.POSTGRESQL_INDEXES == search.POSTGRESQL_INDEXES
    for definition in search.POSTGRESQL_INDEXES.values():
        assert search.POSTGRESQL_TICKET_VECTOR in definition or (
            search.POSTGRESQL_MESSAGE_VECTOR in definition
        )
    assert search.has_search_index(store)


def test_the_migration_indexes_existing_tickets_and_goes_back(store: Store) -> None:
    from alembic import command

    from console.migrate import alembic_config

    ids = add_tickets(store, 3)
    command.downgrade(alembic_config(store), "0001")
    assert not search.has_search_index(store)
    with store.write() as session:
        # The columns of revision 0001 only: the model has more.
        session.execute(update(Ticket).where(col(Ticket.id) == ids[0]).values(subject="Tapir"))
    command.upgrade(alembic_config(store), "head")
    assert search_ids(store, "tapir") == [ids[0]]
