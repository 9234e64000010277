"""The fast index builder gives lunr.py's own index, byte for byte (lunr.py is the oracle here only)."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass

import pytest
from lunr.builder import Builder

from builder.content import load_content
from builder.model import build_catalogue
from builder.problems import Problems
from builder.search import dutch
from builder.search.documents import FIELDS, search_documents
from builder.search.weights import build_weighted_index
from tests.conftest import SAMPLE, SAMPLE_TODAY
from tests.test_search_index import NODE_MODULES


@dataclass(frozen=True)
class Doc:
    ref: str
    fields: dict[str, list[str]]


def lunr_py_json(documents: list[Doc], fields, boosts: dict[str, float]) -> str:
    index_pipeline, search_pipeline = dutch.configure_pipeline(NODE_MODULES)
    builder = Builder()
    builder.pipeline.add(*index_pipeline)
    builder.search_pipeline.add(*search_pipeline)
    builder.ref("ref")
    for name, boost in fields:
        builder.field(name, boost=boost)
    for document in documents:
        attributes = {"boost": boosts[document.ref]} if document.ref in boosts else None
        builder.add({"ref": document.ref, **{name: document.fields.get(name, []) for name, _ in fields}}, attributes)
    return dumps(builder.build().serialize())


def fast_json(documents: list[Doc], fields, boosts: dict[str, float]) -> str:
    index = build_weighted_index(documents, fields, dutch.index_term(NODE_MODULES), dutch.SEARCH_PIPELINE, boosts)
    return dumps(index.lunr_json())


def dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


@pytest.fixture(scope="module")
def sample_documents() -> list[Doc]:
    catalogue = build_catalogue(load_content(SAMPLE, Problems(), SAMPLE_TODAY), SAMPLE_TODAY)
    return [Doc(document.ref, document.fields) for document in search_documents(catalogue)]


def test_sample_catalogue_index_is_byte_identical(sample_documents):
    expected = lunr_py_json(sample_documents, FIELDS, {})
    assert len(expected) > 100_000
    assert fast_json(sample_documents, FIELDS, {}) == expected


def test_mixed_corpus_with_document_boosts_empty_fields_and_odd_refs(sample_documents):
    """Words shuffled between documents, fields left empty, refs that look like integers, boosts per document."""
    rng = random.Random(7)
    words = [w for d in sample_documents for ws in d.fields.values() for w in ws]
    fields = (("title", 7), ("body", 1.5), ("tags", 3), ("never", 2))
    documents = []
    for n in range(300):
        documents.append(
            Doc(
                str(n) if n % 3 else f"d-{n}",
                {
                    "title": rng.sample(words, rng.randint(0, 6)),
                    "body": [rng.choice(words) for _ in range(rng.randint(0, 80))] + ["Één", "DE", "financiële"],
                    "tags": rng.sample(words, rng.randint(0, 3)) * rng.randint(1, 3),
                },
            )
        )
    boosts = {doc.ref: rng.choice([0.5, 2, 3.25]) for doc in documents[::4]}
    assert fast_json(documents, fields, boosts) == lunr_py_json(documents, fields, boosts)
