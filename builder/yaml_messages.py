"""YAML syntax errors explained in Dutch, at the line where the editor made the mistake.

The parser reports where it got stuck, which is often lines later (an unclosed quote is noticed at the
end of the file). Here the text itself is read again to find the real cause and, where it can be known,
the corrected line, so the message says exactly what to type instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

# "  title: " or "  - " or "  - title: ": everything before a value on a block line.
LINE_PREFIX = re.compile(r"^(?P<prefix>\s*(?:-\s+)*(?:(?P<key>[^\s:#'\"][^:#]*?|\"[^\"]*\"|'[^']*'):(?:\s+|$))?(?:-\s+)*)(?P<value>.*)$")
QUOTES = "\"'"


@dataclass(frozen=True)
class YamlMistake:
    line: int  # 1-based, within the YAML text
    column: int
    message: str


def explain(exc: yaml.MarkedYAMLError, text: str) -> YamlMistake:
    lines = text.splitlines() or [""]
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    line = min(max(line, 1), len(lines))
    problem = exc.problem or ""
    context = exc.context or ""

    unclosed = find_unclosed_quote(lines, line)
    if unclosed is not None:
        return unclosed
    if "'\\t'" in problem:
        return tab_mistake(lines, line, column)
    if "while scanning an alias" in context or "undefined alias" in context + problem or "while scanning an anchor" in context:
        return start_character_mistake(lines, exc.context_mark.line + 1 if exc.context_mark else line, "*&")
    if "cannot start any token" in problem:
        return start_character_mistake(lines, line, problem.split("'")[1] if "'" in problem else "")
    if context.startswith("while parsing a flow") or context.startswith("while scanning a plain scalar") and "flow" in problem:
        return flow_mistake(exc, lines, line, column)
    if problem == "mapping values are not allowed here":
        return colon_mistake(lines, line, column)
    if "could not find expected ':'" in problem and exc.context_mark is not None:
        return missing_colon_space(lines, exc.context_mark.line + 1) or colon_mistake(lines, line, column)
    if problem in ("sequence entries are not allowed here", "mapping keys are not allowed here"):
        return quote_whole_value(lines, line, "de tekst begint met een teken dat in YAML iets anders betekent")
    if "while scanning a block scalar" in context:
        return quote_whole_value(lines, line, "na '|' of '>' moet de tekst op de volgende regel beginnen, ingesprongen")
    if problem.startswith("expected <block end>, but found '<scalar>'") or problem.startswith("expected '<document start>'"):
        quoted = quoted_then_text(lines, line)
        if quoted is not None:
            return quoted
    if "<block end>" in problem or "expected key" in problem or "'-' indicator" in problem or "<block mapping start>" in problem:
        return indentation_mistake(lines, line)
    return YamlMistake(
        line,
        column,
        "de opmaak van deze regel klopt niet. Controleer de inspringing (alleen spaties), de dubbele punt na elke veldnaam "
        "en de aanhalingstekens.",
    )


def split_line(text: str) -> tuple[str, str, str | None]:
    """(prefix up to the value, the value, the key or None)."""
    match = LINE_PREFIX.match(text)
    if not match:
        return "", text, None
    return match.group("prefix"), match.group("value"), match.group("key")


def quoted(value: str) -> str:
    """The value as one quoted YAML string: double quotes, or single quotes when it holds double quotes."""
    value = value.strip()
    if '"' in value:
        return "'" + value.replace("'", "''") + "'"
    return '"' + value.replace("\\", "\\\\") + '"'


def closing_quote(value: str, quote: str) -> int | None:
    """Index just after the quote that closes `value` (which starts with `quote`), or None."""
    index = 1
    while index < len(value):
        char = value[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and index + 1 < len(value) and value[index + 1] == "'":
                index += 2
                continue
            return index + 1
        index += 1
    return None


def find_unclosed_quote(lines: list[str], up_to: int) -> YamlMistake | None:
    """The first line up to `up_to` whose value opens a quote it does not close (editors never mean that)."""
    for number in range(1, up_to + 1):
        text = lines[number - 1]
        if text.lstrip().startswith("#"):
            continue
        prefix, value, _ = split_line(text)
        if not value or value[0] not in QUOTES:
            continue
        if closing_quote(value.rstrip(), value[0]) is None:
            quote = value[0]
            fixed = text.rstrip() + quote
            return YamlMistake(
                number,
                len(prefix) + 1,
                f"de tekst begint met {quote} maar wordt op deze regel niet afgesloten. "
                f"Zet aan het eind ook een {quote}: {fixed.strip()}",
            )
    return None


def tab_mistake(lines: list[str], line: int, column: int) -> YamlMistake:
    text = lines[line - 1]
    fixed = text.expandtabs(2)
    if text.startswith("\t"):
        before = previous_content_line(lines, line)
        above = lines[before - 1] if before else ""
        indent = indent_of(above) + (2 if above.rstrip().endswith(":") else 0)
        fixed = " " * indent + text.lstrip(" \t")
    return YamlMistake(
        line,
        column,
        "er staat een tab op deze regel. YAML wil spaties om in te springen (twee per niveau). "
        f"Zo is het goed: '{fixed.rstrip()}'",
    )


def start_character_mistake(lines: list[str], line: int, characters: str) -> YamlMistake:
    text = lines[line - 1]
    prefix, value, _ = split_line(text)
    first = value[:1] or characters[:1]
    meaning = {
        "*": "een verwijzing (alias)",
        "&": "een anker",
        "@": "een gereserveerd teken",
        "`": "een gereserveerd teken",
        "%": "een opdracht aan YAML",
    }.get(first, "iets anders dan tekst")
    return YamlMistake(
        line,
        len(prefix) + 1,
        f"een waarde die begint met '{first}' leest YAML als {meaning}, niet als tekst. "
        f"Zet de tekst tussen aanhalingstekens: {prefix.strip()} {quoted(value)}".replace("  ", " ").rstrip(),
    )


def quote_whole_value(lines: list[str], line: int, reason: str) -> YamlMistake:
    text = lines[line - 1]
    prefix, value, _ = split_line(text)
    fixed = (prefix.strip() + " " + quoted(value)).strip()
    return YamlMistake(line, len(prefix) + 1, f"{reason}. Zet de hele tekst tussen aanhalingstekens: {fixed}")


def indent_of(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def previous_content_line(lines: list[str], line: int) -> int | None:
    for number in range(line - 1, 0, -1):
        stripped = lines[number - 1].strip()
        if stripped and not stripped.startswith("#"):
            return number
    return None


def missing_colon_space(lines: list[str], line: int) -> YamlMistake | None:
    """'form:klassikaal': without the space YAML reads one word, not a field and a value."""
    text = lines[line - 1]
    match = re.match(r"^(\s*(?:-\s+)?[A-Za-z_][\w-]*):(\S.*)$", text)
    if not match or ": " in text or "://" in text:
        return None
    fixed = f"{match.group(1)}: {match.group(2)}"
    return YamlMistake(line, len(match.group(1)) + 2, f"na de dubbele punt moet een spatie staan: {fixed.strip()}")


def colon_mistake(lines: list[str], line: int, column: int) -> YamlMistake:
    text = lines[line - 1]
    before = previous_content_line(lines, line)
    if before is not None:
        missing = missing_colon_space(lines, before)
        if missing is not None:
            return missing
        above = lines[before - 1]
        _, above_value, above_key = split_line(above)
        if above_key is not None and above_value.strip() and indent_of(text) > indent_of(above):
            fixed = " " * indent_of(above) + text.lstrip()
            return YamlMistake(
                line,
                indent_of(text) + 1,
                f"deze regel springt verder in dan de regel erboven. Velden van dezelfde groep beginnen precies onder elkaar: '{fixed}'",
            )
    prefix, value, key = split_line(text)
    return YamlMistake(
        line,
        len(prefix) + 1,
        "in de tekst staat een dubbele punt met een spatie erna (': '); YAML denkt dan dat er een nieuw veld begint. "
        f"Zet de hele tekst tussen aanhalingstekens: {(prefix.strip() + ' ' + quoted(value)).strip()}",
    )


def quoted_then_text(lines: list[str], line: int) -> YamlMistake | None:
    for number in (line, previous_content_line(lines, line)):
        if number is None:
            continue
        text = lines[number - 1]
        prefix, value, _ = split_line(text)
        if not value or value[0] not in QUOTES:
            continue
        end = closing_quote(value, value[0])
        if end is not None and value[end:].strip() and not value[end:].strip().startswith("#"):
            return YamlMistake(
                number,
                len(prefix) + end + 1,
                "na de tekst tussen aanhalingstekens staat nog meer tekst. "
                f"Zet de hele tekst tussen aanhalingstekens: {(prefix.strip() + ' ' + quoted(value)).strip()}",
            )
    return None


def indentation_mistake(lines: list[str], line: int) -> YamlMistake:
    text = lines[line - 1]
    before = previous_content_line(lines, line)
    if before is None:
        return YamlMistake(line, 1, "deze regel springt in, maar er staat niets boven. Begin de eerste regel helemaal links.")
    above = lines[before - 1]
    if indent_of(text) < indent_of(above):
        siblings = [indent_of(lines[n - 1]) for n in range(1, line) if lines[n - 1].strip() and not lines[n - 1].lstrip().startswith("#")]
        target = min((i for i in siblings if i > indent_of(text)), default=indent_of(above))
        fixed = " " * target + text.lstrip()
        return YamlMistake(
            line,
            indent_of(text) + 1,
            "deze regel springt minder ver in dan de regels erboven. Velden van dezelfde groep beginnen precies onder elkaar: "
            f"'{fixed}'",
        )
    return YamlMistake(
        line,
        indent_of(text) + 1,
        "de inspringing van deze regel klopt niet met de regels erboven. Gebruik alleen spaties, twee per niveau, "
        "en laat velden van dezelfde groep precies onder elkaar beginnen.",
    )


def flow_mistake(exc: yaml.MarkedYAMLError, lines: list[str], line: int, column: int) -> YamlMistake:
    if exc.context_mark and exc.context_mark.line >= len(lines):  # the list runs on to the end of the file
        opened = next((n + 1 for n in range(len(lines) - 1, -1, -1) if "[" in lines[n] or "{" in lines[n]), max(len(lines), 1))
        text = lines[opened - 1] if lines else ""
        start = max(text.rfind("["), text.rfind("{"))
        opener = text[start] if start >= 0 else "["
        closer = {"[": "]", "{": "}"}[opener]
        return YamlMistake(
            opened,
            start + 1 if start >= 0 else 1,
            f"de lijst die hier begint met '{opener}' wordt nergens afgesloten. Zet aan het eind een '{closer}': {text.strip()}{closer}",
        )
    opened = exc.context_mark.line + 1 if exc.context_mark else line
    text = lines[opened - 1]
    opener = text[exc.context_mark.column] if exc.context_mark and exc.context_mark.column < len(text) else "["
    closer = {"[": "]", "{": "}"}.get(opener, "]")
    if closer not in text[exc.context_mark.column if exc.context_mark else 0 :]:
        return YamlMistake(
            opened,
            (exc.context_mark.column + 1) if exc.context_mark else 1,
            f"de lijst die hier begint met '{opener}' wordt op deze regel niet afgesloten. "
            f"Zet aan het eind een '{closer}': {text.strip()}{closer}",
        )
    return YamlMistake(
        line,
        column,
        f"tussen '{opener}' en '{closer}' staat iets wat YAML niet als tekst leest, zoals ': ' of '#'. "
        "Zet dat item tussen aanhalingstekens, bijvoorbeeld [lassen, \"MIG: MAG\"].",
    )
