"""The browser's sharded search answers exactly as lunr.js on the full index, and stems as Python does.

Node runs the real lunr.js 2.3.9 (node_modules) twice per query: `lunr.Index.load(full).search(q)` and
the engine on the shards (templates/assets/search-engine.js). Refs, order and scores must be equal
(`===`), for over 1,000 seeded random queries in lunr's syntax (exact, prefix from one letter, typos in
the first two letters, several words, field-scoped, +/-, boosts, leading and inner wildcards, edit
distance 2) and for the site's own search as a visitor types it.
"""

from __future__ import annotations

import dataclasses
import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from builder.content import load_content
from builder.formatting import plain_markdown
from builder.model import build_catalogue
from builder.problems import Problems
from builder.search import shards
from builder.search.documents import SearchDocument, search_documents
from builder.search.dutch import fold, stem, stopwords, tokenize
from builder.search.index import build_index, search, sort_orders, weighted_index
from tests.conftest import ROOT, SAMPLE, SAMPLE_TODAY
from tests.test_search_index import NODE_MODULES

SITE_TEXTS = [
    "verpleegkundige",
    "verpleegkundigen",
    "verpl",
    "financiele",
    "financiële",
    "yoga",
    "privacy",
    "excel",
    "ISO27001",
    "iso 27001",
    "VCA",
    "lassen",
    "lassen assen",
    "werken met mensen",
    "warmtepompen installeeren",
    "heftruck",
    "code 95",
    "mbo4",
    "één",
    "coördinator",
    "zorg groningen",
    "online training",
    "de het een",
    "xqzwv",
    "kinderopvang",
    "leraar",
    "timmerman",
    "zonnepanelen",
    "data python",
    "sql",
]
HAND_PICKED = [
    "verpleegkundige",
    "verpl*",
    "v*",
    "*",
    "a*",
    "zorg~1",
    "zrog~1",
    "ozrg~1",
    "org~1",
    "xzorg~1",
    "title:lassen",
    "title:las* description:las*",
    "+zorg +drenthe",
    "+zorg -drenthe",
    "-zorg",
    "-zorg -lassen",
    "zorg^10 welzijn",
    "*ing",
    "v*e",
    "zorg~2",
    "+onbestaandwoord zorg",
    "keywords:excel~1",
    "e",
    "één",
    "financiele~1",
]


def random_queries(words: list[str], fields: list[str], count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"

    def typo(word: str) -> str:
        position = rng.randint(0, min(1, len(word) - 1))
        kind = rng.choice(["sub", "del", "ins", "swap"])
        if kind == "sub":
            return word[:position] + rng.choice(letters) + word[position + 1 :]
        if kind == "del" and len(word) > 1:
            return word[:position] + word[position + 1 :]
        if kind == "swap" and len(word) > position + 1:
            return word[:position] + word[position + 1] + word[position] + word[position + 2 :]
        return word[:position] + rng.choice(letters) + word[position:]

    def term() -> str:
        word = rng.choice(words)
        shape = rng.random()
        if shape < 0.3:
            return word
        if shape < 0.6:
            return word[: rng.randint(1, len(word))] + "*"
        if shape < 0.85:
            return typo(word) + "~1"
        if shape < 0.9:
            return word + "~1"
        return word[: rng.randint(1, 3)] + "*" + word[-1:]

    queries = []
    for n in range(count):
        parts = [term() for _ in range(1 if n % 3 else rng.randint(2, 3))]
        decorated = []
        for part in parts:
            roll = rng.random()
            if roll < 0.12:
                part = rng.choice(fields) + ":" + part
            elif roll < 0.22:
                part = "+" + part
            elif roll < 0.28:
                part = "-" + part
            elif roll < 0.33:
                part = part + "^" + str(rng.randint(2, 9))
            decorated.append(part)
        queries.append(" ".join(decorated))
    return queries


def typed(texts: list[str]) -> list[str]:
    """Each text as a visitor types it, letter by letter."""
    return [text[:n] for text in texts for n in range(1, len(text) + 1)]


def run_parity(tmp_path: Path, documents: list[SearchDocument], sorts, queries: list[str], texts: list[str], words: list[str]):
    node = shutil.which("node")
    assert node, "Node.js is needed for the parity test"
    index = weighted_index(documents, NODE_MODULES)
    files, meta = shards.shard_files(
        index,
        [d.kind for d in documents],
        [d.record for d in documents],
        [d.record["f"] for d in documents if d.kind == "course"],
        sorts,
    )
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    full = tmp_path / "full.json"
    full.write_text(json.dumps(index.lunr_json(), ensure_ascii=False), encoding="utf-8")
    request = {
        "dir": str(tmp_path),
        "meta": meta,
        "full": str(full),
        "queries": queries,
        "texts": texts,
        "words": words,
        "recordRefs": [documents[n].ref for n in range(len(documents) - 1, -1, -7)],
        "facetKeys": ["sector", "regio", "start"],
    }
    completed = subprocess.run(
        [node, str(ROOT / "tests/search_parity.js")], input=json.dumps(request), capture_output=True, text=True, check=True, timeout=600
    )
    return index, files, json.loads(completed.stdout)


def corpus_words(documents: list[SearchDocument]) -> list[str]:
    return sorted({fold(w) for d in documents for ws in d.fields.values() for w in ws})


@pytest.fixture(scope="module")
def sample():
    catalogue = build_catalogue(load_content(SAMPLE, Problems(), SAMPLE_TODAY), SAMPLE_TODAY)
    return catalogue, search_documents(catalogue)


@pytest.fixture(scope="module")
def sample_parity(sample, tmp_path_factory):
    catalogue, documents = sample
    words = set()
    for course in catalogue.courses:
        text = " ".join([course.title, course.summary, plain_markdown(course.description), *course.keywords])
        words.update(fold(w) for w in tokenize(text))
    queries = HAND_PICKED + random_queries(corpus_words(documents), ["title", "keywords", "description", "place"], 500, seed=1)
    texts = SITE_TEXTS + typed(["verpleegkundige", "financiële administratie", "warmtepompen installeeren", "zorg drenthe"])
    directory = tmp_path_factory.mktemp("shards")
    _, _, answer = run_parity(directory, documents, sort_orders(catalogue.courses), queries, texts, sorted(words))
    return documents, sorted(words), answer, catalogue


@pytest.fixture(scope="module")
def large_parity(sample, tmp_path_factory):
    """3,000 documents mixed from the sample, cut into many small chunks, blocks and buckets."""
    catalogue, documents = sample
    rng = random.Random(11)
    words = corpus_words(documents)
    courses = [d for d in documents if d.kind == "course"]
    large = []
    for n in range(3000):
        source = courses[n % len(courses)]
        fields = {name: list(tokens) for name, tokens in source.fields.items()}
        fields["title"] = fields["title"] + rng.sample(words, 2)
        fields["keywords"] = rng.sample(fields["description"] or words, min(3, len(fields["description"]) or 3))
        large.append(SearchDocument(shards.base36(n), "course", f"{source.id}-{n}", fields, source.record))
    patch = pytest.MonkeyPatch()
    patch.setattr(shards, "CHUNK_BYTES", 2_000)
    patch.setattr(shards, "DICTIONARY_BYTES", 600)
    patch.setattr(shards, "TERMS_PER_BUCKET", 8)
    try:
        queries = random_queries(words, ["title", "keywords", "summary", "sector"], 700, seed=2)
        texts = typed(["verpleegkundige zorg", "lasen", "excel gevorderd", "heftruk"])
        sorts = {"title": list(range(3000)), "start": list(range(3000))}
        index, files, answer = run_parity(tmp_path_factory.mktemp("large"), large, sorts, queries, texts, [])
    finally:
        patch.undo()
    return index, files, answer


def mismatches(answer) -> list:
    return [q for q in answer["queries"] if q["expected"] != q["actual"] or (q["error"] or "").startswith("MISMATCH")]


def test_words_stem_identically(sample_parity):
    _, words, answer, _ = sample_parity
    assert len(words) > 500
    assert [(w, stem(w), js) for w, js in zip(words, answer["stems"], strict=True) if stem(w) != js] == []


def test_sharded_lunr_queries_equal_the_full_index_on_the_sample(sample_parity):
    _, _, answer, _ = sample_parity
    queries = answer["queries"]
    assert len(queries) >= 500
    assert mismatches(answer) == []
    answered = [q for q in queries if q["expected"]]
    assert len(answered) > 350, "most random queries should find something"
    assert any(len(q["expected"]) > 20 for q in queries)


def test_sharded_lunr_queries_equal_the_full_index_across_many_chunks(large_parity):
    _, files, answer = large_parity
    assert sum(name.startswith("p.") for name in files) > 50
    assert sum(name.startswith("d.") for name in files) > 10
    assert len(answer["queries"]) >= 700
    assert mismatches(answer) == []
    assert sum(1 for q in answer["queries"] if q["expected"] and len(q["expected"]) > 100) > 50


def test_site_search_equals_the_full_index_while_typing(sample_parity, large_parity):
    for answer in (sample_parity[2], large_parity[2]):
        for item in answer["texts"]:
            expected = sorted(item["expected"], key=lambda pair: pair[0])
            actual = sorted(([ref, score] for ref, score, _ in item["actual"]), key=lambda pair: pair[0])
            assert actual == expected, item["text"]
            scores = [round(score * 1e6) for _, score, _ in item["actual"]]
            assert scores == sorted(scores, reverse=True)  # best first (equal to 6 decimals counts as a tie)
    texts = {item["text"]: item for item in sample_parity[2]["texts"]}
    assert texts["verpleegkundige"]["actual"] and texts["xqzwv"]["actual"] == []
    assert texts["de het een"]["actual"] == []
    kinds = {kind for item in texts.values() for _, _, kind in item["actual"]}
    assert "course" in kinds and kinds <= {d.kind for d in sample_parity[0]}  # typed results come with their own kind


def test_python_search_orders_results_as_the_browser(sample_parity):
    """builder.search.index.search (the relevance test's engine) gives the browser's refs in the browser's order, ties included."""
    documents, _, answer, _ = sample_parity
    index = build_index(documents, NODE_MODULES)
    words = stopwords(NODE_MODULES)
    tied = 0
    for item in answer["texts"]:
        python = search(index, item["text"], words)
        assert [ref for ref, _ in python] == [ref for ref, _, _ in item["actual"]], item["text"]
        scores = [round(score * 1e6) for _, score in python]
        tied += sum(1 for a, b in zip(scores, scores[1:], strict=False) if a == b)
    assert tied > 20  # the order within ties is tested, not only the order of scores


def test_records_facets_and_sort_orders_come_from_their_blocks(sample_parity):
    documents, _, answer, catalogue = sample_parity
    expected = [documents[n].record for n in range(len(documents) - 1, -1, -7)]
    assert answer["records"] == expected
    assert answer["courseCount"] == len(catalogue.courses)
    for key, table in answer["facetSizes"].items():
        for value, ordinals in table.items():
            assert ordinals == [n for n, d in enumerate(documents) if value in d.record.get("f", {}).get(key, ())], (key, value)
    assert set(answer["facetSizes"]["sector"]) == {v for d in documents for v in d.record.get("f", {}).get("sector", ())}
    courses = range(len(catalogue.courses))
    titles = [catalogue.courses[n].title.casefold() for n in sorted(courses, key=lambda n: answer["titleRanks"][n])]
    assert titles == sorted(titles)


def test_fuzzy_keys_find_every_term_at_distance_one():
    """Optimal string alignment distance 1 with the edit in the first two letters: found through the buckets."""
    rng = random.Random(3)
    alphabet = "abc"
    terms = {"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 5))) for _ in range(400)}

    def osa1(a: str, b: str) -> bool:
        if a == b:
            return True
        if len(a) == len(b):
            diff = [i for i in range(len(a)) if a[i] != b[i]]
            return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
        if abs(len(a) - len(b)) == 1:
            short, long = sorted((a, b), key=len)
            return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
        return False

    filed: dict[str, set[str]] = {}
    for term in terms:
        for key in shards.fuzzy_keys(term):
            filed.setdefault(key, set()).add(term)
    for query in {"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 6))) for _ in range(300)}:
        keys = {query, query[1:], query[:1] + query[2:], query[:2] + query[3:]}
        found = set().union(*(filed.get(k, set()) for k in keys))
        if len(query) >= 2:
            found |= {t for t in terms if t[:2] == query[:2]}
        assert {t for t in terms if osa1(query, t)} <= found, query


def test_dataclass_documents_are_accepted():
    assert dataclasses.is_dataclass(SearchDocument)
