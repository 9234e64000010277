"""The content schema: the single source of truth for what a valid content file is.

Validation (`builder.content`), the editor's guide (`docs/content.md` is checked against it by a
test) and the `scholing new course` skeleton all read these definitions.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from builder.problems import allowed_list, closest, did_you_mean, suggestion
from builder.sources import THOUSANDS, Document, KeyPath, field_label, is_date

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Limits, so a mistake (a pasted brochure, a generated list) cannot make pages or the search index
# explode. docs/content.md lists them; a test keeps the two in step.
MAX_FILE_BYTES = 1_000_000  # a content file; refused before it is parsed
MAX_NESTING = 10  # levels of lists and groups inside one file
MAX_LINE_TEXT = 300  # characters in a one-line text without a tighter limit of its own
MAX_LONG_TEXT = 5_000  # characters in a multi-line text
MAX_MARKDOWN = 10_000  # characters in a Markdown text, such as a course description
MAX_URL = 2_000  # characters in a web address
MAX_LIST_ITEMS = 100  # items in a list without a tighter limit of its own
MAX_STARTS = 60  # start dates of one course
MAX_KEYWORDS = 40  # keywords of one course
MAX_PLACES = 2_000  # places in one region


class _Unchecked(frozenset):
    """Ids of a collection whose file could not be read: every reference passes, its own error says why."""

    def __contains__(self, item: object) -> bool:
        return True


UNCHECKED: frozenset[str] = _Unchecked()


@dataclass
class CheckContext:
    """What a check needs besides the value: where to report and which ids exist."""

    document: Document
    report: Any  # Callable[[KeyPath, str, bool], None]; bool = point at the key instead of the value
    known_ids: dict[str, set[str]]
    aliases: dict[str, dict[str, str]] = field(default_factory=dict)


def type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "ja/nee-waarde"
    if isinstance(value, int | float):
        return "getal"
    if isinstance(value, str):
        return "tekst"
    if isinstance(value, list):
        return "lijst"
    if isinstance(value, dict):
        return "groep velden"
    if isinstance(value, dt.datetime):
        return "datum met tijd"
    if isinstance(value, dt.date):
        return "datum"
    if value is None:
        return "lege waarde"
    return type(value).__name__


class Kind:
    """A kind of value. `check` reports problems; `describe` explains it to an editor."""

    def describe(self) -> str:
        raise NotImplementedError

    def limits(self) -> str:
        """Bounds an editor must stay within, in words ('hoogstens 90 tekens'); '' when there are none."""
        return ""

    def check(self, value: Any, at: KeyPath, ctx: CheckContext) -> None:
        raise NotImplementedError

    def wrong_type(self, value: Any, at: KeyPath, ctx: CheckContext) -> None:
        hint = ""
        if isinstance(value, bool | int | float) and isinstance(self, Text):
            hint = " Zet de tekst tussen aanhalingstekens."
        elif isinstance(value, dict) and isinstance(self, Text):
            hint = " Staat er ': ' in de tekst? Zet de tekst dan tussen aanhalingstekens."
        ctx.report(at, f"veld '{field_label(at)}' moet {self.describe()} zijn, maar is een {type_name(value)}.{hint}")


@dataclass(frozen=True)
class Text(Kind):
    min_length: int = 1
    max_length: int | None = None
    single_line: bool = True

    def describe(self) -> str:
        return "een tekst op één regel" if self.single_line else "een tekst"

    def length_limit(self) -> int:
        return self.max_length or (MAX_LINE_TEXT if self.single_line else MAX_LONG_TEXT)

    def limits(self) -> str:
        if self.min_length > 1:
            return f"{self.min_length} tot {self.length_limit()} tekens"
        return f"hoogstens {self.length_limit()} tekens"

    def check(self, value: Any, at: KeyPath, ctx: CheckContext) -> None:
        if not isinstance(value, str):
            self.wrong_type(value, at, ctx)
            return
        text = value.strip()
        if len(text) < self.min_length:
            if self.min_length <= 1:
                ctx.report(at, f"veld '{field_label(at)}' is leeg.")
            else:
                ctx.report(
                    at,
                    f"veld '{field_label(at)}' is te kort ({len(text)} tekens); schrijf minstens {self.min_length} tekens.",
                )
        limit = self.length_limit()
        if len(text) > limit:
            ctx.report(at, f"veld '{field_label(at)}' is te lang ({len(text)} tekens); houd het onder {limit}.")
        if self.single_line and "\n" in text:
            ctx.report(at, f"veld '{field_label(at)}' moet op één regel passen.")


# The Markdown dialect editors write (Python-Markdown): tables, footnotes and the like, and lists that
# behave as they look. Rendering and the content link check must read it the same way.
MARKDOWN_EXTENSIONS = ("extra", "sane_lists")


@dataclass(frozen=True)
class Markdown(Text):
    single_line: bool = False

    def describe(self) -> str:
        return "een tekst in Markdown"

    def length_limit(self) -> int:
        return self.max_length or MAX_MARKDOWN


@dataclass(frozen=True)
class Url(Kind):
    def describe(self) -> str:
        return "een webadres dat begint met https:// of http://"

    def check(self, value: Any, at: KeyPath, ctx: CheckContext) -> None:
        if not isinstance(value, str):
            self.wrong_type(value, at, ctx)
            return
        if len(value) > MAX_URL:
            ctx.report(at, f"veld '{field_label(at)}': het webadres is te lang ({len(value)} tekens); houd het onder {MAX_URL}.")
            return
        parts = urlsplit(value.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc or " " in value.strip():
            meant = ""
            if not parts.scheme and re.match(r"^[a-z0-9-]+(\.[a-z0-9-]+)+(/\S*)?$", value.strip(), re.IGNORECASE):
                meant = f" Bedoelde je https://{value.strip()}?"
            ctx.report(at, f"veld '{field_label(at)}': '{value}' is geen geldig webadres; {self.describe()}.{meant}")


@dataclass(frozen=True)
class Email(Kind):
    def describe(self) -> str:
        return "een e-mailadres"

    def check(self, value: Any, at: KeyPath, ctx: CheckContext) -> None:
        if not isinstance(value, str) or not re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", value.strip()):
            ctx.report(at, f"veld '{field_label(at)}': '{value}' is geen geldig e-mailadres.")


@dataclass(frozen=True)
class Date(Kind):
    def describe(self) -> str:
        return "een datum (JJJJ-MM-DD, bijvoorbeeld 2027-02-01)"

    def check(self, value: Any, at: KeyPath, ctx: CheckContext) -> None:
        if is_date(value):
            return
        meant = dutch_date(value)
        if meant:
            ctx.report(at, f"veld '{field_label(at)}': schrijf een datum als JJJJ-MM-DD (jaar eerst). Bedoelde je {meant}?")
            return
        self.wrong_type(value, at, ctx)


def dutch_date(value: Any) -> str | None:
    """'23-11-2026' or '23/11/2026' written the Dutch way, as the ISO date the editor meant."""
    if not isinstance(value, str):
        return None
    match = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", value.strip())
    if not match:
        return None
    day, month, year = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


DECIMAL_COMMA = re.compile(r"^\s*(\d+),(\d{1,2})\s*$")
DUTCH_NUMBER = re.compile(rf"^\s*({THOUSANDS}),(\d{{1,2}})\s*$")  # 1.250,50: thousands dot and decimal comma


@dataclass(frozen=True)
class Number(Kind):
    minimum: float | None = None
    maximum: float | None = None
    whole: bool = False
    # An amount or a count of hours, where 1.250 written the Dutch way means 1250 (YAML reads 1.25): refused with a
    # suggestion. Not for coordinates, where 53.219 is a real decimal.
    counts_thousands: bool = False

    def describe(self) -> str:
        return "een heel getal" if self.whole else "een getal"

    def limits(self) -> str:
        if self.minimum is not None and self.maximum is not None:
            return f"van {self.minimum:g} tot en met {self.maximum:g}"
        if self.minimum is not None:
            return f"minstens {self.minimum:g}"
        return ""

    def check(self, value: Any, at: KeyPath, ctx: CheckContext) -> None:
        if isinstance(value, str) and DECIMAL_COMMA.match(value) and not self.whole:
            whole, cents = DECIMAL_COMMA.match(value).groups()
            ctx.report(at, f"veld '{field_label(at)}': schrijf een punt in plaats van een komma. Bedoelde je {whole}.{cents}?")
            return
        if isinstance(value, str) and DUTCH_NUMBER.match(value) and self.counts_thousands:
            thousands, cents = DUTCH_NUMBER.match(value).groups()
            ctx.report(
                at,
                f"veld '{field_label(at)}': schrijf een getal zonder punt tussen de duizendtallen en met een punt voor de "
                f"decimalen. Bedoelde je {thousands.replace('.', '')}.{cents}?",
            )
            return
        dotted = ctx.document.dotted_numbers.get(at) if self.counts_thousands else None
        if dotted is not None:
            ctx.report(
                at,
                f"veld '{field_label(at)}': {dotted} leest als {value:g}, want een punt staat voor de decimalen. "
                f"Schrijf duizendtallen zonder punt. Bedoelde je {dotted.replace('.', '')}?",
            )
            return
        if isinstance(value, bool) or not isinstance(value, int | float) or (self.whole and not isinstance(value, int)):
            self.wrong_type(value, at, ctx)
            return
        if self.minimum is not None and value < self.minimum:
            ctx.report(at, f"veld '{field_label(at)}' moet minstens {self.minimum:g} zijn, maar is {value:g}.")
        if self.maximum is not None and value > self.maximum:
            ctx.report(at, f"veld '{field_label(at)}' mag hoogstens {self.maximum:g} zijn, maar is {value:g}.")


@dataclass(frozen=True)
class Boolean(Kind):
    def describe(self) -> str:
        return "true (ja) of false (nee)"

    def check(self, value: Any, at: KeyPath, ctx: CheckContext) -> None:
        if isinstance(value, bool):
            return
        word = str(value).strip().lower()
        meant = {"ja": "true", "j": "true", "waar": "true", "nee": "false", "n": "false", "onwaar": "false"}.get(word)
        if meant:
            ctx.report(at, f"veld '{field_label(at)}': schrijf '{meant}' in plaats van '{value}'. YAML kent alleen true en false.")
            return
        self.wrong_type(value, at, ctx)


@dataclass(frozen=True)
class Pattern(Kind):
    regex: str
    explanation: str

    def describe(self) -> str:
        return self.explanation

    def check(self, value: Any, at: KeyPath, ctx: CheckContext) -> None:
        text = str(value) if isinstance(value, int | str) and not isinstance(value, bool) else None
        if text is None or not re.fullmatch(self.regex, text):
            ctx.report(at, f"veld '{field_label(at)}': '{value}' is niet goed; het moet {self.explanation} zijn.")


@dataclass(frozen=True)
class Choice(Kind):
    options: tuple[tuple[str, str], ...]  # (value, meaning)
    synonyms: tuple[tuple[str, str], ...] = ()  # (what editors type, the value they mean), e.g. Dutch words

    def describe(self) -> str:
        return "een van: " + ", ".join(value for value, _ in self.options)

    @property
    def values(self) -> list[str]:
        return [v for v, _ in self.options]

    @functools.cached_property
    def allowed(self) -> frozenset[str]:
        return frozenset(self.values)

    def check(self, value: Any, at: KeyPath, ctx: CheckContext) -> None:
        if not isinstance(value, Hashable) or value not in self.allowed:
            hint = did_you_mean(str(value), self.values, dict(self.synonyms))
            ctx.report(at, f"veld '{field_label(at)}': '{value}' is niet toegestaan.{hint} Kies uit: {', '.join(self.values)}.")


@dataclass(frozen=True)
class Ref(Kind):
    """The id of something defined elsewhere in the content folder."""

    collection: str
    noun: str
    where: str

    def describe(self) -> str:
        return f"het id van een {self.noun} uit {self.where}"

    @property
    def unknown(self) -> str:
        """Dutch adjectives lose their -e before a neuter noun: 'onbekend niveau', 'onbekende sector'."""
        return f"onbekend {self.noun}" if self.noun in NEUTER_NOUNS else f"onbekende {self.noun}"

    def check(self, value: Any, at: KeyPath, ctx: CheckContext) -> None:
        if not isinstance(value, str):
            self.wrong_type(value, at, ctx)
            return
        known = ctx.known_ids.get(self.collection, set())
        if value not in known:
            hint = did_you_mean(value, known, ctx.aliases.get(self.collection))
            ctx.report(
                at,
                f"veld '{field_label(at)}': {self.unknown} '{value}'.{hint} Kies uit: {allowed_list(known)} (zie {self.where}).",
            )


@dataclass(frozen=True)
class ListOf(Kind):
    item: Kind
    min_items: int = 1
    unique: bool = True
    max_items: int = MAX_LIST_ITEMS

    def describe(self) -> str:
        return f"een lijst; elk item is {self.item.describe()}"

    def limits(self) -> str:
        parts = [f"minstens {self.min_items} item{'s' if self.min_items > 1 else ''}"] if self.min_items else []
        parts.append(f"hoogstens {self.max_items} items")
        if self.item.limits():
            parts.append(f"elk item {self.item.limits()}")
        return ", ".join(parts)

    def check(self, value: Any, at: KeyPath, ctx: CheckContext) -> None:
        if not isinstance(value, list):
            ctx.report(
                at,
                f"veld '{field_label(at)}' moet een lijst zijn (regels die beginnen met '- '), maar is een {type_name(value)}.",
            )
            return
        if len(value) < self.min_items:
            ctx.report(at, f"veld '{field_label(at)}' moet minstens {self.min_items} item(s) hebben.")
        if len(value) > self.max_items:
            ctx.report(at, f"veld '{field_label(at)}' heeft {len(value)} items; de grens is {self.max_items}. Houd de lijst kort.")
            return
        seen: set[str] = set()
        check = self.item.check
        for index, item in enumerate(value):
            item_at = (*at, index)
            if isinstance(item, str) and "«" in item and report_placeholder(item, item_at, ctx):
                continue
            check(item, item_at, ctx)
            marker = repr(item)
            if self.unique and marker in seen:
                ctx.report((*at, index), f"veld '{field_label(at)}': '{item}' staat er twee keer in.")
            seen.add(marker)


@dataclass(frozen=True)
class Starts(Kind):
    """Start dates of a course: a list of dates, or the word 'doorlopend' (start any time)."""

    def describe(self) -> str:
        return "'doorlopend' of een lijst met datums (JJJJ-MM-DD)"

    def limits(self) -> str:
        return f"hoogstens {MAX_STARTS} datums"

    def check(self, value: Any, at: KeyPath, ctx: CheckContext) -> None:
        if value == "doorlopend":
            return
        if isinstance(value, str):
            meant = dutch_date(value) or closest(value, ["doorlopend"], {"altijd": "doorlopend", "continu": "doorlopend"})
            hint = f" Bedoelde je '{meant}'?" if meant and dutch_date(value) is None else f" Bedoelde je [{meant}]?" if meant else ""
            ctx.report(at, f"veld '{field_label(at)}': '{value}' is niet goed; gebruik {self.describe()}.{hint}")
            return
        ListOf(Date(), max_items=MAX_STARTS).check(value, at, ctx)


PLACEHOLDER = re.compile(r"«[^»]*»")


def report_placeholder(value: Any, at: KeyPath, ctx: CheckContext) -> bool:
    """Text from a `scholing new` skeleton, still between « and »: never published."""
    if not isinstance(value, str) or "«" not in value or not PLACEHOLDER.search(value):
        return False
    ctx.report(at, f"veld '{field_label(at)}' is nog niet ingevuld: vervang {placeholder_shown(value)} door de echte gegevens.")
    return True


def placeholder_shown(text: str) -> str:
    found = " ".join(PLACEHOLDER.search(text).group(0).split())
    return found if len(found) <= 50 else found[:45] + " …»"


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    help: str
    required: bool = False
    recommended: bool = False
    example: Any = None


@dataclass(frozen=True)
class Record(Kind):
    fields: tuple[Field, ...]
    noun: str = "groep velden"

    def describe(self) -> str:
        return f"een {self.noun} met de velden " + ", ".join(f.name for f in self.fields)

    @functools.cached_property
    def names(self) -> list[str]:
        """The field names in order, made once: validation asks for every record of every file."""
        return [f.name for f in self.fields]

    @functools.cached_property
    def name_set(self) -> frozenset[str]:
        return frozenset(self.names)

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def is_decimal_tail(self, value: dict, keys: list, position: int) -> bool:
        """`{amount: 225,50}` reads as amount 225 plus an empty field '50': a decimal comma, not a field."""
        key = keys[position]
        if position == 0 or not str(key).isdigit() or value[key] is not None:
            return False
        before = keys[position - 1]
        spec = next((f for f in self.fields if f.name == before), None)
        return spec is not None and isinstance(spec.kind, Number) and isinstance(value[before], int) and not isinstance(value[before], bool)

    def check(self, value: Any, at: KeyPath, ctx: CheckContext) -> None:
        if not isinstance(value, dict):
            ctx.report(at, f"'{field_label(at)}' moet {self.describe()} zijn, maar is een {type_name(value)}.")
            return
        keys = list(value)
        meant = self.report_unknown_keys(value, keys, at, ctx) if not self.name_set.issuperset(keys) else set()
        for spec in self.fields:
            item = value.get(spec.name)
            if item is None:
                # not when a misspelt field was reported as meaning this one, or reading already said what is wrong
                if spec.required and spec.name not in meant and not ctx.document.reported((*at, spec.name)):
                    where = f" in '{field_label(at)}'" if at else ""
                    ctx.report(at, f"verplicht veld '{spec.name}' ontbreekt{where}: {spec.help}", True)
                continue
            item_at = (*at, spec.name)
            if not (isinstance(item, str) and "«" in item and report_placeholder(item, item_at, ctx)):
                spec.kind.check(item, item_at, ctx)

    def report_unknown_keys(self, value: dict, keys: list, at: KeyPath, ctx: CheckContext) -> set[str]:
        """Reports each field this record does not have; returns the names suggested for them ("Bedoelde je")."""
        names = self.names
        meant: set[str] = set()
        for position, key in enumerate(keys):
            if key not in names and self.is_decimal_tail(value, keys, position):
                before = keys[position - 1]
                ctx.report(
                    (*at, before),
                    f"veld '{field_label((*at, before))}': schrijf een punt in plaats van een komma. "
                    f"Bedoelde je {value[before]}.{key}? (Tussen {{ }} scheidt een komma de velden.)",
                )
                continue
            if key not in names:
                best = closest(str(key), names)
                hint = suggestion(best, str(key))
                if best is not None:
                    meant.add(best)
                ctx.report(
                    (*at, key),
                    f"onbekend veld '{field_label((*at, key))}'.{hint} Toegestane velden: {', '.join(names)}.",
                    True,
                )
        return meant


@dataclass(frozen=True)
class MapOf(Kind):
    """A file that lists several items by id (sectors.yaml, levels.yaml, regions.yaml)."""

    item: Record
    noun: str

    def describe(self) -> str:
        return f"per {self.noun} een id (kleine letters, cijfers en '-') met daaronder {self.item.describe()}"

    def check(self, value: Any, at: KeyPath, ctx: CheckContext) -> None:
        if not isinstance(value, dict) or not value:
            ctx.report(at, f"dit bestand moet {self.describe()} bevatten.")
            return
        for key, item in value.items():
            if not ID_PATTERN.match(str(key)):
                ctx.report((*at, key), f"id '{key}' mag alleen kleine letters, cijfers en '-' bevatten.", True)
            self.item.check(item, (*at, key), ctx)


def choice(*pairs: tuple[str, str], synonyms: dict[str, str] | None = None) -> Choice:
    return Choice(tuple(pairs), tuple((synonyms or {}).items()))


NEUTER_NOUNS = frozenset({"niveau", "beroep"})
LEVEL_REF = Ref("levels", "niveau", "content/levels.yaml")
SECTOR_REF = Ref("sectors", "sector", "content/sectors.yaml")
SITUATION_REF = Ref("situations", "situatie", "content/situations/")
FUNDING_REF = Ref("funding", "regeling", "content/funding/")
PROVIDER_REF = Ref("providers", "aanbieder", "content/providers/")
PLACE_REF = Ref("places", "plaats", "content/regions.yaml en content/places.yaml")
SKILL_REF = Ref("skills", "vaardigheid", "content/skills/")
OCCUPATION_REF = Ref("occupations", "beroep", "content/occupations/")

FORMS = choice(
    ("klassikaal", "les op een vaste plek, in een groep"),
    ("online", "helemaal online"),
    ("blended", "deels online, deels op locatie"),
    ("werkend-leren", "leren in de praktijk, bij een werkgever (bbl, leerwerktraject)"),
    synonyms={"deelsonline": "blended", "hybride": "blended", "bbl": "werkend-leren", "oplocatie": "klassikaal", "klas": "klassikaal"},
)
CERTIFICATES = choice(
    ("diploma", "een erkend diploma"),
    ("mbo-certificaat", "een mbo-certificaat (deel van een mbo-opleiding)"),
    ("certificaat", "een certificaat van de aanbieder of branche"),
    ("bewijs-van-deelname", "een bewijs van deelname"),
    ("microcredential", "een microcredential (erkend bewijs voor een klein leerresultaat)"),
    ("geen", "geen bewijs"),
    synonyms={"deelnamebewijs": "bewijs-van-deelname", "certificaatvandeelname": "bewijs-van-deelname", "mbodiploma": "diploma"},
)
VAT = choice(
    ("included", "de prijs is inclusief btw"),
    ("excluded", "de prijs is exclusief btw"),
    ("exempt", "er is geen btw (vrijgesteld onderwijs)"),
    synonyms={
        "inclusief": "included",
        "incl": "included",
        "inclbtw": "included",
        "exclusief": "excluded",
        "excl": "excluded",
        "exclbtw": "excluded",
        "vrijgesteld": "exempt",
        "btwvrij": "exempt",
        "geenbtw": "exempt",
        "vrij": "exempt",
    },
)
DURATION_UNITS = choice(
    ("uren", "uren"),
    ("dagen", "dagen"),
    ("weken", "weken"),
    ("maanden", "maanden"),
    ("jaren", "jaren"),
    synonyms={"uur": "uren", "dag": "dagen", "week": "weken", "maand": "maanden", "jaar": "jaren"},
)

PRICE = Record(
    (
        Field("amount", Number(minimum=0, counts_thousands=True), "de prijs in euro's; 0 betekent gratis", required=True, example=1250),
        Field("vat", VAT, "btw: included, excluded of exempt", required=True, example="exempt"),
        Field("extra_costs", Number(minimum=0, counts_thousands=True), "verplichte extra kosten in euro's (boeken, examen)", example=95),
        Field("extra_costs_note", Text(), "waar de extra kosten voor zijn", example="lesboek en examengeld"),
    ),
    "prijs",
)
PRICE_ON_REQUEST = "op-aanvraag"


@dataclass(frozen=True)
class OrWord(Kind):
    """A record, or one agreed word instead of it: `price: op-aanvraag`."""

    record: Record
    word: str
    meaning: str

    def describe(self) -> str:
        return f"'{self.word}' ({self.meaning}) of {self.record.describe()}"

    def check(self, value: Any, at: KeyPath, ctx: CheckContext) -> None:
        if value == self.word:
            return
        if isinstance(value, str) or isinstance(value, int | float) and not isinstance(value, bool):
            meant = closest(str(value), [self.word])
            hint = f" Bedoelde je '{meant}'?" if meant else ""
            example = f"{{amount: {value}, vat: exempt}}" if isinstance(value, int | float) else "{amount: 250, vat: exempt}"
            ctx.report(
                at,
                f"veld '{field_label(at)}': '{value}' is niet goed.{hint} Schrijf '{self.word}' ({self.meaning}) "
                f"of de velden, zoals {field_label(at)}: {example}.",
            )
            return
        self.record.check(value, at, ctx)


DURATION = Record(
    (
        Field("amount", Number(minimum=1, whole=True), "hoeveel", required=True, example=8),
        Field("unit", DURATION_UNITS, "uren, dagen, weken, maanden of jaren", required=True, example="weken"),
    ),
    "duur",
)
CODES = Record(
    (
        Field("crebo", Pattern(r"\d{5}", "een crebo-code van 5 cijfers"), "crebo-code van een mbo-kwalificatie", example="25655"),
        Field("rio", Pattern(r"\d{3,12}", "een RIO-code (alleen cijfers)"), "code van de opleiding in RIO", example="1009O3200"),
        Field("edudex", Text(), "id van de opleiding in EDU-DEX", example="ROC123-VZ-2027"),
    ),
    "groep codes",
)

COURSE_STATUS = choice(
    ("actief", "de opleiding wordt gegeven (standaard)"),
    ("beeindigd", "de opleiding wordt niet meer gegeven; de pagina blijft en zegt dat"),
    synonyms={"beëindigd": "beeindigd", "gestopt": "beeindigd", "vervallen": "beeindigd", "actueel": "actief", "open": "actief"},
)
ACKNOWLEDGED = Field(
    "acknowledged",
    ListOf(Text()),
    "waarschuwingen die je bewust laat staan: het woord tussen [ ] aan het eind van de waarschuwing",
    example=["certificate"],
)

COURSE = Record(
    (
        Field("title", Text(max_length=90), "de naam van de opleiding", required=True, example="Basiscursus lassen"),
        Field(
            "provider", PROVIDER_REF, "wie de opleiding geeft (bestandsnaam in content/providers/)", required=True, example="noorderpoort"
        ),
        Field("summary", Text(min_length=20, max_length=200), "één heldere zin: wat leer je en voor wie is het", required=True),
        Field("description", Markdown(min_length=150), "uitleg in Markdown, minstens 150 tekens: inhoud, opzet, toelating", required=True),
        Field("situations", ListOf(SITUATION_REF), "bij welke startsituaties de opleiding past", required=True, example=["eigen-werk"]),
        Field("sectors", ListOf(SECTOR_REF), "de sectoren (ids uit content/sectors.yaml)", required=True, example=["techniek"]),
        Field("level", LEVEL_REF, "het niveau (id uit content/levels.yaml)", required=True, example="mbo-2"),
        Field("form", FORMS, "de vorm: klassikaal, online, blended of werkend-leren", required=True, example="klassikaal"),
        Field("url", Url(), "de pagina van de aanbieder over deze opleiding", required=True),
        Field("last_checked", Date(), "wanneer iemand de gegevens voor het laatst heeft gecontroleerd", required=True),
        Field("locations", ListOf(PLACE_REF), "plaatsen waar de lessen zijn (verplicht, behalve bij online)", example=["Groningen"]),
        Field(
            "only_for",
            Text(min_length=5, max_length=120),
            "alleen als niet iedereen mee mag doen: voor wie de opleiding is, na 'Alleen voor' op de kaart",
            example="mensen die al in de zorg werken",
        ),
        Field(
            "study_load_hours",
            Number(minimum=1, counts_thousands=True),
            "studiebelasting in uren, alles bij elkaar",
            recommended=True,
            example=40,
        ),
        Field("duration", DURATION, "hoe lang de opleiding duurt", recommended=True, example={"amount": 8, "unit": "weken"}),
        Field(
            "price",
            OrWord(PRICE, PRICE_ON_REQUEST, "de aanbieder noemt de prijs alleen op aanvraag"),
            "de prijs, of 'op-aanvraag' als de aanbieder geen prijs noemt",
            recommended=True,
        ),
        Field("starts", Starts(), "startdatums, of 'doorlopend' als je altijd kunt beginnen", recommended=True, example=["2027-02-01"]),
        Field("certificate", CERTIFICATES, "wat je krijgt als je klaar bent", recommended=True, example="certificaat"),
        Field("funding", ListOf(FUNDING_REF), "regelingen die de opleiding (deels) kunnen betalen", example=["slim"]),
        Field(
            "keywords",
            ListOf(Text(max_length=60), max_items=MAX_KEYWORDS),
            "extra zoekwoorden en vaardigheden, zoals 'MIG/MAG'",
            example=["lassen", "MIG/MAG"],
        ),
        Field("skills", ListOf(SKILL_REF), "wat je leert: ids uit content/skills/", example=["lassen-mig-mag"]),
        Field("occupations", ListOf(OCCUPATION_REF), "voor welke beroepen de opleiding opleidt (ids uit content/occupations/)"),
        Field(
            "language",
            choice(("nl", "Nederlands"), ("en", "Engels"), ("de", "Duits"), ("fy", "Fries")),
            "de taal van de lessen (standaard nl)",
            example="nl",
        ),
        Field("codes", CODES, "codes in landelijke registers (crebo, RIO, EDU-DEX)"),
        Field("added", Date(), "wanneer de opleiding in de gids kwam (voor 'nieuw' en de feed)"),
        Field("draft", Boolean(), "true: nog niet publiceren (de opleiding komt nergens op de site)", example=False),
        Field(
            "status", COURSE_STATUS, "'beeindigd' als de opleiding niet meer gegeven wordt: de pagina blijft en zegt dat", example="actief"
        ),
        Field("status_note", Text(max_length=300), "een korte uitleg bij een beëindigde opleiding, op haar pagina"),
        ACKNOWLEDGED,
    ),
    "opleiding",
)

QUALITY_MARKS = choice(
    ("NRTO", "keurmerk van de Nederlandse Raad voor Training en Opleiding"),
    ("CEDEO", "CEDEO-erkenning"),
    ("NLQF", "opleidingen ingeschaald in het NLQF"),
    ("OCW", "door het ministerie van OCW bekostigd of erkend"),
    ("branche", "erkend door de branche"),
)
PROVIDER = Record(
    (
        Field("name", Text(), "de naam van de aanbieder", required=True, example="Noorderpoort"),
        Field("url", Url(), "de website van de aanbieder", required=True),
        Field(
            "kind",
            choice(
                ("roc", "mbo-instelling"),
                ("hogeschool", "hogeschool"),
                ("universiteit", "universiteit"),
                ("particulier", "particuliere opleider"),
                ("branche", "opleider van een branche of O&O-fonds"),
                ("overheid", "overheid of publieke organisatie"),
            ),
            "het soort aanbieder",
            required=True,
            example="roc",
        ),
        Field("place", PLACE_REF, "de plaats van het hoofdkantoor", required=True, example="Groningen"),
        Field("description", Markdown(min_length=20), "een korte beschrijving", recommended=True),
        Field("quality_marks", ListOf(QUALITY_MARKS), "keurmerken en erkenningen", example=["NRTO"]),
        Field("phone", Text(), "telefoonnummer; staat ook op de pagina van elke opleiding van deze aanbieder"),
        Field("email", Email(), "e-mailadres; staat ook op de pagina van elke opleiding van deze aanbieder"),
        ACKNOWLEDGED,
    ),
    "aanbieder",
)

FUNDING_STATUS = choice(
    ("open", "je kunt nu aanvragen"),
    ("periodiek", "aanvragen kan alleen in vaste periodes (rondes)"),
    ("gesloten", "tijdelijk gesloten"),
    ("beeindigd", "de regeling bestaat niet meer"),
    synonyms={"beëindigd": "beeindigd", "gestopt": "beeindigd", "dicht": "gesloten", "rondes": "periodiek"},
)
FUNDING = Record(
    (
        Field("name", Text(), "de naam van de regeling", required=True, example="SLIM-regeling"),
        Field("summary", Text(min_length=20, max_length=220), "in één zin wat de regeling doet", required=True),
        Field("for_whom", Text(single_line=False), "voor wie de regeling is", required=True),
        Field("pays", Text(single_line=False), "wat de regeling betaalt", required=True),
        Field("status", FUNDING_STATUS, "open, periodiek, gesloten of beeindigd", required=True, example="open"),
        Field("url", Url(), "de officiële pagina van de regeling", required=True),
        Field("last_checked", Date(), "wanneer de gegevens zijn gecontroleerd", required=True),
        Field("valid_until", Date(), "einddatum van de regeling of de huidige ronde"),
        Field("opens", Date(), "wanneer de volgende ronde opent"),
        Field("situations", ListOf(SITUATION_REF), "bij welke startsituaties de regeling past"),
        Field("description", Markdown(min_length=20), "meer uitleg in Markdown", recommended=True),
        ACKNOWLEDGED,
    ),
    "regeling",
)

SITUATION = Record(
    (
        Field("title", Text(max_length=90), "de keuze in de ik-vorm, zoals 'Ik zoek werk'", required=True),
        Field("audience", Text(), "voor wie, zoals 'werkenden'", required=True),
        Field("summary", Text(min_length=20, max_length=200), "één zin onder de keuze op de voorpagina", required=True),
        Field("order", Number(minimum=1, whole=True), "de volgorde op de voorpagina", required=True, example=1),
        Field("steps", ListOf(Text(single_line=False)), "concrete volgende stappen", required=True),
        Field("funding", ListOf(FUNDING_REF), "regelingen die passen", example=["slim"]),
        Field("advice", Text(single_line=False), "welk advies of welke hulp er is", required=True),
    ),
    "situatie",
)

SECTOR = Record(
    (
        Field("name", Text(), "de naam van de sector", required=True, example="Zorg en welzijn"),
        Field("description", Text(single_line=False, min_length=20), "een korte uitleg", required=True),
        Field("aliases", ListOf(Text()), "andere woorden voor de sector (voor 'bedoelde je' en zoeken)", example=["verpleging"]),
        Field("growth", Boolean(), "true: een sector met veel vraag naar mensen", example=True),
    ),
    "sector",
)
LEVEL = Record(
    (
        Field("name", Text(), "de naam van het niveau", required=True, example="mbo niveau 2"),
        Field("nlqf", Number(minimum=1, maximum=8, whole=True), "NLQF-niveau (1-8)"),
        Field("eqf", Number(minimum=1, maximum=8, whole=True), "EQF-niveau (1-8)"),
        Field("order", Number(minimum=0, whole=True), "volgorde van laag naar hoog", required=True),
        Field("description", Text(single_line=False, min_length=10), "in gewone woorden wat dit niveau is", required=True),
        Field("aliases", ListOf(Text()), "andere namen en schrijfwijzen van het niveau (voor zoeken)", example=["mbo 2", "mbo2"]),
    ),
    "niveau",
)
REGION = Record(
    (
        Field("name", Text(), "de naam van de regio of provincie", required=True, example="Groningen"),
        Field(
            "places",
            ListOf(Text(max_length=80), max_items=MAX_PLACES),
            "de plaatsen in deze regio",
            required=True,
            example=["Groningen", "Veendam"],
        ),
        Field("description", Text(single_line=False), "korte uitleg"),
    ),
    "regio",
)
PROVINCES = choice(
    *(
        (name, f"provincie {name}")
        for name in (
            "Groningen", "Friesland", "Drenthe", "Overijssel", "Flevoland", "Gelderland",
            "Utrecht", "Noord-Holland", "Zuid-Holland", "Zeeland", "Noord-Brabant", "Limburg",
        )
    )
)
PLACE = Record(
    (
        Field("name", Text(), "de naam van de plaats, zoals in opleidingen en regions.yaml", required=True, example="Emmen"),
        Field("municipality", Text(), "de gemeente waar de plaats in ligt", required=True, example="Emmen"),
        Field("province", PROVINCES, "de provincie", required=True, example="Drenthe"),
        Field("lat", Number(minimum=-90, maximum=90), "breedtegraad in graden (Nederland: 50.7 tot 53.7)", required=True, example=52.77917),
        Field("lon", Number(minimum=-180, maximum=180), "lengtegraad in graden (Nederland: 3.2 tot 7.3)", required=True, example=6.90694),
        Field("geonames", Number(minimum=1, whole=True), "het id van de plaats bij GeoNames, de bron van de coördinaten", example=2756136),
    ),
    "plaats",
)

LINK = Record(
    (
        Field("title", Text(), "de tekst van de link", required=True),
        Field("url", Text(), "een webadres, of een pad in de site zoals /over/", required=True),
    ),
    "link",
)
SITE = Record(
    (
        Field("name", Text(), "de naam van de gids", required=True, example="Scholingsgids Noord"),
        Field("tagline", Text(), "een korte zin onder de naam", required=True),
        Field(
            "base_url",
            Url(),
            "het adres waar de site komt te staan, met / aan het eind",
            required=True,
            example="https://scholing.example.org/",
        ),
        Field("language", choice(("nl", "Nederlands")), "de taal van de site", required=True, example="nl"),
        Field(
            "organisation",
            Record((Field("name", Text(), "naam", required=True), Field("url", Url(), "website", required=True)), "organisatie"),
            "wie de gids uitgeeft",
            required=True,
        ),
        Field(
            "advice",
            Record(
                (
                    Field("name", Text(), "naam van het loket", required=True),
                    Field("text", Text(single_line=False), "wat het loket doet", required=True),
                    Field("phone", Text(), "telefoonnummer"),
                    Field("email", Email(), "e-mailadres"),
                    Field("url", Url(), "website", required=True),
                    Field("hours", Text(), "wanneer bereikbaar"),
                ),
                "adviesloket",
            ),
            "het gratis advies (bijvoorbeeld het Leerwerkloket)",
            required=True,
        ),
        Field("footer_links", ListOf(LINK, min_items=0), "links onderaan elke pagina"),
    ),
    "site",
)

PAGE = Record(
    (
        Field("title", Text(), "de titel van de pagina", required=True),
        Field("description", Text(max_length=200), "korte omschrijving voor zoekmachines", required=True),
        Field("updated", Date(), "datum van de laatste wijziging"),
    ),
    "pagina",
)


@dataclass(frozen=True)
class WordMap(Kind):
    """Search words (any text on one line) each with a value, as in `related:` of search.yaml."""

    value: Kind

    def describe(self) -> str:
        return f"per zoekwoord (links, gevolgd door ':') {self.value.describe()}"

    def limits(self) -> str:
        return self.value.limits()

    def check(self, value: Any, at: KeyPath, ctx: CheckContext) -> None:
        if not isinstance(value, dict):
            ctx.report(at, f"veld '{field_label(at)}' moet {self.describe()} zijn, maar is een {type_name(value)}.")
            return
        for key, item in value.items():
            if not str(key).strip() or "\n" in str(key):
                ctx.report((*at, key), f"'{key}' in '{field_label(at)}' moet een zoekwoord op één regel zijn.", True)
            self.value.check(item, (*at, key), ctx)


SYNONYM_GROUP = ListOf(Text(max_length=60), min_items=2)
SEARCH = Record(
    (
        Field(
            "synonyms",
            ListOf(SYNONYM_GROUP, max_items=5000),  # a big catalogue collects many groups over the years
            "groepen woorden die hetzelfde betekenen: wie er één zoekt, vindt ook de andere",
            example=[["werkend leren", "bbl", "leren en werken"]],
        ),
        Field(
            "related",
            WordMap(ListOf(Text(max_length=60))),
            "een zoekwoord dat zelf (bijna) niet in de gids staat, met de woorden waar het naartoe moet leiden",
            example={"doktersassistent": ["zorg en welzijn"]},
        ),
    ),
    "zoekwoordenlijst",
)

TERM = Record(
    (
        Field("name", Text(max_length=60), "het woord zoals de site het toont", required=True, example="NLQF"),
        Field(
            "short",
            Text(min_length=20, max_length=240),
            "in één of twee korte zinnen wat het betekent, in gewone woorden (taalniveau B1)",
            required=True,
            example="Een lijst met acht niveaus. Zo kun je opleidingen en diploma's met elkaar vergelijken.",
        ),
        Field("text", Markdown(min_length=20, max_length=2_000), "meer uitleg in Markdown, alleen op de pagina Begrippen"),
        Field("link", Url(), "een pagina met meer uitleg, bijvoorbeeld van de overheid"),
        Field(
            "aliases",
            ListOf(Text(max_length=60)),
            "andere schrijfwijzen of woorden met dezelfde betekenis",
            example=["Nederlands kwalificatieraamwerk"],
        ),
    ),
    "begrip",
)

SECTORS = MapOf(SECTOR, "sector")
LEVELS = MapOf(LEVEL, "niveau")
REGIONS = MapOf(REGION, "regio")
PLACES = MapOf(PLACE, "plaats")
GLOSSARY = MapOf(TERM, "begrip")
