"""The skills and occupations index: a second, small search index beside the course index.

Why separate: skills and occupations inside the course index changed the course results (a prefix or
typo expanding to a skill-only word adds to the query vector's magnitude, so every course scored lower
and the relevance set fell from 97.4% to 93.6%). Here they get their own index, built with the same
Dutch pipeline, field weights code and editors' synonyms, and written in the same sharded format, so
the same browser engine (templates/assets/search-engine.js) queries it with lunr.js parity.

The browser side is `templates/assets/skills-search.js` (`ScholingSkills.find`): typed results
"Beroep: ..." and "Vaardigheid: ..." on the search page, the filter on /vaardigheden/ and adding
skills by typing in the skills passport.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lunr.index import Index

from builder import urls
from builder.model import Catalogue
from builder.search import dutch
from builder.search.documents import Item, Kind, SearchDocument, search_documents, typed_record
from builder.search.shards import shard_files
from builder.search.vocabulary import exact_key
from builder.search.weights import WeightedIndex, build_weighted_index

SKILLS_SEARCH_DIR = "assets/search/vaardigheden/"

# field name -> boost: the name counts most, other names almost as much, the description a little.
FIELDS: tuple[tuple[str, int], ...] = (
    ("title", 10),
    ("keywords", 8),
    ("description", 1),
)
FIELD_NAMES = tuple(name for name, _ in FIELDS)

OCCUPATION_LABEL = "Beroep"
SKILL_LABEL = "Vaardigheid"


def occupation_items(catalogue: Catalogue) -> Iterator[Item]:
    for occupation in catalogue.vocabulary.sorted_occupations:
        meta = occupation.sector.name + (f" · {occupation.outlook.label}" if occupation.outlook else "")
        record = typed_record(OCCUPATION_LABEL, occupation.name, urls.occupation(occupation.id), occupation.description.strip(), meta)
        yield Item(
            occupation.id,
            {"title": [occupation.name], "keywords": list(occupation.alt_names), "description": [occupation.description]},
            {**record, "i": occupation.id},
            tuple(occupation.alt_names),
        )


def skill_items(catalogue: Catalogue) -> Iterator[Item]:
    for group in catalogue.vocabulary.groups:
        for skill in group.skills:
            meta = group.name if skill.type == "vaardigheid" else f"{skill.type_label} · {group.name}"  # "Vaardigheid: ..." says the rest
            record = typed_record(SKILL_LABEL, skill.label, urls.skill(skill.id), skill.description.strip(), meta)
            yield Item(
                skill.id,
                {"title": [skill.label], "keywords": list(skill.alt_labels), "description": [skill.description]},
                {**record, "i": skill.id},
                tuple(skill.alt_labels),
            )


# Occupations first: fewer, and within equal scores the one a visitor most likely means.
KINDS: tuple[Kind, ...] = (
    Kind("occupation", "o", occupation_items),
    Kind("skill", "v", skill_items),
)


@dataclass
class SkillsSearchFiles:
    files: dict[str, bytes]
    meta: str  # site path of the meta file
    index_bytes: int
    index_gzip_bytes: int


def skills_documents(catalogue: Catalogue) -> list[SearchDocument]:
    return search_documents(catalogue, KINDS, FIELD_NAMES)


def weighted_skills_index(documents: list[SearchDocument], node_modules: Path) -> WeightedIndex:
    return build_weighted_index(documents, FIELDS, dutch.index_term(node_modules), dutch.SEARCH_PIPELINE)


def build_skills_index(documents: list[SearchDocument], node_modules: Path) -> Index:
    """The full lunr index (lunr.py), for the Python reference search and the tests; never shipped."""
    dutch.configure_pipeline(node_modules)
    return Index.load(weighted_skills_index(documents, node_modules).lunr_json())


def build_skills_search_files(catalogue: Catalogue, node_modules: Path) -> SkillsSearchFiles | None:
    """The sharded skills and occupations index, or None for a catalogue without skills."""
    documents = skills_documents(catalogue)
    if not documents:
        return None
    index = weighted_skills_index(documents, node_modules)
    files, meta = shard_files(index, [d.kind for d in documents], [d.record for d in documents])
    result = SkillsSearchFiles({}, SKILLS_SEARCH_DIR + meta, 0, 0)
    for name, data in files.items():
        result.files[SKILLS_SEARCH_DIR + name] = data
        result.index_bytes += len(data)
        result.index_gzip_bytes += len(gzip.compress(data, mtime=0))
    return result


# Which hits a list shows: exact names first, then those scoring at least this share of the best hit.
# `pick` in templates/assets/skills-search.js does the same in the browser.
MIN_SHARE_OF_BEST = 0.4


@dataclass(frozen=True)
class SkillHit:
    ref: str
    kind: str
    score: float
    record: dict

    def is_exact(self, key: str) -> bool:
        return exact_key(self.record["t"]) == key or key in self.record.get("e", ())


def pick(query: str, hits: list[SkillHit], limit: int = 0) -> list[SkillHit]:
    """Hits (ranked by score) as a visitor sees them: exact names first; weak side matches dropped; at most `limit` (0: all)."""
    key = exact_key(query)
    exact = [hit for hit in hits if hit.is_exact(key)]
    rest = [hit for hit in hits if not hit.is_exact(key)]
    best = max((hit.score for hit in hits), default=0.0)
    shown = exact + [hit for hit in rest if hit.score >= MIN_SHARE_OF_BEST * best]
    return shown[:limit] if limit else shown
