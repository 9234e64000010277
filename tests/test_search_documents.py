"""What the search indexes: every kind in its own run of refs, courses first, records a visitor can read."""

from __future__ import annotations

import re

from builder.content import load_content
from builder.model import build_catalogue
from builder.problems import Problems
from builder.search.documents import FIELD_NAMES, KINDS, search_documents
from tests.conftest import SAMPLE, SAMPLE_TODAY


def documents():
    return search_documents(build_catalogue(load_content(SAMPLE, Problems(), SAMPLE_TODAY), SAMPLE_TODAY))


def test_refs_are_unique_short_and_never_integer_like():
    prefixes = [kind.ref_prefix for kind in KINDS]
    assert len(set(prefixes)) == len(prefixes) and all(re.fullmatch(r"[a-z]", p) for p in prefixes)
    refs = [d.ref for d in documents()]
    assert len(set(refs)) == len(refs)
    assert not [ref for ref in refs if re.fullmatch(r"\d+", ref)]


def test_kinds_come_in_runs_with_courses_first():
    found = documents()
    kinds = [d.kind for d in found]
    assert kinds[0] == "course"
    runs = [kind for n, kind in enumerate(kinds) if n == 0 or kinds[n - 1] != kind]
    assert len(runs) == len(set(runs)) == len(KINDS)
    for kind in KINDS:
        mine = [d.ref for d in found if d.kind == kind.name]
        assert mine[0] == kind.ref_prefix + "0"


def test_every_document_has_every_field_and_typed_records_read_well():
    for document in documents():
        assert tuple(document.fields) == FIELD_NAMES
        assert document.fields["title"], document.id
        record = document.record
        if document.kind == "course":
            assert "k" not in record and record["f"]
        else:
            assert record["k"][0].isupper() and record["t"] and record["d"] and record["u"].endswith("/")
            assert all(name == name.lower() for name in record.get("e", ()))


def test_synonyms_join_the_field_where_their_word_stands():
    by_id = {(d.kind, d.id): d for d in documents()}
    timmerman = by_id["course", "timmerman-bbl"]
    assert "bbl" in timmerman.fields["title"]  # "(leren en werken)" in the title
    assert "bbl" in by_id["course", "logistiek-medewerker"].fields["facets"]  # form: werkend leren
    assert "bbl" not in by_id["course", "logistiek-medewerker"].fields["title"]
    assert by_id["funding", "levenlanglerenkrediet"].record["e"] == ["llk", "lening voor lesgeld"]
