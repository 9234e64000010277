"""The content model for skills, occupations and curated transitions, in `builder.schema` terms.

Skills live in groups: one file per group in `content/skills/` (the file name is the group id).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from builder.schema import (
    FUNDING_REF,
    OCCUPATION_REF,
    SECTOR_REF,
    SKILL_REF,
    CheckContext,
    Date,
    Field,
    Kind,
    ListOf,
    MapOf,
    Markdown,
    Number,
    Pattern,
    Record,
    Text,
    Url,
    choice,
    field_label,
)
from builder.sources import KeyPath

ESCO_BASE = "http://data.europa.eu/esco/"
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
ESCO_URI = re.compile(rf"^http://data\.europa\.eu/esco/(skill|occupation)/({UUID})$")


@dataclass(frozen=True)
class EscoUri(Kind):
    """A URI of an ESCO skill or occupation; the concept kind must match the field."""

    concept: str  # "skill" or "occupation"

    def describe(self) -> str:
        return f"een ESCO-adres zoals {ESCO_BASE}{self.concept}/<uuid> (kleine letters)"

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": rf"^http://data\.europa\.eu/esco/{self.concept}/{UUID}$"}

    def check(self, value: Any, at: KeyPath, ctx: CheckContext) -> None:
        if not isinstance(value, str):
            self.wrong_type(value, at, ctx)
            return
        text = value.strip()
        match = ESCO_URI.match(text.lower() if text.startswith("http://data.europa.eu/") else text)
        if match is None:
            hint = ""
            if text.startswith("https://data.europa.eu/esco/"):
                hint = " ESCO-adressen beginnen met http://, niet https://."
            elif "esco.ec.europa.eu" in text:
                hint = " Dit is het adres van een webpagina; neem het 'URI'-adres van het begrip over."
            ctx.report(at, f"veld '{field_label(at)}': '{value}' is geen geldig ESCO-adres.{hint} Het moet {self.describe()} zijn.")
        elif match.group(1) != self.concept:
            noun = {"skill": "vaardigheid", "occupation": "beroep"}
            ctx.report(
                at,
                f"veld '{field_label(at)}': '{value}' is een ESCO-{noun[match.group(1)]}, geen {noun[self.concept]}. "
                f"Het moet {self.describe()} zijn.",
            )
        elif text != text.lower():
            ctx.report(at, f"veld '{field_label(at)}': schrijf het ESCO-adres in kleine letters: '{text.lower()}'.")


SKILL_TYPES = choice(("vaardigheid", "iets wat je kunt doen"), ("kennis", "iets wat je weet"))
REUSE_LEVELS = choice(
    ("transversaal", "bruikbaar in bijna elk beroep, zoals samenwerken"),
    ("sectoroverstijgend", "bruikbaar in beroepen in meer sectoren"),
    ("sectorspecifiek", "hoort bij één sector"),
    ("beroepsspecifiek", "hoort bij één beroep"),
)
OUTLOOK_CHANCES = choice(
    ("groot", "veel vacatures, werkgevers zoeken mensen"),
    ("redelijk", "er is werk, maar niet overal"),
    ("klein", "weinig vacatures of het werk neemt af"),
)

SKILL = Record(
    (
        Field("label", Text(max_length=80), "de naam van de vaardigheid, in gewone woorden", required=True, example="Heftruck besturen"),
        Field("description", Text(min_length=20, max_length=300), "in één of twee zinnen wat je dan kunt of weet", required=True),
        Field("type", SKILL_TYPES, "vaardigheid (doen) of kennis (weten)", required=True, example="vaardigheid"),
        Field(
            "reuse",
            REUSE_LEVELS,
            "hoe breed je het kunt gebruiken: transversaal, sectoroverstijgend, sectorspecifiek of beroepsspecifiek",
            required=True,
            example="sectoroverstijgend",
        ),
        Field("alt_labels", ListOf(Text()), "andere woorden voor hetzelfde (daarop wordt ook gezocht)", example=["vorkheftruck rijden"]),
        Field("esco_uri", EscoUri("skill"), "het adres van deze vaardigheid in ESCO, alleen als je het zeker weet"),
        Field("esco_label", Text(), "de naam in ESCO, ter controle (vult 'scholing import esco' in; niet op de site)"),
        Field("competentnl_uri", Url(), "het adres in CompetentNL, als je dat hebt"),
    ),
    "vaardigheid",
)

SKILL_GROUP = Record(
    (
        Field("name", Text(), "de naam van de groep, zoals 'Zorg en begeleiding'", required=True, example="Logistiek en vervoer"),
        Field("description", Text(min_length=20, single_line=False), "wat de vaardigheden in deze groep gemeen hebben", required=True),
        Field("order", Number(minimum=1, whole=True), "de volgorde op de pagina Vaardigheden", example=1),
        Field("skills", MapOf(SKILL, "vaardigheid"), "de vaardigheden: per id de velden hieronder", required=True),
    ),
    "groep vaardigheden",
)

OUTLOOK = Record(
    (
        Field("kansen", OUTLOOK_CHANCES, "de kans op werk: groot, redelijk of klein", required=True, example="groot"),
        Field("source", Text(), "waar dit vandaan komt", required=True, example="UWV Kansen op werk"),
        Field("source_url", Url(), "de bron op internet"),
        Field("date", Date(), "van wanneer de bron is", required=True, example="2026-06-01"),
    ),
    "arbeidsmarkt",
)
OCCUPATION_SKILLS = Record(
    (
        Field(
            "essential",
            ListOf(SKILL_REF),
            "de kernvaardigheden: zonder deze kun je het werk niet doen; de overstappagina's rekenen hiermee",
            required=True,
            example=["heftruck-besturen"],
        ),
        Field(
            "optional", ListOf(SKILL_REF, min_items=0), "vaardigheden die vaak gevraagd worden, maar niet altijd", example=["orderpicken"]
        ),
    ),
    "vaardigheden van een beroep",
)
OCCUPATION = Record(
    (
        Field("name", Text(max_length=80), "de naam van het beroep", required=True, example="Magazijnmedewerker"),
        Field("description", Markdown(min_length=40), "wat je in dit werk doet, in gewone woorden", required=True),
        Field("sector", SECTOR_REF, "de sector (id uit content/sectors.yaml)", required=True, example="logistiek"),
        Field("skills", OCCUPATION_SKILLS, "de vaardigheden: 'essential' (kern) en 'optional' (vaak gevraagd)", required=True),
        Field("alt_names", ListOf(Text()), "andere namen voor het beroep (daarop wordt ook gezocht)", example=["logistiek medewerker"]),
        Field("outlook", OUTLOOK, "de kans op werk, met bron en datum", recommended=True),
        Field("isco", Pattern(r"\d{4}", "een ISCO-08-code van 4 cijfers"), "de ISCO-08-beroepsgroep", example="9333"),
        Field("esco_uri", EscoUri("occupation"), "het adres van dit beroep in ESCO, alleen als je het zeker weet"),
        Field("esco_label", Text(), "de naam in ESCO, ter controle (vult 'scholing import esco' in; niet op de site)"),
        Field("competentnl_uri", Url(), "het adres in CompetentNL, als je dat hebt"),
    ),
    "beroep",
)

CONTACT = Record(
    (
        Field("name", Text(), "naam van de organisatie of persoon", required=True),
        Field("text", Text(single_line=False), "waarvoor je er terecht kunt", required=True),
        Field("url", Url(), "website"),
        Field("phone", Text(), "telefoonnummer"),
    ),
    "contact",
)
STORY = Record(
    (
        Field("name", Text(), "voornaam of omschrijving, zoals 'Sandra (42)'", required=True),
        Field("text", Markdown(min_length=40), "het verhaal in de ik-vorm of over de persoon, met toestemming", required=True),
    ),
    "verhaal",
)
TRANSITION = Record(
    (
        Field("from", OCCUPATION_REF, "het beroep waar iemand vandaan komt", required=True, example="magazijnmedewerker"),
        Field("to", OCCUPATION_REF, "het beroep waar iemand naartoe gaat", required=True, example="monteur-zonnepanelen"),
        Field("intro", Markdown(min_length=40), "uitleg bovenaan de overstappagina", required=True),
        Field("funding", ListOf(FUNDING_REF), "regelingen die bij deze overstap horen (komen bovenaan)", example=["oo-fonds-techniek"]),
        Field("contacts", ListOf(CONTACT), "waar je terecht kunt voor advies of een baan"),
        Field("story", STORY, "een echt verhaal van iemand die deze overstap maakte"),
    ),
    "overstap",
)
