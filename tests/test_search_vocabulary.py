"""The editors' search words: how they are applied to texts, and how mistakes in search.yaml are reported."""

from __future__ import annotations

from pathlib import Path

from builder.model import SearchVocabulary
from builder.search.vocabulary import Vocabulary
from tests.test_content import problems_for

WORDS = SearchVocabulary(
    synonyms=(("werkend leren", "bbl", "leren en werken"), ("zzp", "zelfstandige")),
    related=(("doktersassistent", ("zorg en welzijn",)),),
)


def test_a_phrase_brings_the_rest_of_its_group_into_the_same_field():
    added = Vocabulary(WORDS).expand(["Werkend leren"])
    assert added[:2] == ["werkend", "leren"]
    assert {"bbl", "en"} <= set(added[2:]) and added.count("leren") == 1  # words already there are not repeated


def test_words_match_whole_and_as_written_not_by_stem():
    vocabulary = Vocabulary(WORDS)
    assert "zzp" not in vocabulary.expand(["Je werkt zelfstandig"])  # 'zelfstandig' is not 'zelfstandige'
    assert "zzp" in vocabulary.expand(["Voor ZELFSTANDIGE ondernemers"])
    assert "bbl" not in vocabulary.expand(["werkend", "leren"])  # a phrase does not run across two texts


def test_related_words_lead_one_way():
    vocabulary = Vocabulary(WORDS)
    assert "doktersassistent" in vocabulary.expand(["Zorg en welzijn"])
    assert vocabulary.expand(["doktersassistent"]) == ["doktersassistent"]


def test_no_search_words_changes_nothing():
    assert Vocabulary(SearchVocabulary()).expand(["Werkend leren, bbl"]) == ["werkend", "leren", "bbl"]


def write(content: Path, text: str) -> None:
    (content / "search.yaml").write_text(text, encoding="utf-8")


def test_mistakes_in_search_yaml_name_file_line_and_field(content_copy: Path):
    write(
        content_copy,
        "synonyms:\n  - [bbl, werkend leren]\n  - [bbl]\n  - zzp\nrelated:\n  werkend leren: [zorg]\n  huisarts: zorg\nsynonym: []\n",
    )
    errors = [p.format() for p in problems_for(content_copy).errors]
    text = "\n".join(errors)
    assert "search.yaml:3:" in text and "moet minstens 2 item(s) hebben" in text
    assert "search.yaml:3:6: zoekwoord 'bbl' staat al op regel 2" in text
    assert "search.yaml:4:" in text and "moet een lijst zijn" in text
    assert "search.yaml:6:3: zoekwoord 'werkend leren' staat al op regel 2" in text
    assert "search.yaml:7:" in text and "related.huisarts" in text
    assert "search.yaml:8:1: onbekend veld 'synonym'" in text and "Bedoelde je 'synonyms'?" in text


def test_search_yaml_is_optional(content_copy: Path):
    (content_copy / "search.yaml").unlink()
    assert not problems_for(content_copy).errors
