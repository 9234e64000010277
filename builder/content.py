"""Load and validate the content folder: every file, every problem, in one pass."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from builder import glossary, schema
from builder.content_html import check_raw_html
from builder.content_links import check_content_links, check_document_links, check_footer_links
from builder.problems import ERROR, WARNING, Problem, Problems, did_you_mean
from builder.skills import rules as skill_rules
from builder.skills import schema as skill_schema
from builder.sources import Document, KeyPath, list_content_files, read_markdown_file, read_yaml_file
from builder.workers import map_in_workers, worker_count

STALE_AFTER_DAYS = 183  # about six months: a notice
OVERDUE_AFTER_DAYS = 548  # about eighteen months: a warning

YAML_SUFFIXES = (".yaml", ".yml")
SEARCH_FILE = "search.yaml"
GLOSSARY_FILE = "begrippen.yaml"


@dataclass
class Content:
    """Every parsed content file, by kind and id. Only trusted when there are no errors."""

    root: Path
    site: Document | None = None
    sectors: Document | None = None
    levels: Document | None = None
    regions: Document | None = None
    places: Document | None = None
    search: Document | None = None  # content/search.yaml: optional
    glossary: Document | None = None  # content/begrippen.yaml: optional
    providers: dict[str, Document] = field(default_factory=dict)
    funding: dict[str, Document] = field(default_factory=dict)
    courses: dict[str, Document] = field(default_factory=dict)
    situations: dict[str, Document] = field(default_factory=dict)
    pages: dict[str, Document] = field(default_factory=dict)
    skill_groups: dict[str, Document] = field(default_factory=dict)
    occupations: dict[str, Document] = field(default_factory=dict)
    transitions: dict[str, Document] = field(default_factory=dict)
    # Ids of files that exist but could not be read: known from the file name, so that references to them
    # are not reported as well (one cause, one message).
    unreadable: dict[str, set[str]] = field(default_factory=dict)


COLLECTIONS: dict[str, tuple[str, schema.Record, str]] = {
    # attribute: (folder, schema, file kind)
    "providers": ("providers", schema.PROVIDER, "yaml"),
    "funding": ("funding", schema.FUNDING, "yaml"),
    "courses": ("courses", schema.COURSE, "yaml"),
    "situations": ("situations", schema.SITUATION, "md"),
    "pages": ("pages", schema.PAGE, "md"),
    "skill_groups": ("skills", skill_schema.SKILL_GROUP, "yaml"),
    "occupations": ("occupations", skill_schema.OCCUPATION, "yaml"),
    "transitions": ("transitions", skill_schema.TRANSITION, "yaml"),
}
TAXONOMIES: dict[str, tuple[str, schema.MapOf]] = {
    "sectors": ("sectors.yaml", schema.SECTORS),
    "levels": ("levels.yaml", schema.LEVELS),
    "regions": ("regions.yaml", schema.REGIONS),
    "places": ("places.yaml", schema.PLACES),
}
# Roughly the Netherlands: a place outside it is most often a typo or swapped coordinates.
NETHERLANDS_LAT = (50.7, 53.7)
NETHERLANDS_LON = (3.2, 7.3)


Reader = Callable[[Path, Problems], "Document | None"]
ReadFile = Callable[[Path, Reader, Problems], "Document | None"]
ListFiles = Callable[[Path, str, str, Problems], list[Path]]


def load_content(
    root: Path,
    problems: Problems,
    today: dt.date,
    read: ReadFile | None = None,
    checked: CheckedCache | None = None,
    list_files: ListFiles | None = None,
) -> Content:
    """`read(path, reader, problems)` may stand in for reading a file, e.g. to reuse unchanged files (`builder.incremental`);
    `checked` then keeps the schema's verdict on each unchanged file, and `list_files` may reuse a folder's last listing."""
    content = Content(root)
    if not root.is_dir():
        problems.error(root, 1, 1, "de contentmap bestaat niet.")
        return content
    # A plain build parses the many course files over every core; a rebuild (`read` given) reads only what changed.
    read_files(content, problems, read or (lambda path, reader, found: reader(path, found)), parallel=read is None, list_files=list_files)
    known_ids, aliases = collect_ids(content, problems)
    validate_all(content, problems, known_ids, aliases, checked)
    check_course_rules(content, problems)
    check_places(content, problems)
    check_glossary(content.glossary, problems)
    skill_rules.check_skill_rules(content, problems)
    check_freshness(content, problems, today)

    def texts() -> Iterator[tuple[Document, schema.Record]]:
        return (
            (document, record) for attribute, (_, record, _) in COLLECTIONS.items() for document in getattr(content, attribute).values()
        )

    if checked is None:
        check_content_links(texts(), content.site, problems)
        check_raw_html(texts(), problems)
    else:
        checked.each("links", texts(), lambda document, record: check_document_links(document, record, problems), problems)
        if content.site is not None:
            check_footer_links(content.site, problems)
        checked.each("html", texts(), lambda document, record: check_raw_html(iter([(document, record)]), problems), problems)
    apply_acknowledgements(content, problems)
    set_drafts_aside(content, problems)
    return content


def set_drafts_aside(content: Content, problems: Problems) -> None:
    """A course with `draft: true` is work in progress: what is still wrong in it is said as a notice, and
    a draft with problems stays out of the model, so it never stops (or reaches) the published site."""
    for course_id, document in list(content.courses.items()):
        if not (isinstance(document.data, dict) and document.data.get("draft") is True):
            continue
        mine = [p for p in problems.items if p.path == document.path and p.severity in (ERROR, WARNING)]
        if not mine:
            continue
        problems.items = [p for p in problems.items if p not in mine]
        for problem in mine:
            message = f"concept (draft: true): {problem.message}"
            problems.notice(problem.path, problem.line, problem.column, message, topic="concept nog niet af")
        del content.courses[course_id]
        content.unreadable.setdefault("courses", set()).add(course_id)


def read_ahead(paths: list[Path], reader: Reader) -> Reader:
    """Parses `paths` over every core now; the returned reader hands out each result (and its problems)
    when the usual loop asks for it, so what is reported, and in what order, stays the same."""
    count = worker_count(len(paths))
    if count == 1:
        return reader

    def parse(path: Path) -> tuple[Document | None, list[Problem]]:
        found = Problems()
        return reader(path, found), found.items

    done = dict(zip(paths, map_in_workers(parse, paths, count), strict=True))

    def replay(path: Path, problems: Problems) -> Document | None:
        document, found = done.pop(path)
        problems.items.extend(found)
        return document

    return replay


def read_files(
    content: Content, problems: Problems, read: ReadFile, *, parallel: bool = False, list_files: ListFiles | None = None
) -> None:
    site_path = content.root / "site.yaml"
    if site_path.is_file():
        content.site = read(site_path, functools.partial(read_yaml_file, root=content.root), problems)
    else:
        problems.error(site_path, 1, 1, "site.yaml ontbreekt: hierin staan de naam, het adres en de contactgegevens van de gids.")
    for attribute, (file_name, _) in TAXONOMIES.items():
        path = content.root / file_name
        if path.is_file():
            setattr(content, attribute, read(path, functools.partial(read_yaml_file, root=content.root), problems))
        else:
            problems.error(path, 1, 1, f"{file_name} ontbreekt.")
    search_path = content.root / SEARCH_FILE
    if search_path.is_file():
        content.search = read(search_path, functools.partial(read_yaml_file, root=content.root, allow_empty=True), problems)
    glossary_path = content.root / GLOSSARY_FILE
    if glossary_path.is_file():
        content.glossary = read(glossary_path, functools.partial(read_yaml_file, root=content.root), problems)
    for attribute, (folder, _, kind) in COLLECTIONS.items():
        found: dict[str, Document] = getattr(content, attribute)
        reader = functools.partial(read_markdown_file if kind == "md" else read_yaml_file, root=content.root)
        paths = (list_files or content_files)(content.root, folder, kind, problems)
        if parallel:
            reader = read_ahead(paths, reader)
        for path in paths:
            item_id = path.stem
            if not schema.ID_PATTERN.match(item_id):
                problems.error(
                    path,
                    1,
                    1,
                    f"bestandsnaam '{path.name}' mag alleen kleine letters, cijfers en '-' bevatten; "
                    "de naam is ook het id en het webadres.",
                )
                continue
            if item_id in found:
                problems.error(
                    path,
                    1,
                    1,
                    f"dubbel id '{item_id}': {found[item_id].path.relative_to(content.root)} heeft hetzelfde id.",
                )
                continue
            document = read(path, reader, problems)
            if document is not None:
                found[item_id] = document
            else:
                content.unreadable.setdefault(attribute, set()).add(item_id)


def content_files(root: Path, folder: str, kind: str, problems: Problems) -> list[Path]:
    suffixes = (".md",) if kind == "md" else YAML_SUFFIXES
    return list_content_files(root / folder, root, suffixes, problems)


def collect_ids(content: Content, problems: Problems) -> tuple[dict[str, set[str]], dict[str, dict[str, str]]]:
    """Ids that references may point at; gathered before validation so every file can be checked."""
    known: dict[str, set[str]] = {name: set(getattr(content, name)) | content.unreadable.get(name, set()) for name in COLLECTIONS}
    aliases: dict[str, dict[str, str]] = {}
    for name in TAXONOMIES:
        if name == "places":
            continue  # courses name places as regions.yaml lists them (checked against places.yaml in check_places)
        document: Document | None = getattr(content, name)
        data = document.data if document and isinstance(document.data, dict) else {}
        known[name] = {str(key) for key in data}
        if document is None:
            # sectors.yaml or the like could not be read: its own error says so; every reference is unchecked.
            known[name] = schema.UNCHECKED
            if name == "regions":
                known["places"] = schema.UNCHECKED
    for name in ("sectors", "levels"):
        # editors type what the site shows ("Transport en logistiek", "mbo niveau 2") or an alias ("niveau 2")
        document = getattr(content, name)
        if document and isinstance(document.data, dict):
            aliases[name] = {
                str(alias).lower(): item_id
                for item_id, item in document.data.items()
                if isinstance(item, dict)
                for alias in [*(item.get("aliases") or []), *([item["name"]] if isinstance(item.get("name"), str) else [])]
            }
    places: dict[str, str] = {}
    region_doc = content.regions
    if region_doc and isinstance(region_doc.data, dict):
        for region_id, region in region_doc.data.items():
            if not isinstance(region, dict) or not isinstance(region.get("places"), list):
                continue
            for index, place in enumerate(region["places"]):
                if place in places and places[place] != region_id:
                    line, column = region_doc.where((region_id, "places", index))
                    problems.error(
                        region_doc.path,
                        line,
                        column,
                        f"plaats '{place}' staat al bij regio '{places[place]}'; een plaats hoort bij één regio.",
                    )
                places[str(place)] = region_id
    if known.get("places") is not schema.UNCHECKED:
        known["places"] = set(places)
    known["skills"] = skill_rules.collect_skill_ids(content.skill_groups, content.unreadable.get("skill_groups"), problems)
    return known, aliases


def reporter(document: Document, problems: Problems):
    def report(at: KeyPath, message: str, at_key: bool = False) -> None:
        if document.reported(at):
            return  # reading said what is wrong there
        line, column = document.where(at, key=at_key)
        problems.error(document.path, line, column, message)

    return report


class CheckedCache:
    """What the schema found in each document, for rebuilds (`builder.incremental`): a document read again is a
    new object, so an unchanged object with the same known ids and aliases gets the same verdict without a check."""

    def __init__(self) -> None:
        self.inputs: tuple | None = None
        self.found: dict[int, tuple[Document, list[Problem]]] = {}  # id(document) -> (document, its problems)
        self.now: dict[int, tuple[Document, list[Problem]]] = {}
        self.by_check: dict[str, dict[int, tuple[Document, list[Problem]]]] = {}  # for `each`

    def start(self, known: dict[str, set[str]], aliases: dict[str, dict[str, str]]) -> None:
        if self.inputs != (known, aliases):
            self.inputs, self.found = (known, aliases), {}
        self.now = {}

    def finish(self) -> None:
        self.found, self.now = self.now, {}  # documents gone since are forgotten

    def each(
        self,
        name: str,
        documents: Iterable[tuple[Document, schema.Record]],
        check: Callable[[Document, schema.Record], None],
        problems: Problems,
    ) -> None:
        """`check` on each document not seen (as this object) by the check `name` last time; else what it found then.
        For checks that read the document alone, such as the links and HTML in its texts."""
        earlier, now = self.by_check.get(name, {}), {}
        for document, record in documents:
            known = earlier.get(id(document))
            if known is None or known[0] is not document:
                before = len(problems.items)
                check(document, record)
                known = (document, problems.items[before:])
            else:
                problems.items.extend(known[1])
            now[id(document)] = known
        self.by_check[name] = now


def validate_all(
    content: Content,
    problems: Problems,
    known: dict[str, set[str]],
    aliases: dict[str, dict[str, str]],
    checked: CheckedCache | None = None,
) -> None:
    if checked is not None:
        checked.start(known, aliases)

    def validate(document: Document | None, kind: schema.Kind) -> None:
        if document is None:
            return
        if checked is not None:
            earlier = checked.found.get(id(document))
            if earlier is not None and earlier[0] is document:
                problems.items.extend(earlier[1])
                checked.now[id(document)] = earlier
                return
        before = len(problems.items)
        context = schema.CheckContext(document, reporter(document, problems), known, aliases)
        kind.check(document.data, (), context)
        if checked is not None:
            checked.now[id(document)] = (document, problems.items[before:])

    validate(content.site, schema.SITE)
    for attribute in ("situations", "pages"):
        for document in getattr(content, attribute).values():
            found = schema.PLACEHOLDER.search(document.body or "")
            if found:
                line = document.body_line + (document.body or "")[: found.start()].count("\n")
                shown = schema.placeholder_shown(found.group(0))
                problems.error(document.path, line, 1, f"de tekst is nog niet ingevuld: vervang {shown} door je eigen tekst.")
    for attribute, (_, kind) in TAXONOMIES.items():
        validate(getattr(content, attribute), kind)
    for attribute, (_, record, _) in COLLECTIONS.items():
        for document in getattr(content, attribute).values():
            validate(document, record)
    validate(content.search, schema.SEARCH)
    validate(content.glossary, schema.GLOSSARY)
    if checked is not None:
        checked.finish()
    if content.search is not None:
        check_search_words(content.search, problems)


def check_search_words(document: Document, problems: Problems) -> None:
    """A word belongs to one synonym group, and a related word is not also a synonym: otherwise which meaning wins is a guess."""
    data = document.data if isinstance(document.data, dict) else {}
    first_seen: dict[str, KeyPath] = {}

    def claim(word: object, at: KeyPath, at_key: bool = False) -> None:
        if not isinstance(word, str) or not word.strip():
            return
        key = " ".join(word.lower().split())
        if key in first_seen:
            line, column = document.where(at, key=at_key)
            earlier = document.where(first_seen[key], key=first_seen[key][0] == "related")[0]
            problems.error(
                document.path,
                line,
                column,
                f"zoekwoord '{word}' staat al op regel {earlier}; een woord mag maar in één groep staan. "
                "Zet woorden met dezelfde betekenis samen in één groep.",
            )
            return
        first_seen[key] = at

    groups = data.get("synonyms")
    for group_index, group in enumerate(groups if isinstance(groups, list) else []):
        for word_index, word in enumerate(group if isinstance(group, list) else []):
            claim(word, ("synonyms", group_index, word_index))
    related = data.get("related")
    for word in related if isinstance(related, dict) else {}:
        claim(word, ("related", word), at_key=True)


def check_glossary(document: Document | None, problems: Problems) -> None:
    """A word explains one term: two terms claiming it would make the page pick one by chance. The terms the
    site's own labels use (NLQF, Crebo ...) should be there, or those labels stay unexplained."""
    if document is None or not isinstance(document.data, dict):
        return
    claimed: dict[str, str] = {}
    for term_id, term in document.data.items():
        if not isinstance(term, dict):
            continue
        words = [("name", None, term.get("name"))]
        aliases = term.get("aliases")
        words += [("aliases", index, alias) for index, alias in enumerate(aliases if isinstance(aliases, list) else [])]
        for field_name, index, word in words:
            if not isinstance(word, str) or not word.strip():
                continue
            key = " ".join(word.lower().split())
            if key in claimed and claimed[key] != term_id:
                at = (term_id, field_name) if index is None else (term_id, field_name, index)
                line, column = document.where(at)
                problems.error(
                    document.path,
                    line,
                    column,
                    f"'{word}' hoort al bij begrip '{claimed[key]}'; een woord kan maar één begrip uitleggen.",
                )
            claimed.setdefault(key, str(term_id))
    missing = [term_id for term_id in glossary.SITE_TERMS if term_id not in document.data]
    if missing:
        problems.warning(
            document.path,
            1,
            1,
            f"de site gebruikt deze begrippen, maar {GLOSSARY_FILE} legt ze niet uit: {', '.join(missing)}. "
            "Voeg ze toe (met name en short), dan kunnen bezoekers de uitleg openen.",
        )


def check_places(content: Content, problems: Problems) -> None:
    """Every place a region lists has coordinates in places.yaml, once, and lies in the Netherlands."""
    places_doc, region_doc = content.places, content.regions
    if places_doc is None or not isinstance(places_doc.data, dict):
        return
    named: dict[str, str] = {}
    for place_id, place in places_doc.data.items():
        if not isinstance(place, dict):
            continue
        name = place.get("name")
        if isinstance(name, str):
            if name in named:
                line, column = places_doc.where((place_id, "name"))
                message = f"plaats '{name}' staat al in places.yaml als '{named[name]}'; noem elke plaats één keer."
                problems.error(places_doc.path, line, column, message)
            named.setdefault(name, str(place_id))
        lat, lon = place.get("lat"), place.get("lon")
        if all(isinstance(v, int | float) and not isinstance(v, bool) for v in (lat, lon)) and not in_netherlands(lat, lon):
            line, column = places_doc.where((place_id, "lat"))
            hint = " Zijn lat en lon verwisseld?" if in_netherlands(lon, lat) else ""
            problems.warning(
                places_doc.path,
                line,
                column,
                f"plaats '{place_id}' ligt met lat {lat} en lon {lon} buiten Nederland.{hint} "
                f"Nederland ligt tussen lat {NETHERLANDS_LAT[0]} en {NETHERLANDS_LAT[1]}, "
                f"lon {NETHERLANDS_LON[0]} en {NETHERLANDS_LON[1]}.",
            )
    if region_doc is None or not isinstance(region_doc.data, dict):
        return
    for region_id, region in region_doc.data.items():
        if not isinstance(region, dict) or not isinstance(region.get("places"), list):
            continue
        for index, place in enumerate(region["places"]):
            if isinstance(place, str) and place not in named:
                line, column = region_doc.where((region_id, "places", index))
                hint = did_you_mean(place, named)
                problems.error(
                    region_doc.path,
                    line,
                    column,
                    f"plaats '{place}' staat niet in content/places.yaml.{hint} "
                    "Voeg haar daar toe met gemeente, provincie en coördinaten (lat, lon), zodat bezoekers de afstand zien.",
                )


def in_netherlands(lat: float, lon: float) -> bool:
    return NETHERLANDS_LAT[0] <= lat <= NETHERLANDS_LAT[1] and NETHERLANDS_LON[0] <= lon <= NETHERLANDS_LON[1]


def check_course_rules(content: Content, problems: Problems) -> None:
    """Rules that involve more than one field."""
    for document in content.courses.values():
        data = document.data if isinstance(document.data, dict) else {}
        if data.get("form") in schema.FORMS.values and data.get("form") != "online" and not data.get("locations"):
            line, column = document.where(("form",))
            problems.error(
                document.path,
                line,
                column,
                f"veld 'locations' ontbreekt: bij vorm '{data.get('form')}' moet je zeggen waar de lessen zijn "
                "(alleen bij 'online' mag het weg).",
            )


def check_freshness(content: Content, problems: Problems, today: dt.date) -> None:
    """Warnings an editor must act on, and notices about what time did (the site already handles those)."""
    for document in content.courses.values():
        data = document.data if isinstance(document.data, dict) else {}
        if data.get("draft") is True:
            continue
        starts = data.get("starts")
        ended = data.get("status") == "beeindigd"
        if not ended and isinstance(starts, list) and starts and all(isinstance(d, dt.date) and d < today for d in starts):
            line, column = document.where(("starts",))
            problems.notice(
                document.path,
                line,
                column,
                "alle startdatums liggen in het verleden; de opleiding staat daarom niet meer in de lijsten en het zoeken, "
                "en haar pagina meldt dat er geen nieuwe start is. "
                "Komt er een nieuwe groep, voeg dan een datum toe of schrijf 'doorlopend'. "
                "Stopt de opleiding, schrijf dan 'status: beeindigd'.",
                topic="alle startdatums voorbij",
            )
        if ended:
            continue
        warn_if_stale(document, data, problems, today)
        for spec in schema.COURSE.fields:
            if spec.recommended and spec.name not in data:
                problems.warning(
                    document.path,
                    1,
                    1,
                    f"aanbevolen veld '{spec.name}' ontbreekt: {spec.help}. [{spec.name}]",
                    code=spec.name,
                )
    for document in content.funding.values():
        data = document.data if isinstance(document.data, dict) else {}
        warn_if_stale(document, data, problems, today)
        until = data.get("valid_until")
        if isinstance(until, dt.date) and until < today and data.get("status") in ("open", "periodiek"):
            line, column = document.where(("valid_until",))
            problems.notice(
                document.path,
                line,
                column,
                f"de einddatum {until.isoformat()} is voorbij, maar de status is '{data.get('status')}'. "
                "De gids toont de regeling als gesloten. Controleer haar en pas 'status' of 'valid_until' aan.",
                topic="regeling voorbij einddatum",
            )


def warn_if_stale(document: Document, data: dict, problems: Problems, today: dt.date) -> None:
    """Six months unchecked is a reminder; eighteen months is a fault an editor must fix (and fails --strict)."""
    checked = data.get("last_checked")
    if not isinstance(checked, dt.date):
        return
    age = (today - checked).days
    if age <= STALE_AFTER_DAYS:
        return
    line, column = document.where(("last_checked",))
    if age > OVERDUE_AFTER_DAYS:
        problems.warning(
            document.path,
            line,
            column,
            f"de gegevens zijn sinds {checked.isoformat()} niet gecontroleerd (meer dan anderhalf jaar). "
            "Controleer ze bij de aanbieder en zet de datum van vandaag bij 'last_checked'.",
        )
    else:
        problems.notice(
            document.path,
            line,
            column,
            f"de gegevens zijn sinds {checked.isoformat()} niet gecontroleerd (meer dan zes maanden). "
            "Plan een controle en pas daarna 'last_checked' aan.",
            topic="controle gepland (meer dan zes maanden)",
        )


def apply_acknowledgements(content: Content, problems: Problems) -> None:
    """`acknowledged: [certificate]` in a file accepts that file's warning; a stale entry is itself a warning."""
    for attribute in COLLECTIONS:
        for document in getattr(content, attribute).values():
            data = document.data if isinstance(document.data, dict) else {}
            codes = data.get("acknowledged")
            if not isinstance(codes, list):
                continue
            wanted = [str(code) for code in codes]
            matched = problems.acknowledge(document.path, wanted)
            for index, code in enumerate(wanted):
                if code not in matched:
                    line, column = document.where(("acknowledged", index))
                    problems.warning(
                        document.path,
                        line,
                        column,
                        f"'{code}' staat onder 'acknowledged', maar dit bestand heeft geen waarschuwing [{code}]. Haal het weg.",
                    )
