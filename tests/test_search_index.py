"""Dutch search in Python: the same logic the browser runs (parity is tested separately)."""

from __future__ import annotations

import pytest

from builder.config import find_node_modules
from builder.content import load_content
from builder.model import build_catalogue
from builder.problems import Problems
from builder.search.documents import search_documents
from builder.search.dutch import fold, stem, stopwords, tokenize
from builder.search.index import build_index, search
from tests.conftest import ROOT, SAMPLE, SAMPLE_TODAY

NODE_MODULES = find_node_modules(ROOT)


@pytest.fixture(scope="module")
def engine():
    catalogue = build_catalogue(load_content(SAMPLE, Problems(), SAMPLE_TODAY), SAMPLE_TODAY)
    documents = search_documents(catalogue)
    index = build_index(documents, NODE_MODULES)
    titles = {d.ref: d.record["t"] for d in documents if not d.typed}
    words = stopwords(NODE_MODULES)

    def titles_for(query: str) -> list[str]:
        """The course list a visitor sees (typed results are shown apart)."""
        return [titles[ref] for ref, _ in search(index, query, words) if ref in titles]

    return titles_for


def test_tokenize_keeps_digits_accents_and_rare_letters():
    assert tokenize("ISO27001, mbo4 en één Yoga-les (privacy)") == ["iso27001", "mbo4", "en", "één", "yoga", "les", "privacy"]
    assert fold("financiële coördinator") == "financiele coordinator"


def test_plural_and_singular_share_a_stem():
    assert stem("verpleegkundige") == stem("verpleegkundigen")


def test_stopwords_come_from_lunr_languages():
    words = stopwords(NODE_MODULES)
    assert {"de", "het", "een", "en"} <= words and "één" not in words


def test_plural_and_singular_find_the_same(engine):
    assert engine("verpleegkundige") == engine("verpleegkundigen")
    assert "Verpleegkundige mbo niveau 4 (leren en werken)" in engine("verpleegkundigen")


def test_diacritics_are_forgiven(engine):
    assert engine("financiele")[0] == "Financiële administratie voor het mkb"
    assert engine("financiële") == engine("financiele")


def test_codes_and_rare_letters(engine):
    assert engine("ISO27001")[0] == "ISO 27001 Foundation: informatiebeveiliging"
    assert "VCA Basis: veilig werken" in engine("VCA")
    assert "Stoelyoga en bewegen met ouderen" in engine("yoga")
    assert "Excel voor gevorderden" in engine("excel")


def test_prefix_while_typing(engine):
    assert "Verpleegkundige mbo niveau 4 (leren en werken)" in engine("verpl")


def test_every_word_must_match(engine):
    both = engine("lassen assen")
    assert both and set(both) <= set(engine("lassen"))
    assert engine("lassen verpleegkunde") == []


def test_one_typo_still_finds(engine):
    assert "Warmtepompen installeren en onderhouden" in engine("warmtepompen installeeren")


def test_nothing_for_stopwords_or_nonsense(engine):
    assert engine("de het een") == []
    assert engine("xqzwv") == []
