"""Validation: every problem reported with file, line, column and a useful message."""

from __future__ import annotations

import re
from pathlib import Path

from builder.content import load_content
from builder.problems import Problems
from tests.conftest import SAMPLE, SAMPLE_TODAY

COURSE = "courses/basiscursus-lassen-mig-mag.yaml"


def problems_for(content: Path) -> Problems:
    problems = Problems()
    load_content(content, problems, SAMPLE_TODAY)
    return problems


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def only_error(problems: Problems):
    assert len(problems.errors) == 1, [p.format() for p in problems.errors]
    return problems.errors[0]


def only_warning(problems: Problems):
    assert problems.errors == [], [p.format() for p in problems.errors]
    assert len(problems.warnings) == 1, [p.format() for p in problems.warnings]
    return problems.warnings[0]


def test_sample_content_is_valid_without_warnings():
    problems = problems_for(SAMPLE)
    assert problems.errors == []
    assert problems.warnings == []
    assert problems.notices == []


def test_misspelled_key_names_line_and_suggests(content_copy: Path):
    path = content_copy / COURSE
    replace(path, "sectors:", "sectr:")
    problems = problems_for(content_copy)
    messages = [p.format(content_copy) for p in problems.errors]
    assert f"{COURSE}:{line_of(path, 'sectr:')}:1: onbekend veld 'sectr'. Bedoelde je 'sectors'?" in "\n".join(messages)
    # one mistake, one message: the suggestion already says which required field is meant
    assert not any("ontbreekt" in m for m in messages), messages


def test_a_required_field_left_out_is_still_reported_beside_a_misspelt_other(content_copy: Path):
    path = content_copy / COURSE
    replace(path, "sectors:", "sectr:")
    text = path.read_text(encoding="utf-8")
    path.write_text("\n".join(line for line in text.splitlines() if not line.startswith("level:")) + "\n", encoding="utf-8")
    messages = [p.format(content_copy) for p in problems_for(content_copy).errors]
    assert any("onbekend veld 'sectr'. Bedoelde je 'sectors'?" in m for m in messages), messages
    assert any("verplicht veld 'level' ontbreekt" in m for m in messages), messages
    assert not any("verplicht veld 'sectors' ontbreekt" in m for m in messages), messages


def test_a_value_that_cannot_be_read_does_not_hide_the_files_other_mistakes(content_copy: Path):
    path = content_copy / COURSE
    replace(path, "sectors: [techniek]", "sectors: [technie]")
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^last_checked: .*$", "last_checked: 2026-02-30", text, count=1)
    path.write_text(text + "title: nog een keer\n", encoding="utf-8")
    messages = [p.format(content_copy) for p in problems_for(content_copy).errors]
    assert len(messages) == 3, messages
    assert any("onbekende sector 'technie'. Bedoelde je 'techniek'?" in m for m in messages)
    assert any("de datum 2026-02-30 bestaat niet: februari 2026 heeft 28 dagen" in m for m in messages)
    assert any("veld 'title' staat er twee keer in" in m for m in messages)
    assert not any("last_checked' ontbreekt" in m for m in messages)


def test_unknown_sector_suggests_by_alias(content_copy: Path):
    path = content_copy / COURSE
    replace(path, "sectors: [techniek]", "sectors: [verpleging]")
    error = only_error(problems_for(content_copy))
    assert error.line == line_of(path, "sectors:")
    assert error.column == len("sectors: [") + 1
    assert "onbekende sector 'verpleging'. Bedoelde je 'zorg'?" in error.message
    assert "content/sectors.yaml" in error.message


def test_typo_in_reference_gets_did_you_mean(content_copy: Path):
    replace(content_copy / COURSE, "provider: techniekhuis-noord", "provider: techniekhuis-nord")
    error = only_error(problems_for(content_copy))
    assert "onbekende aanbieder 'techniekhuis-nord'. Bedoelde je 'techniekhuis-noord'?" in error.message


def test_wrong_choice_lists_what_is_allowed(content_copy: Path):
    replace(content_copy / COURSE, "form: klassikaal", "form: klasikaal")
    error = only_error(problems_for(content_copy))
    assert "veld 'form': 'klasikaal' is niet toegestaan. Bedoelde je 'klassikaal'?" in error.message
    assert "klassikaal, online, blended, werkend-leren" in error.message


def test_date_that_does_not_exist(content_copy: Path):
    path = content_copy / COURSE
    replace(path, "last_checked: 2026-11-10", "last_checked: 2026-02-30")
    error = only_error(problems_for(content_copy))
    assert (error.line, error.column) == (line_of(path, "last_checked"), len("last_checked: ") + 1)
    assert error.message == "veld 'last_checked': de datum 2026-02-30 bestaat niet: februari 2026 heeft 28 dagen."


def test_yaml_syntax_error_has_position(content_copy: Path):
    path = content_copy / COURSE
    replace(path, "form: klassikaal", "form: [klassikaal")
    error = only_error(problems_for(content_copy))
    assert error.path == path and "YAML-fout" in error.message and error.line >= line_of(path, "form:")


def test_wrong_type_hints_at_quotes(content_copy: Path):
    replace(content_copy / COURSE, "title: Basiscursus lassen MIG/MAG", "title: 2027")
    error = only_error(problems_for(content_copy))
    assert "veld 'title' moet een tekst op één regel zijn, maar is een getal" in error.message


def test_empty_file_and_non_utf8_and_duplicate_key(content_copy: Path):
    (content_copy / "courses" / "leeg.yaml").write_text("", encoding="utf-8")
    (content_copy / "courses" / "latin.yaml").write_bytes("title: Caf\xe9\n".encode("latin-1"))
    path = content_copy / COURSE
    replace(path, "form: klassikaal", "form: klassikaal\nform: online")
    messages = {p.path.name: p for p in problems_for(content_copy).errors}
    assert messages["leeg.yaml"].message == "het bestand is leeg."
    assert "geen UTF-8" in messages["latin.yaml"].message and messages["latin.yaml"].column == 11
    assert "veld 'form' staat er twee keer in" in messages[path.name].message


def test_duplicate_ids_and_bad_file_names(content_copy: Path):
    source = content_copy / COURSE
    (content_copy / "courses" / "basiscursus-lassen-mig-mag.yml").write_bytes(source.read_bytes())
    (content_copy / "courses" / "Lassen Cursus.yaml").write_bytes(source.read_bytes())
    messages = [p.message for p in problems_for(content_copy).errors]
    assert any("dubbel id 'basiscursus-lassen-mig-mag'" in m for m in messages)
    assert any("bestandsnaam 'Lassen Cursus.yaml'" in m for m in messages)


def test_all_problems_reported_in_one_run(content_copy: Path):
    replace(content_copy / COURSE, "level: geen", "level: mbo-5")
    replace(content_copy / "courses/vca-basis.yaml", "url: https://", "url: javascript://")
    replace(content_copy / "providers/roc-wadden.yaml", "place: Leeuwarden", "place: Leewarden")
    problems = problems_for(content_copy)
    files = sorted({p.path.name for p in problems.errors})
    assert files == ["basiscursus-lassen-mig-mag.yaml", "roc-wadden.yaml", "vca-basis.yaml"]
    assert any("Bedoelde je 'Leeuwarden'?" in p.message for p in problems.errors)


def test_locations_required_unless_online(content_copy: Path):
    replace(content_copy / COURSE, "locations: [Assen, Groningen]\n", "")
    error = only_error(problems_for(content_copy))
    assert "veld 'locations' ontbreekt" in error.message


def test_events_of_time_are_notices_and_missing_facts_are_warnings(content_copy: Path):
    path = content_copy / COURSE
    replace(path, "starts: [2026-12-07, 2027-01-18, 2027-03-29]", "starts: [2025-01-06]")
    replace(path, "last_checked: 2026-11-10", "last_checked: 2026-04-01")
    replace(path, "certificate: certificaat\n", "")
    problems = problems_for(content_copy)
    notices = [p.message for p in problems.notices]
    assert any("alle startdatums liggen in het verleden" in n for n in notices)
    assert any("sinds 2026-04-01 niet gecontroleerd (meer dan zes maanden)" in n for n in notices)
    assert [p.message for p in problems.warnings] == [
        "aanbevolen veld 'certificate' ontbreekt: wat je krijgt als je klaar bent. [certificate]"
    ]


def test_check_overdue_by_eighteen_months_is_a_warning(content_copy: Path):
    replace(content_copy / COURSE, "last_checked: 2026-11-10", "last_checked: 2025-01-01")
    warning = only_warning(problems_for(content_copy))
    assert "sinds 2025-01-01 niet gecontroleerd (meer dan anderhalf jaar)" in warning.message


def test_open_funding_past_end_date_is_a_notice(content_copy: Path):
    replace(content_copy / "funding/scholingsbudget-noord.yaml", "valid_until: 2027-08-31", "valid_until: 2026-01-31")
    problems = problems_for(content_copy)
    assert problems.warnings == []
    assert any("de einddatum 2026-01-31 is voorbij" in p.message for p in problems.notices)


def test_editors_guide_documents_every_field():
    from builder import schema

    guide = (SAMPLE.parent / "docs/content.md").read_text(encoding="utf-8")
    records = [
        schema.COURSE,
        schema.PROVIDER,
        schema.FUNDING,
        schema.SITUATION,
        schema.PAGE,
        schema.SECTOR,
        schema.LEVEL,
        schema.REGION,
        schema.SITE,
        schema.SEARCH,
    ]
    nested = {"price.": schema.PRICE, "duration.": schema.DURATION, "codes.": schema.CODES}
    for record in records:
        for spec in record.fields:
            assert f"`{spec.name}`" in guide, spec.name
    for prefix, record in nested.items():
        for spec in record.fields:
            assert f"`{prefix}{spec.name}`" in guide, prefix + spec.name


# Hints that know what editors type -------------------------------------------------------------------


def test_level_matches_ignoring_case_and_punctuation(content_copy: Path):
    for typed in ("MBO-2", "mbo 2", "MBO2", "niveau 2", "Niveau 2", "mbo niveau 2"):  # ids, aliases, the shown name
        replace(content_copy / COURSE, "level: ", f"level: {typed} #")
        error = only_error(problems_for(content_copy))
        assert f"onbekend niveau '{typed}'. Bedoelde je 'mbo-2'?" in error.message
        replace(content_copy / COURSE, f"level: {typed} #", "level: ")


def test_choice_in_capitals_gives_one_error(content_copy: Path):
    error = only_error(problems_for_change(content_copy, "form: klassikaal", "form: Klassikaal"))
    assert "veld 'form': 'Klassikaal' is niet toegestaan. Bedoelde je 'klassikaal'?" in error.message


def test_online_in_capitals_does_not_ask_for_locations(content_copy: Path):
    path = content_copy / "courses/digitale-basisvaardigheden.yaml"
    text = path.read_text(encoding="utf-8")
    form = next(line for line in text.splitlines() if line.startswith("form:"))
    path.write_text(text.replace(form, "form: Online"), encoding="utf-8")
    error = only_error(problems_for(content_copy))
    assert "'Online' is niet toegestaan. Bedoelde je 'online'?" in error.message


def problems_for_change(content: Path, old: str, new: str, file: str = COURSE) -> Problems:
    replace(content / file, old, new)
    return problems_for(content)


def test_dutch_date_gets_the_iso_date(content_copy: Path):
    error = only_error(problems_for_change(content_copy, "last_checked: 2026-11-10", "last_checked: 10-11-2026"))
    assert error.message == "veld 'last_checked': schrijf een datum als JJJJ-MM-DD (jaar eerst). Bedoelde je 2026-11-10?"


def test_dutch_date_in_a_list_names_the_item(content_copy: Path):
    error = only_error(problems_for_change(content_copy, "starts: [2026-12-07, ", "starts: [07-12-2026, "))
    assert error.message.startswith("veld 'starts[1]': schrijf een datum als JJJJ-MM-DD")
    assert error.message.endswith("Bedoelde je 2026-12-07?")


def test_impossible_date_in_a_list_never_names_field_0(content_copy: Path):
    error = only_error(problems_for_change(content_copy, "starts: [2026-12-07, 2027-01-18", "starts: [2026-12-07, 2027-02-30"))
    assert error.message == "veld 'starts[2]': de datum 2027-02-30 bestaat niet: februari 2027 heeft 28 dagen."


def test_ja_for_a_boolean_says_what_to_write(content_copy: Path):
    error = only_error(problems_for_change(content_copy, "added: 2026-11-01", "added: 2026-11-01\ndraft: ja"))
    assert error.message == "veld 'draft': schrijf 'true' in plaats van 'ja'. YAML kent alleen true en false."


def test_dutch_word_for_vat(content_copy: Path):
    error = only_error(problems_for_change(content_copy, "vat: exempt", "vat: vrijgesteld"))
    assert "veld 'price.vat': 'vrijgesteld' is niet toegestaan. Bedoelde je 'exempt'?" in error.message


def test_decimal_comma_inside_braces(content_copy: Path):
    error = only_error(problems_for_change(content_copy, "price: {amount: 695,", "price: {amount: 225,50,"))
    assert error.message == (
        "veld 'price.amount': schrijf een punt in plaats van een komma. Bedoelde je 225.50? (Tussen { } scheidt een komma de velden.)"
    )


def test_decimal_comma_on_its_own_line(content_copy: Path):
    old = "price: {amount: 695, vat: exempt, extra_costs: 85, extra_costs_note: lashelm en handschoenen}"
    error = only_error(problems_for_change(content_copy, old, "price:\n  amount: 225,50\n  vat: exempt"))
    assert error.message == "veld 'price.amount': schrijf een punt in plaats van een komma. Bedoelde je 225.50?"


def test_dutch_thousands_dot_in_a_price_is_refused_not_read_as_decimals(content_copy: Path):
    # YAML reads 1.250 as 1.25: published, the course would cost one euro and a quarter
    error = only_error(problems_for_change(content_copy, "price: {amount: 695,", "price: {amount: 1.250,"))
    assert error.message == (
        "veld 'price.amount': 1.250 leest als 1.25, want een punt staat voor de decimalen. "
        "Schrijf duizendtallen zonder punt. Bedoelde je 1250?"
    )


def test_dutch_thousands_dot_in_hours_and_extra_costs(content_copy: Path):
    changed = problems_for_change(content_copy, "extra_costs: 85,", "extra_costs: 1.085,")
    assert only_error(changed).message.startswith("veld 'price.extra_costs': 1.085 leest als 1.085")
    path = content_copy / COURSE
    replace(path, "extra_costs: 1.085,", "extra_costs: 85,")
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^study_load_hours: .*$", "study_load_hours: 1.200", text, count=1), encoding="utf-8")
    assert only_error(problems_for(content_copy)).message.endswith("Bedoelde je 1200?")


def test_dutch_number_with_thousands_dot_and_decimal_comma(content_copy: Path):
    old = "price: {amount: 695, vat: exempt, extra_costs: 85, extra_costs_note: lashelm en handschoenen}"
    error = only_error(problems_for_change(content_copy, old, "price:\n  amount: 1.250,50\n  vat: exempt"))
    assert error.message == (
        "veld 'price.amount': schrijf een getal zonder punt tussen de duizendtallen en met een punt voor de decimalen. "
        "Bedoelde je 1250.50?"
    )


def test_ordinary_decimals_stay_allowed(content_copy: Path):
    assert problems_for_change(content_copy, "price: {amount: 695,", "price: {amount: 189.95,").errors == []
    places = content_copy / "places.yaml"
    text = places.read_text(encoding="utf-8")
    places.write_text(text.replace("lat: 53.21917,", "lat: 53.219,", 1), encoding="utf-8")  # a coordinate, not thousands
    assert problems_for(content_copy).errors == []


def test_an_id_with_a_part_too_many_gets_a_suggestion(content_copy: Path):
    error = only_error(problems_for_change(content_copy, "funding: [", "funding: [stap-budget, "))
    assert "onbekende regeling 'stap-budget'. Bedoelde je 'stap'?" in error.message


def test_no_suggestion_when_nothing_is_close(content_copy: Path):
    error = only_error(problems_for_change(content_copy, "sectors: [techniek]", "sectors: [taal]"))
    assert "onbekende sector 'taal'." in error.message and "Bedoelde je" not in error.message


# Price on request, ended courses, strictness -----------------------------------------------------------

LASSEN_PRICE = "price: {amount: 695, vat: exempt, extra_costs: 85, extra_costs_note: lashelm en handschoenen}"


def test_price_on_request_is_valid_and_not_a_warning(content_copy: Path):
    problems = problems_for_change(content_copy, LASSEN_PRICE, "price: op-aanvraag")
    assert problems.errors == [] and problems.warnings == []


def test_price_on_request_written_loosely_gets_a_hint(content_copy: Path):
    error = only_error(problems_for_change(content_copy, LASSEN_PRICE, "price: op aanvraag"))
    assert "veld 'price': 'op aanvraag' is niet goed. Bedoelde je 'op-aanvraag'?" in error.message


def test_ended_course_needs_no_recommended_facts_nor_date_notices(content_copy: Path):
    path = content_copy / COURSE
    replace(path, "starts: [2026-12-07, 2027-01-18, 2027-03-29]", "starts: [2025-01-06]\nstatus: beeindigd")
    replace(path, "certificate: certificaat\n", "")
    problems = problems_for(content_copy)
    assert problems.errors == [] and problems.warnings == [] and problems.notices == []


def test_acknowledged_warning_is_dropped_and_a_stale_acknowledgement_is_reported(content_copy: Path):
    path = content_copy / COURSE
    replace(path, "certificate: certificaat\n", "acknowledged: [certificate]\n")
    assert problems_for(content_copy).warnings == []
    replace(path, "acknowledged: [certificate]", "acknowledged: [certificate, price]")
    warning = only_warning(problems_for(content_copy))
    assert warning.message == "'price' staat onder 'acknowledged', maar dit bestand heeft geen waarschuwing [price]. Haal het weg."


def test_sample_a_year_later_has_no_warnings_only_notices():
    import datetime as dt

    problems = Problems()
    load_content(SAMPLE, problems, SAMPLE_TODAY + dt.timedelta(days=365))
    assert problems.errors == [] and problems.warnings == []
    assert problems.notices  # start dates passed, checks are due: the editor hears about it


def test_many_notices_are_counted_per_topic_so_errors_stay_visible(content_copy: Path):
    import datetime as dt

    replace(content_copy / COURSE, "level: geen", "level: mbo-9")
    problems = Problems()
    load_content(content_copy, problems, SAMPLE_TODAY + dt.timedelta(days=365))
    assert len(problems.notices) > 10
    lines = problems.report_lines(content_copy)
    assert "mbo-9" in lines[0]
    assert not any("melding:" in line for line in lines)
    summary = next(line for line in lines if "meldingen (verwacht" in line)
    passed = sum(1 for n in problems.notices if n.topic == "alle startdatums voorbij")
    assert f"{passed}× alle startdatums voorbij" in summary and "--meldingen" in summary
    assert lines[-1] == "  courses/basiscursus-lassen-mig-mag.yaml: 1 fout"
    every = problems.report_lines(content_copy, all_notices=True)
    assert sum(1 for line in every if "melding:" in line) == len(problems.notices)


def test_report_lists_errors_first_sorted_then_a_count_per_file(content_copy: Path):
    replace(content_copy / COURSE, "level: geen", "level: mbo-9")
    replace(content_copy / COURSE, "certificate: certificaat\n", "")
    replace(content_copy / "courses/vca-basis.yaml", "url: https://", "url: javascript://")
    lines = problems_for(content_copy).report_lines(content_copy)
    assert lines[0].startswith("courses/basiscursus-lassen-mig-mag.yaml:") and "mbo-9" in lines[0]
    assert lines[1].startswith("courses/vca-basis.yaml:")
    assert "waarschuwing: aanbevolen veld 'certificate'" in lines[2]
    assert lines[-2:] == [
        "  courses/basiscursus-lassen-mig-mag.yaml: 1 fout, 1 waarschuwing",
        "  courses/vca-basis.yaml: 1 fout",
    ]



def test_size_limits_catch_a_pasted_brochure(content_copy: Path):
    from builder import schema

    path = content_copy / COURSE
    text = path.read_text(encoding="utf-8")
    brochure = "  " + "Lassen is een vak. " * (schema.MAX_MARKDOWN // 15) + "\n"
    text = text.replace("description: |\n", "description: |\n" + brochure, 1)
    starts = ", ".join(f"2027-{month:02d}-{day:02d}" for month in range(1, 13) for day in range(1, 7))
    keywords = ", ".join(f"woord{i}" for i in range(schema.MAX_KEYWORDS + 1))
    replaced = {"starts:": f"starts: [{starts}]", "keywords:": f"keywords: [{keywords}]"}
    text = "\n".join(replaced.get(line.split(" ")[0], line) for line in text.splitlines()) + "\n"
    path.write_text(text, encoding="utf-8")
    messages = [p.message for p in problems_for(content_copy).errors]
    assert any(m.startswith("veld 'description' is te lang (") and f"houd het onder {schema.MAX_MARKDOWN}" in m for m in messages)
    assert f"veld 'starts' heeft 72 items; de grens is {schema.MAX_STARTS}. Houd de lijst kort." in messages
    assert any(m.startswith(f"veld 'keywords' heeft {schema.MAX_KEYWORDS + 1} items") for m in messages)
    assert len(messages) == 3, messages


def test_editors_guide_states_every_limit():
    from builder import schema

    guide = (SAMPLE.parent / "docs/content.md").read_text(encoding="utf-8")
    section = guide[guide.index("## Grenzen") :]
    limits = {name: value for name, value in vars(schema).items() if name.startswith("MAX_")}
    assert len(limits) >= 8
    for name, value in limits.items():
        shown = f"{value // 1_000_000} MB" if name == "MAX_FILE_BYTES" else f"{value:,}".replace(",", ".")
        assert shown in section, (name, shown)


def test_web_address_without_https_gets_the_full_address(content_copy: Path):
    error = only_error(problems_for_change(content_copy, "url: https://techniekhuis", "url: techniekhuis"))
    assert error.message.endswith("Bedoelde je https://techniekhuis.example.org/opleidingen/basiscursus-lassen-mig-mag?")


def test_reading_over_several_processes_finds_the_same_content_and_problems(content_copy: Path, monkeypatch):
    """Above POOL_FROM_ITEMS course files a build parses them in worker processes: nothing may differ."""
    from builder.workers import POOL_FROM_ITEMS

    courses = content_copy / "courses"
    originals = sorted(p for p in courses.glob("*.yaml"))
    for n in range(POOL_FROM_ITEMS):
        text = originals[n % len(originals)].read_text(encoding="utf-8")
        if n % 97 == 5:
            text = text.replace("title:", "titel:", 1)  # a schema problem
        if n % 89 == 7:
            text += "\nkapot: [\n"  # a YAML syntax error
        (courses / f"kopie-{n}.yaml").write_text(text, encoding="utf-8")
    (courses / "Fout Id.yaml").write_text(originals[0].read_text(encoding="utf-8"), encoding="utf-8")

    def load(workers: str):
        monkeypatch.setenv("SCHOLING_WORKERS", workers)
        problems = Problems()
        content = load_content(content_copy, problems, SAMPLE_TODAY)
        return [p.format() for p in problems.items], {key: (doc.data, doc.value_at, doc.key_at) for key, doc in content.courses.items()}

    serial, parallel = load("1"), load("2")
    assert len(serial[0]) > 10 and len(serial[1]) > POOL_FROM_ITEMS // 2
    assert parallel == serial
