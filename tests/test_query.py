"""Topic query language: parsing, validation, FTS5 translation and the
ingest-side matcher, checked against real SQLite FTS5."""

from __future__ import annotations

import sqlite3
import time

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from monitor.errors import MonitorError
from monitor.topics import tokens as fts5tokens
from monitor.topics.query import (
    And,
    Document,
    Matcher,
    Near,
    Not,
    Or,
    Phrase,
    QueryError,
    Term,
    parse,
    tokens,
)
from tests.examples import examples

TOKENIZE = "unicode61 remove_diacritics 2"


def _db() -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.execute(f"CREATE VIRTUAL TABLE t USING fts5(title, text, tokenize='{TOKENIZE}')")
    db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, instance)")
    return db


DB = _db()


def sqlite_tokens(text: str) -> list[str]:
    DB.execute("DELETE FROM t")
    DB.execute("INSERT INTO t(rowid, title, text) VALUES (1, '', ?)", (text,))
    rows = DB.execute("SELECT term, offset FROM v WHERE col = 'text' ORDER BY offset").fetchall()
    return [term for term, _ in rows]


def fts_matches(fts: str, title: str, text: str) -> bool:
    DB.execute("DELETE FROM t")
    DB.execute("INSERT INTO t(rowid, title, text) VALUES (1, ?, ?)", (title, text))
    return bool(DB.execute("SELECT count(*) FROM t WHERE t MATCH ?", (fts,)).fetchone()[0])


# --- tokenizer ------------------------------------------------------------------

TRICKY = [
    "Izz ad-Din al-Qassam",
    "Agnès Callamard, AGNÈS, agnes",
    "Straße ß ẞ ø Ø İstanbul ı ﬁnance Æsir œuvre ŁÓDŹ ǅ",
    "O'Brien’s — “quoted” «guillemets» ¿qué? 1,000.50 $5 50% #tag @user",
    "東京タワー 中文分词 한국어 テスト",
    "القسام العربية עִבְרִית",
    "emoji 🔥🇵🇸 fire👍🏽 ok",
    "e\u0301cole, a\u0308, x \u0301 y, ９ ⅷ ½ ²",
    "tab\tnew\nline\x00nul under_score",
    "Ωμέγα ΣΊΣΥΦΟΣ σοφός ς",
    "Кириллица Ёж ёж",
    "\ue000private\uf8ff use",
]


@pytest.mark.parametrize("text", TRICKY)
def test_tokens_agree_with_sqlite(text: str) -> None:
    assert tokens(text) == sqlite_tokens(text)


@settings(max_examples=examples(200), deadline=None)
@given(st.text(max_size=40))
def test_tokens_agree_with_sqlite_on_random_text(text: str) -> None:
    assume(not any(0xD800 <= ord(c) < 0xE000 for c in text))
    assert tokens(text) == sqlite_tokens(text)


_SPACES = "".join(sorted(fts5tokens._PY_SPACE))


def test_fast_path_knows_every_python_space() -> None:
    assert {chr(c) for c in range(0x110000) if chr(c).isspace()} == fts5tokens._PY_SPACE


@pytest.mark.parametrize(
    "text",
    [
        " ".join(TRICKY),  # many distinct non-ASCII characters in one text
        "x".join(_SPACES) + " İSTANBUL ǅemal Σ\u0345 ΐ ﬃ Ⅻ ⓐⒶ ＡＢＣ Ꭰꭰ",
        "a\u2003b\xa0c\u3000d\x85e\u2028f — g–h·i",
    ],
)
def test_fast_path_agrees_with_sqlite_and_slow_path(text: str) -> None:
    assert tokens(text) == sqlite_tokens(text) == fts5tokens._slow_tokens(text)


_ALPHABET = "aZ09 -.'éÈüÅßøŁłİıǅΣσςΐКё東京ﬁ½⅛\u0301\u0308\xa0\u2003—·\t\n"


@settings(max_examples=examples(200), deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60))
def test_fast_path_agrees_with_sqlite_on_mixed_text(text: str) -> None:
    assert tokens(text) == sqlite_tokens(text)


def test_phrases_and_prefixes_stay_inside_one_field() -> None:
    for query, title, text, want in [
        ('"b c"', "a b", "c d", False),
        ('"b c"', "a", "b c", True),
        ("b* c", "a", "bx c", True),
        ('"a b"*', "x a", "bee", False),
        ('"a b"*', "x", "a bee", True),
        ("title:bee*", "a bee", "", True),
        ("title:bee*", "a", "bee", False),
    ]:
        assert fts_matches(parse(query).to_fts5(), title, text) is want, query
        assert parse(query).matches(title, text) is want, query
    q = parse("author:(smi*)")
    assert q.matches("smith", "smith", {"author": "Jo Smith"})
    assert not q.matches("smith", "smith", {"author": "Jo"})
    doc = Document.from_texts("ab abc", "b bc x", author="zed")
    for col, toks in [("", "ab abc b bc x"), ("*", "ab abc b bc x zed"), ("text", "b bc x")]:
        for p in ["a", "ab", "abcd", "b", "bc", "c", "x", "xy", "z", "ze", "zed", "zz"] * 2:
            assert doc.has_prefix(col, p) is any(t.startswith(p) for t in toks.split())
    doc = Document.from_texts("", "jo", author="Smith")  # the phrase spans two fields
    assert Matcher({"a": q, "b": parse('"jo smith"')}).match(doc) == ["a"]


# --- parsing and translation ----------------------------------------------------


@pytest.mark.parametrize(
    ("query", "fts"),
    [
        (
            '"crimes against humanity" AND (Hamas OR Qassam)',
            '("crimes against humanity" AND ("hamas" OR "qassam"))',
        ),
        ("Hamas -ceasefire", '("hamas" NOT "ceasefire")'),
        ("-spam Hamas -ads", '("hamas" NOT ("spam" OR "ads"))'),
        ("word*", '"word" *'),
        ('"al qa"*', '"al qa" *'),
        ("NEAR(a b, 10)", 'NEAR("a" "b", 10)'),
        ('NEAR(Hamas "West Bank")', 'NEAR("hamas" "west bank", 10)'),
        ("title:Hamas", 'title : "hamas"'),
        ("text:(a OR b)", '(text : "a" OR text : "b")'),
        ("title:NEAR(x y, 2)", 'title : NEAR("x" "y", 2)'),
        ("al-Qassam", '"al qassam"'),
        ("Izz ad-Din", '("izz" AND "ad din")'),
        ("O'Brien", '"o brien"'),
        ('"a \\"b\\" (c) * NEAR:"', '"a b c near"'),
        ('"OR" and', '("or" AND "and")'),
        ("a OR b c", '("a" OR ("b" AND "c"))'),
        ("a NOT b c", '(("a" NOT "b") AND "c")'),
        ("Agnès", '"agnes"'),
        ("東京 القسام", '("東京" AND "القسام")'),
        ("🔥 fire", '"fire"'),
    ],
)
def test_translation(query: str, fts: str) -> None:
    q = parse(query)
    assert q.to_fts5() == fts
    fts_matches(q.to_fts5(), "", "")  # valid FTS5: no OperationalError


def test_ast_shapes() -> None:
    assert parse("a -b").node == Not(Term("a"), Term("b"))
    assert parse("x*").node == Term("x", prefix=True)
    assert parse("title:al-Qassam").node == Phrase(("al", "qassam"), field="title")
    assert parse("NEAR(a b, 3)").node == Near((Term("a"), Term("b")), 3)
    assert parse("a OR b AND c").node == Or((Term("a"), And((Term("b"), Term("c")))))


def test_other_fields_are_python_only() -> None:
    q = parse("feed:reuters Hamas")
    assert not q.fts_fields_only
    with pytest.raises(QueryError, match="field 'feed:' cannot be searched in the archive"):
        q.to_fts5()
    assert q.matches("Hamas", "", {"feed": "Reuters World"})
    assert not q.matches("Hamas", "", {"feed": "AP"})
    assert not parse("author:smith").matches("smith", "smith")
    assert parse("title:x").fts_fields_only


@pytest.mark.parametrize(
    ("query", "message", "position"),
    [
        ("(Hamas OR x", "unbalanced '('", 1),
        ("a AND (b OR (c)", "unbalanced '('", 7),
        ("a)", "unbalanced ')'", 2),
        ('Hamas "crimes against', "unbalanced '\"'", 7),
        ("Hamas AND", "dangling 'AND'", 7),
        ("Hamas OR", "dangling 'OR'", 7),
        ("(a OR ) b", "dangling 'OR'", 4),
        ("Hamas NOT", "dangling 'NOT'", 7),
        ("AND Hamas", "'AND' needs a term before it", 1),
        ("", "empty query", 1),
        ("   ", "empty query", 1),
        ("🔥", "empty query", 1),
        ("foo:x", "unknown field 'foo:'", 1),
        ("a -foo:x", "unknown field 'foo:'", 4),
        ("-spam", "a query needs at least one positive term", 1),
        ("a OR -b", "a query needs at least one positive term", 6),
        ("*", "'*' must follow a word", 1),
        ("NEAR(a b, x)", "NEAR distance must be a whole number", 11),
        ("NEAR(a b, 3", "unbalanced '('", 5),
        ("title:text:x", "field 'text:' inside 'title:'", 7),
    ],
)
def test_errors_name_the_position(query: str, message: str, position: int) -> None:
    with pytest.raises(QueryError) as info:
        parse(query)
    assert message in str(info.value)
    assert info.value.position == position
    assert str(info.value).endswith(f"at position {position}")
    assert isinstance(info.value, MonitorError)


def test_huge_topics_are_rejected_fast(monkeypatch: pytest.MonkeyPatch) -> None:
    start = time.perf_counter()
    with pytest.raises(QueryError, match="query too long") as info:
        parse(" OR ".join(f"word{i}" for i in range(10_000)))
    assert info.value.position == 2001
    assert time.perf_counter() - start < 0.05
    monkeypatch.setattr("monitor.topics.query.MAX_CHARS", 10**6)  # reach the term limit
    with pytest.raises(QueryError, match="too many terms") as info:
        parse(" OR ".join(f"word{i}" for i in range(10_000)))
    assert info.value.position == len(" OR ".join(f"word{i}" for i in range(1000))) + 5
    assert time.perf_counter() - start < 1.0


def test_warnings() -> None:
    assert parse("Hamas").warnings == ()
    assert any("almost everything" in w for w in parse("the").warnings)
    assert any("almost everything" in w for w in parse("a*").warnings)
    assert any("very short" in w for w in parse("a*").warnings)
    assert any("almost everything" in w for w in parse("Hamas OR of").warnings)
    assert parse("the Hamas").warnings == ()  # AND: Hamas decides
    assert any("ignored" in w for w in parse("Hamas & Fatah").warnings)


# --- matching -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["Izzadin al-Qassam Brigades", "Izz ad-Din al-Qassam", "Izzedine al-Qassam",
     "al-Qassam Brigades commander"],
)  # fmt: skip
def test_qassam_seeds(text: str) -> None:
    for query in ("Qassam", "al-Qassam", '"al Qassam"', "Qass*"):
        q = parse(query)
        assert q.matches("", text)
        assert q.matches(text, "")
        assert fts_matches(q.to_fts5(), "", text)


def test_accents_and_case() -> None:
    assert parse("Agnes").matches("", "Agnès Callamard said")
    assert parse("AGNÈS callamard").matches("agnes CALLAMARD", "")
    assert not parse('"agnes callamard"').matches("agnes", "callamard")  # one column only
    assert parse("NEAR(fire ok, 0)").matches("", "emoji 🔥fire👍 ok")


# --- FTS5 agreement (hypothesis) -----------------------------------------------

WORDS = [
    "hamas",
    "Qassam",
    "al-Qassam",
    "Agnès",
    "agnes",
    "AGNES",
    "O'Brien",
    "brien",
    "izz",
    "ad-Din",
    "din",
    "gaza",
    "Gaza-City",
    "city",
    "ß",
    "東京",
    "ceasefire",
    "cease",
]
FILLER = [" ", " ", " ", ", ", ". ", " — ", " 🔥 ", "-", "'", " (", ") "]

doc_text = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(FILLER)), max_size=12).map(
    lambda parts: "".join(w + f for w, f in parts)
)

QWORDS = ["hamas", "qassam", "al-Qassam", "Agnes", "agnès", "o'brien", "brien", "izz", "din",
          "ad-din", "gaza", "city", "Gaza-City", "ceasefire", "ß", "東京"]  # fmt: skip


@st.composite
def leaf(draw: st.DrawFn, near: bool = False) -> str:
    kind = draw(st.sampled_from(["word", "word", "prefix", "phrase"]))
    if kind == "word":
        return draw(st.sampled_from(QWORDS))
    if kind == "prefix":
        w = draw(st.sampled_from(QWORDS))
        return w[: draw(st.integers(1, max(1, len(w))))].rstrip("-'") + "*"
    words = draw(st.lists(st.sampled_from(QWORDS), min_size=1, max_size=3))
    star = "*" if draw(st.booleans()) else ""
    return '"' + " ".join(words) + '"' + star


@st.composite
def atom(draw: st.DrawFn) -> str:
    if draw(st.integers(0, 4)) == 0:
        items = draw(st.lists(leaf(near=True), min_size=1, max_size=3))
        core = f"NEAR({' '.join(items)}, {draw(st.integers(0, 4))})"
    else:
        core = draw(leaf())
    fld = draw(st.sampled_from(["", "", "", "title:", "text:"]))
    return fld + core


def combine(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    two = st.tuples(children, children)
    return st.one_of(
        two.map(lambda p: f"{p[0]} AND {p[1]}"),
        two.map(lambda p: f"({p[0]} OR {p[1]})"),
        two.map(lambda p: f"{p[0]} NOT ({p[1]})"),
        two.map(lambda p: f"{p[0]} {p[1]}"),
        two.map(lambda p: f"({p[0]}) -({p[1]})"),
    )


queries = st.recursive(atom(), combine, max_leaves=5)


def _parse_or_skip(text: str):  # type: ignore[no-untyped-def]
    try:
        q = parse(text)
    except QueryError:
        assume(False)
    return q


@settings(max_examples=examples(500), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(queries, doc_text, doc_text)
def test_matcher_agrees_with_fts5(query: str, title: str, text: str) -> None:
    q = _parse_or_skip(query)
    fts = q.to_fts5()
    assert q.matches(title, text) == fts_matches(fts, title, text), (fts, title, text)


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(queries, min_size=1, max_size=12), doc_text, doc_text, doc_text)
def test_many_topic_matcher_equals_single_matches(
    texts: list[str], title: str, text: str, author: str
) -> None:
    topics = {}
    for i, t in enumerate(texts):
        try:
            topics[f"t{i}"] = parse(t if i % 3 else f"author:({t})" if "NEAR" not in t else t)
        except QueryError:
            continue
    doc = Document.from_texts(title, text, author=author)
    expected = [n for n, q in topics.items() if q.match_doc(doc)]
    assert Matcher(topics).match(doc) == expected


def test_near_semantics_examples() -> None:
    text = "a b c d e f g"
    for fts, want in [
        ('NEAR("a" "c", 1)', True),
        ('NEAR("a" "d", 1)', False),
        ('NEAR("a b" "d", 1)', True),
        ('NEAR("d" "a", 2)', True),
        ('NEAR("a" "a", 0)', True),
        ('NEAR("a" "c" "e", 1)', False),
        ('NEAR("a" "c" "e", 3)', True),
    ]:
        assert fts_matches(fts, "", text) is want
        assert parse(fts).matches("", text) is want, fts


@pytest.mark.parametrize(
    ("query", "fts"),
    [
        ("Gaza - ceasefire", '("gaza" AND "ceasefire")'),  # a lone dash is punctuation
        ("a -— b", '("a" AND "b")'),  # the dash went with the ignored word
        ("title:🔥 b", '"b"'),  # so did the field
    ],
)
def test_punctuation_never_turns_into_operators(query: str, fts: str) -> None:
    assert parse(query).to_fts5() == fts


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("title:-spam x", "put '-' before the field: -title:spam at position 7"),
        ("NEAR(a b, 2147483648)", "NEAR distance must be at most 999999 at position 11"),
        ("NEAR(" + " ".join(f"w{n}" for n in range(17)) + ", 0)", "NEAR takes at most 16 terms"),
    ],
)
def test_queries_that_would_mislead_or_stall_are_refused(query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse(query)
