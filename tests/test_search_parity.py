"""The same words stem the same and the same queries find the same courses in Python and in lunr.js."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from builder.content import load_content
from builder.formatting import plain_markdown
from builder.model import build_catalogue
from builder.problems import Problems
from builder.search.dutch import fold, stem, stopwords, tokenize
from builder.search.index import build_index, search
from tests.conftest import ROOT, SAMPLE, SAMPLE_TODAY
from tests.test_search_index import NODE_MODULES

QUERIES = [
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


@pytest.fixture(scope="module")
def parity():
    node = shutil.which("node")
    assert node, "Node.js is needed for the parity test"
    catalogue = build_catalogue(load_content(SAMPLE, Problems(), SAMPLE_TODAY), SAMPLE_TODAY)
    index = build_index(catalogue.courses, NODE_MODULES)
    words: set[str] = set()
    for course in catalogue.courses:
        text = " ".join([course.title, course.summary, plain_markdown(course.description), *course.keywords])
        words.update(fold(w) for w in tokenize(text))
    word_list = sorted(words)
    request = {"index": index.serialize(), "words": word_list, "queries": QUERIES}
    completed = subprocess.run(
        [node, str(ROOT / "tests/search_parity.js")],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    answer = json.loads(completed.stdout)
    return index, word_list, answer


def test_hundreds_of_words_stem_identically(parity):
    _, words, answer = parity
    assert len(words) > 500
    differences = [(w, stem(w), js) for w, js in zip(words, answer["stems"], strict=True) if stem(w) != js]
    assert differences == []


def test_queries_find_the_same_courses(parity):
    index, _, answer = parity
    words = stopwords(NODE_MODULES)
    for query in QUERIES:
        python_refs = [ref for ref, _ in search(index, query, words)]
        assert set(python_refs) == set(answer["results"][query]), query
    assert answer["results"]["verpleegkundige"] and answer["results"]["xqzwv"] == []
