"""The index as many small files, so a query downloads only the parts it needs (templates/assets/search-engine.js).

One lunr index file grows to megabytes; yet a query needs only the postings of its few expanded
terms. Terms are sorted (by UTF-16 code units, as JavaScript compares strings) and cut into:

- postings chunks (`p.<hash>.<n>.bin`, about `CHUNK_BYTES` each): per term its lunr `_index` and, per
  field, the documents holding it with their weights. Exact and prefix terms read only these.
- dictionary blocks (`d.<hash>.<n>.json`): term strings only, for typo candidates that share the
  first two letters of the query word.
- typo buckets (`f.<hash>.<n>.json`): every term filed under derived keys (itself, without its first,
  without its second letter, first two letters swapped). Looking up the query word, and the word
  without its first, second or third letter, finds every term at edit distance 1 with the edit in the
  first two letters (lunr's distance 1 is optimal string alignment); the dictionary block covers the rest.
- result records in blocks of `RECORD_BLOCK` documents (`r.<hash>.<n>.json`), fetched for the results shown.
- facet values of all courses, compactly (`facets.<hash>.json`), for filters on all hits; sort orders
  of all courses (`sort.<hash>.json`) for lists sorted in the browser.
- `meta.<hash>.json`: fields, pipeline, document kinds and the first terms of chunks and blocks.

Weights are lunr's (3 decimals), stored as integers x 1000: the browser's division gives the same
double as parsing lunr's JSON. Each family of files shares one content hash, so the meta file
names them with one hash each and any change renames them all.
"""

from __future__ import annotations

import hashlib
import json
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from builder.search.documents import base36
from builder.search.weights import WeightedIndex

FORMAT = 1
CHUNK_BYTES = 12_000
DICTIONARY_BYTES = 6_000
RECORD_BLOCK = 16
TERMS_PER_BUCKET = 64


@dataclass(frozen=True)
class KindRun:
    """Consecutive documents of one kind whose refs are `prefix` + base-36 position within the run."""

    kind: str
    prefix: str
    count: int


def utf16_key(text: str) -> bytes:
    return text.encode("utf-16-be")


def kind_runs(refs: Sequence[str], kinds: Sequence[str]) -> list[KindRun]:
    """Refs as runs; raises ValueError when refs do not follow prefix + base-36 position (the browser derives them)."""
    runs: list[KindRun] = []
    start = 0
    for position, (ref, kind) in enumerate(zip(refs, kinds, strict=True)):
        if runs and kinds[position - 1] == kind:
            run = runs[-1]
            expected = run.prefix + base36(position - start)
            if ref == expected:
                runs[-1] = KindRun(kind, run.prefix, run.count + 1)
                continue
        digits = base36(0)
        if not ref.endswith(digits):
            raise ValueError(f"zoekindex: ref {ref!r} is niet <voorvoegsel><positie in base 36>")
        runs.append(KindRun(kind, ref[: -len(digits)], 1))
        start = position
    return runs


def fuzzy_keys(term: str) -> set[str]:
    keys = {term, term[1:], term[:1] + term[2:]}
    if len(term) >= 2:
        keys.add(term[1] + term[0] + term[2:])
    return keys


def bucket_of(key: str, buckets: int) -> int:
    """FNV-1a over UTF-16 code units, as the browser computes it."""
    value = 0x811C9DC5
    data = key.encode("utf-16-le")
    for i in range(0, len(data), 2):
        value ^= data[i] | (data[i + 1] << 8)
        value = (value * 0x01000193) & 0xFFFFFFFF
    return value % buckets


def varint(number: int, out: bytearray) -> None:
    while number >= 0x80:
        out.append((number & 0x7F) | 0x80)
        number >>= 7
    out.append(number)


def separator(previous: str, first: str) -> str:
    """The shortest prefix of `first` that still sorts after `previous`: enough to find the chunk."""
    for length in range(1, len(first) + 1):
        if utf16_key(first[:length]) > utf16_key(previous):
            return first[:length]
    return first


def family_hash(parts: Sequence[bytes]) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()[:10]


def compact_json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _small_varints(limit: int) -> list[bytes]:
    encoded = []
    for number in range(limit):
        out = bytearray()
        varint(number, out)
        encoded.append(bytes(out))
    return encoded


SMALL_VARINTS = _small_varints(1 << 14)  # every number of one or two varint bytes: most gaps and weights x 1000


def encode_term(index: WeightedIndex, number: int) -> bytes:
    out = bytearray()
    name = index.terms[number].encode("utf-8")
    varint(len(name), out)
    out += name
    varint(number, out)
    small = SMALL_VARINTS
    limit = len(small)
    for documents, weights in index.postings(number):
        varint(len(documents), out)
        previous = 0
        for document in documents:
            delta = document - previous
            if delta < 0x80:  # most gaps: one byte
                out.append(delta)
            elif delta < limit:
                out += small[delta]
            else:
                varint(delta, out)
            previous = document
        for weight in weights:
            scaled = round(weight * 1000)
            if scaled < limit:
                out += small[scaled]
            else:
                varint(scaled, out)
    return bytes(out)


def cut(items: Sequence[tuple[str, bytes]], limit: int) -> list[list[tuple[str, bytes]]]:
    groups: list[list[tuple[str, bytes]]] = []
    size = limit
    for item in items:
        if size >= limit:
            groups.append([])
            size = 0
        groups[-1].append(item)
        size += len(item[1])
    return groups


def facet_tables(facets: Sequence[Mapping[str, Sequence[str]]]) -> dict[str, dict[str, list[int]]]:
    """facet key -> value -> ordinals as differences (small numbers compress well)."""
    tables: dict[str, dict[str, list[int]]] = {}
    for ordinal, values in enumerate(facets):
        for key, chosen in values.items():
            table = tables.setdefault(key, {})
            for value in chosen:
                table.setdefault(value, []).append(ordinal)
    return {
        key: {value: [b - a for a, b in zip([0, *ordinals], ordinals, strict=False)] for value, ordinals in sorted(table.items())}
        for key, table in sorted(tables.items())
    }


META_NAME = "meta.json"


def shard_files(
    index: WeightedIndex,
    kinds: Sequence[str],
    records: Sequence[Mapping[str, Any]],
    course_facets: Sequence[Mapping[str, Sequence[str]]] | None = None,
    sort_orders: Mapping[str, Sequence[int]] | None = None,
) -> tuple[dict[str, bytes], str]:
    """Files (name inside the index's folder -> bytes) and the name of the meta file.

    `course_facets[i]` and each of `sort_orders` (ordinals in sorted order) cover the courses, which come first.
    An index without them (the skills and occupations index) has no facet and sort files.
    """
    runs = kind_runs(index.refs, kinds)
    order = sorted(range(len(index.terms)), key=lambda n: utf16_key(index.terms[n]))
    sorted_terms = [index.terms[n] for n in order]
    files: dict[str, bytes] = {}
    meta: dict[str, Any] = {
        "format": FORMAT,
        "fields": index.fields,
        "pipeline": index.search_pipeline,
        "documents": len(index.refs),
        "kinds": [[run.kind, run.prefix, run.count] for run in runs],
    }

    def add_family(letter: str, parts: list[bytes], suffix: str) -> str:
        digest = family_hash(parts)
        for n, data in enumerate(parts):
            files[f"{letter}.{digest}.{n}.{suffix}"] = data
        return digest

    chunks = cut([(index.terms[n], encode_term(index, n)) for n in order], CHUNK_BYTES)
    chunk_bytes = []
    for chunk in chunks:
        out = bytearray()
        varint(len(chunk), out)
        for _, data in chunk:
            out += data
        chunk_bytes.append(bytes(out))
    meta["postings"] = {
        "hash": add_family("p", chunk_bytes, "bin"),
        "first": [separator(chunks[i - 1][-1][0], chunk[0][0]) if i else "" for i, chunk in enumerate(chunks)],
    }

    blocks = cut([(term, compact_json(term)) for term in sorted_terms], DICTIONARY_BYTES)
    meta["dictionary"] = {
        "hash": add_family("d", [compact_json([term for term, _ in block]) for block in blocks], "json"),
        "first": [separator(blocks[i - 1][-1][0], block[0][0]) if i else "" for i, block in enumerate(blocks)],
    }

    buckets = 1
    while buckets * TERMS_PER_BUCKET < len(sorted_terms) * 3:
        buckets *= 2
    filed: list[list[str]] = [[] for _ in range(buckets)]
    for term in sorted_terms:
        for bucket in sorted({bucket_of(key, buckets) for key in fuzzy_keys(term)}):
            filed[bucket].append(term)
    meta["fuzzy"] = {"hash": add_family("f", [compact_json(terms) for terms in filed], "json"), "buckets": buckets}

    record_blocks = [compact_json(list(records[i : i + RECORD_BLOCK])) for i in range(0, len(records), RECORD_BLOCK)]
    meta["records"] = {"hash": add_family("r", record_blocks, "json"), "block": RECORD_BLOCK}

    if course_facets is not None:
        facet_data = compact_json(facet_tables(course_facets))
        facet_name = f"facets.{family_hash([facet_data])}.json"
        files[facet_name] = facet_data
        meta["facets"] = facet_name
    if sort_orders is not None:
        sort_data = compact_json({key: list(order) for key, order in sort_orders.items()})
        sort_name = f"sort.{family_hash([sort_data])}.json"
        files[sort_name] = sort_data
        meta["sort"] = sort_name
    # The one file under a fixed name: pages name it, so new search data changes no page. The browser
    # revalidates it on every visit (search-engine.js); every file it names is hashed and never changes.
    meta_name = META_NAME
    files[meta_name] = compact_json(meta)
    return files, meta_name


def chunk_for(first: Sequence[str], term: str) -> int:
    """Which chunk holds `term` (the Python twin of the browser's lookup; used by tests)."""
    keys = [utf16_key(f) for f in first]
    return max(0, bisect_right(keys, utf16_key(term)) - 1)
