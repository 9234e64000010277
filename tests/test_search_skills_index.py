"""The skills and occupations index (builder/search/skills_index.py): what it holds, that the browser's
sharded engine answers on it exactly as lunr.js on the full index, and what a visitor finds.

The course index must not change because of it: the relevance set of tests/test_search_relevance.py
was tuned on courses alone, and mixing skills into that index lowered it (see the module docstring).
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess

import pytest

from builder.content import load_content
from builder.model import build_catalogue
from builder.problems import Problems
from builder.search import shards
from builder.search.documents import search_documents
from builder.search.dutch import stopwords
from builder.search.index import build_search_files, file_urls, search
from builder.search.skills_index import (
    SKILLS_SEARCH_DIR,
    SkillHit,
    build_skills_index,
    build_skills_search_files,
    pick,
    skills_documents,
    weighted_skills_index,
)
from builder.skills.model import Vocabulary
from tests.conftest import ROOT, SAMPLE, SAMPLE_TODAY
from tests.test_search_index import NODE_MODULES
from tests.test_search_parity import HAND_PICKED, corpus_words, mismatches, random_queries, typed


@pytest.fixture(scope="module")
def catalogue():
    return build_catalogue(load_content(SAMPLE, Problems(), SAMPLE_TODAY), SAMPLE_TODAY)


@pytest.fixture(scope="module")
def documents(catalogue):
    return skills_documents(catalogue)


@pytest.fixture(scope="module")
def full_index(documents):
    return build_skills_index(documents, NODE_MODULES)


def test_every_skill_and_occupation_is_a_document_with_its_page(catalogue, documents):
    vocabulary = catalogue.vocabulary
    by_kind = {kind: [d for d in documents if d.kind == kind] for kind in ("occupation", "skill")}
    assert [d.id for d in by_kind["occupation"]] == [o.id for o in vocabulary.sorted_occupations]
    assert sorted(d.id for d in by_kind["skill"]) == sorted(vocabulary.skills)
    assert [d.kind for d in documents] == ["occupation"] * len(by_kind["occupation"]) + ["skill"] * len(by_kind["skill"])
    nurse = next(d for d in documents if d.id == "verzorgende-ig")
    assert nurse.record["k"] == "Beroep" and nurse.record["u"] == "beroepen/verzorgende-ig/" and nurse.record["i"] == "verzorgende-ig"
    sheets = next(d for d in documents if d.id == "spreadsheets")
    assert sheets.record["k"] == "Vaardigheid" and sheets.record["u"] == "vaardigheden/spreadsheets/"
    assert "excel" in sheets.fields["keywords"] and "excel" in sheets.record["e"]  # an alternative label is an exact name
    assert sheets.record["m"] == "Digitaal werken"


def test_the_course_index_holds_no_skills_or_occupations(catalogue):
    kinds = {d.kind for d in search_documents(catalogue)}
    assert "course" in kinds and not kinds & {"skill", "occupation"}


def test_the_build_writes_the_skills_index_in_its_own_folder(catalogue):
    files = build_search_files(catalogue, NODE_MODULES)
    assert files.urls["skills"].startswith(SKILLS_SEARCH_DIR) and files.urls["skills"] in files.files
    assert file_urls(catalogue) == files.urls  # what the pages name, known before the index is built
    skills = build_skills_search_files(catalogue, NODE_MODULES)
    assert skills is not None and set(skills.files) <= set(files.files)
    assert not any(name.startswith(SKILLS_SEARCH_DIR) for name in files.files if name.startswith("assets/search/meta."))
    meta = json.loads(files.files[files.urls["skills"]])
    assert "facets" not in meta and "sort" not in meta  # no course facets in this index
    assert {kind for kind, _, _ in meta["kinds"]} == {"occupation", "skill"}


def test_a_catalogue_without_skills_has_no_skills_index(catalogue):
    bare = dataclasses.replace(catalogue, vocabulary=Vocabulary())
    assert build_skills_search_files(bare, NODE_MODULES) is None
    assert "skills" not in build_search_files(bare, NODE_MODULES).urls
    assert file_urls(bare) == build_search_files(bare, NODE_MODULES).urls


@pytest.fixture(scope="module")
def parity(documents, tmp_path_factory):
    node = shutil.which("node")
    assert node, "Node.js is needed for the parity test"
    directory = tmp_path_factory.mktemp("skills-shards")
    index = weighted_skills_index(documents, NODE_MODULES)
    patch = pytest.MonkeyPatch()  # small chunks, blocks and buckets: lookups across many files, as at a larger size
    patch.setattr(shards, "CHUNK_BYTES", 1_500)
    patch.setattr(shards, "DICTIONARY_BYTES", 400)
    patch.setattr(shards, "TERMS_PER_BUCKET", 8)
    try:
        files, meta = shards.shard_files(index, [d.kind for d in documents], [d.record for d in documents])
    finally:
        patch.undo()
    for name, data in files.items():
        (directory / name).write_bytes(data)
    full = directory / "full.json"
    full.write_text(json.dumps(index.lunr_json(), ensure_ascii=False), encoding="utf-8")
    words = corpus_words(documents)
    texts = ["heftruck", "heftruk", "verzorgende", "excel", "Elektricien", "zonnepanelen monteren", "tillen", "de het", "xqzwv"]
    request = {
        "dir": str(directory),
        "meta": meta,
        "full": str(full),
        "queries": HAND_PICKED + random_queries(words, ["title", "keywords", "description"], 400, seed=5),
        "texts": texts + typed(["verzorgende ig", "heftruck besturen", "spreadsheet"]),
        "words": [],
        "recordRefs": [documents[n].ref for n in range(len(documents) - 1, -1, -5)],
    }
    completed = subprocess.run(
        [node, str(ROOT / "tests/search_parity.js")], input=json.dumps(request), capture_output=True, text=True, check=True, timeout=600
    )
    return files, json.loads(completed.stdout)


def test_sharded_skills_index_answers_as_lunr_on_the_full_index(parity):
    files, answer = parity
    assert sum(name.startswith("p.") for name in files) > 5  # the lookups really cross chunks
    assert len(answer["queries"]) >= 400
    assert mismatches(answer) == []
    assert sum(1 for q in answer["queries"] if q["expected"]) > 250


def test_site_search_on_the_skills_index_equals_the_full_index(parity, documents):
    _, answer = parity
    kinds = {d.ref: d.kind for d in documents}
    for item in answer["texts"]:
        expected = sorted(item["expected"], key=lambda pair: pair[0])
        actual = sorted(([ref, score] for ref, score, _ in item["actual"]), key=lambda pair: pair[0])
        assert actual == expected, item["text"]
        assert all(kind == kinds[ref] for ref, _, kind in item["actual"])
    texts = {item["text"]: item for item in answer["texts"]}
    assert texts["heftruck"]["actual"] and texts["xqzwv"]["actual"] == [] and texts["de het"]["actual"] == []
    assert answer["records"] == [documents[n].record for n in range(len(documents) - 1, -1, -5)]


def found(full_index, documents, query: str, kinds=("occupation", "skill"), limit: int = 3) -> list[str]:
    """'kind:id' of what a visitor sees for a query (search + pick), best first."""
    by_ref = {d.ref: d for d in documents}
    ranked = search(full_index, query, stopwords(NODE_MODULES))
    hits = [SkillHit(ref, by_ref[ref].kind, score, by_ref[ref].record) for ref, score in ranked if by_ref[ref].kind in kinds]
    return [f"{by_ref[hit.ref].kind}:{by_ref[hit.ref].id}" for hit in pick(query, hits, limit)]


@pytest.mark.parametrize(
    ("query", "first", "also"),
    [
        ("heftruck", "skill:heftruck-besturen", ("occupation:heftruckchauffeur",)),
        ("verzorgende", "occupation:verzorgende-ig", ()),
        ("Verzorgende IG", "occupation:verzorgende-ig", ()),
        ("excel", "skill:spreadsheets", ()),  # an alternative label
        ("elektricien", "occupation:elektromonteur", ()),  # an alternative name
        ("Elektromonteur", "occupation:elektromonteur", ()),
        ("magazijn", "occupation:magazijnmedewerker", ()),  # a prefix
        ("zonnepanelen monteren", "skill:zonnepanelen-monteren", ("occupation:monteur-zonnepanelen",)),
        ("tillen", "skill:zwaar-tillen", ()),
    ],
)
def test_what_a_visitor_finds(full_index, documents, query, first, also):
    shown = found(full_index, documents, query)
    assert shown and shown[0] == first, shown
    for expected in also:
        assert expected in shown, (expected, shown)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("heftruk", "skill:heftruck-besturen"),  # one typo
        ("vezorgende", "occupation:verzorgende-ig"),
        ("verzrogende", "occupation:verzorgende-ig"),
        ("spredsheets", "skill:spreadsheets"),
        ("vrachtwagen chaufeur", "occupation:vrachtwagenchauffeur"),
    ],
)
def test_typos_still_find_it(full_index, documents, query, expected):
    assert expected in found(full_index, documents, query), found(full_index, documents, query, limit=0)


def test_kinds_can_be_asked_for_separately(full_index, documents):
    assert found(full_index, documents, "heftruck", kinds=("occupation",)) == ["occupation:heftruckchauffeur"]
    assert all(hit.startswith("skill:") for hit in found(full_index, documents, "heftruck", kinds=("skill",), limit=0))


def test_pick_puts_exact_names_first_and_drops_weak_side_matches():
    def hit(ref: str, score: float, title: str, other: tuple[str, ...] = ()) -> SkillHit:
        return SkillHit(ref, "skill", score, {"t": title, "e": list(other)})

    hits = [hit("v0", 10.0, "Heftruck besturen"), hit("v1", 5.0, "Reachtruck besturen", ("heftruck",)), hit("v2", 3.9, "Pallets stapelen")]
    assert [h.ref for h in pick("heftruck", hits)] == ["v1", "v0"]  # exact other name first; 3.9 < 0.4 x 10 dropped
    assert [h.ref for h in pick("Héftruck", hits, limit=1)] == ["v1"]
    assert [h.ref for h in pick("pallets", hits)] == ["v0", "v1"]
    assert pick("x", []) == []
