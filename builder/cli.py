"""The `scholing` command. Exit codes: 0 ok, 1 content errors or a failed write (full disk, no permission), 2 usage errors."""

from __future__ import annotations

import datetime as dt
import sys
import traceback
from pathlib import Path

import click

from builder import __version__
from builder.build import STEP_LABELS, BuildResult, build
from builder.config import UsageError, make_options
from builder.failures import system_failure
from builder.write import OutputError

EXIT_OK = 0
EXIT_CONTENT = 1
EXIT_USAGE = 2


def report(result: BuildResult, strict: bool, *, all_notices: bool, check_only: bool) -> None:
    for line in result.problems.report_lines(Path.cwd(), all_notices=all_notices):
        click.echo(line, err=True)
    errors = len(result.problems.errors)
    warnings = len(result.problems.warnings)
    if errors or (strict and warnings):
        fatal = f"{errors} fout(en)" + (f" en {warnings} waarschuwing(en) (--strict)" if strict and warnings else "")
        if check_only:
            click.echo(f"Niet in orde: {fatal}.", err=True)
        else:
            click.echo(f"Niet gepubliceerd: {fatal}. De vorige versie van de site is niet aangeraakt.", err=True)
        if strict and warnings and not errors:
            click.echo(
                "Los de waarschuwingen op, of accepteer er een bewust met 'acknowledged: [woord]' in het bestand "
                "(het woord staat tussen [ ] aan het eind van de waarschuwing).",
                err=True,
            )


def run(options_kwargs: dict, *, strict: bool, summary, debug: bool = False, all_notices: bool = False) -> None:
    try:
        options = make_options(strict=strict, **options_kwargs)
        result = build(options)
    except UsageError as exc:
        click.echo(f"Fout: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    except (OutputError, OSError) as exc:
        # the disk, not the content: one line an editor or a CI log can act on; --debug for the traceback
        if debug:
            traceback.print_exc()
        click.echo(f"Fout: {system_failure(exc)}", err=True)
        sys.exit(EXIT_CONTENT)
    report(result, strict, all_notices=all_notices, check_only=bool(options_kwargs.get("check_only")))
    if not result.ok:
        sys.exit(EXIT_CONTENT)
    click.echo(summary(options, result))


def step_times(result: BuildResult) -> str:
    return ", ".join(f"{STEP_LABELS.get(name, name)} {seconds:.1f} s" for name, seconds in result.steps.items())


def parse_today(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter("gebruik JJJJ-MM-DD, bijvoorbeeld 2027-01-31") from exc


content_option = click.option(
    "--content", "content", default="content", show_default=True, type=click.Path(file_okay=False), help="De contentmap."
)
today_option = click.option(
    "--today",
    callback=parse_today,
    metavar="JJJJ-MM-DD",
    help="Bouw alsof het deze datum is (standaard: vandaag, of SOURCE_DATE_EPOCH).",
)
debug_option = click.option("--debug", is_flag=True, help="Toon bij een systeemfout (schijf vol, geen rechten) de volledige traceback.")
notices_option = click.option(
    "--meldingen", "all_notices", is_flag=True, help="Toon elke melding (verstreken datums, geplande controles), ook als het er veel zijn."
)
strict_option = click.option(
    "--strict", is_flag=True, help="Waarschuwingen tellen als fouten (meldingen over verstreken datums niet). Voor CI."
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="scholing")
def main() -> None:
    """Scholingsgids: bouw een regionale opleidingengids uit YAML-bestanden."""


@main.command("build")
@content_option
@click.option("--templates", default="templates", show_default=True, type=click.Path(file_okay=False))
@click.option("--out", default="site", show_default=True, type=click.Path(file_okay=False), help="De uitvoermap.")
@click.option("--base-url", help="Het adres van de site, ook onder een submap (overschrijft site.yaml).")
@strict_option
@today_option
@notices_option
@debug_option
def build_command(
    content: str, templates: str, out: str, base_url: str | None, strict: bool, today, all_notices: bool, debug: bool
) -> None:
    """Controleer de content en bouw de site."""

    def summary(options, result: BuildResult) -> str:
        warnings = len(result.problems.warnings)
        return (
            f"Klaar: {result.pages} pagina's, {result.files} bestanden in {options.out_dir}/ "
            f"({warnings} waarschuwing(en), {len(result.problems.notices)} melding(en)) in {result.seconds:.1f} s. "
            f"Zoekindex: {result.index_bytes / 1024:.1f} KB, {result.index_gzip_bytes / 1024:.1f} KB gzip.\n"
            f"Tijd per stap: {step_times(result)}."
            + ("\n" + "\n".join(result.changes.lines(look_at(options.out_dir))) if result.changes else "")
        )

    run(
        {"content": content, "templates": templates, "out": out, "base_url": base_url, "today": today},
        strict=strict,
        summary=summary,
        debug=debug,
        all_notices=all_notices,
    )


def look_at(out_dir: Path) -> str:
    """The site's links start at its root, so opening index.html as a file shows it broken: say how to look."""
    return f"met 'scholing serve' (of 'make serve'). De map {out_dir}/ is voor de webserver: als los bestand geopend werken de links niet."


@main.command("check")
@content_option
@strict_option
@today_option
@notices_option
@debug_option
def check_command(content: str, strict: bool, today, all_notices: bool, debug: bool) -> None:
    """Controleer alleen de content; schrijf niets."""

    def summary(options, result: BuildResult) -> str:
        return f"Content in orde ({len(result.problems.warnings)} waarschuwing(en), {len(result.problems.notices)} melding(en))."

    run(
        {"content": content, "today": today, "check_only": True},
        strict=strict,
        summary=summary,
        debug=debug,
        all_notices=all_notices,
    )


@main.command("serve")
@content_option
@click.option("--templates", default="templates", show_default=True, type=click.Path(file_okay=False))
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int, help="Is de poort bezet, dan neemt de preview de volgende vrije.")
def serve_command(content: str, templates: str, host: str, port: int) -> None:
    """Bekijk de site lokaal in een tijdelijke map (site/ blijft onaangeroerd); bij elke wijziging wordt hij
    opnieuw gebouwd en ververst de browser."""
    from builder.serve import serve

    sys.exit(serve(content, templates, host, port))


@main.group("new")
def new_group() -> None:
    """Maak een nieuw contentbestand met uitleg bij elk veld."""


def add_new_command(kind: str, noun: str, folder: str) -> None:
    @new_group.command(kind)
    @click.argument("item_id", metavar="ID")
    @content_option
    def command(item_id: str, content: str) -> None:
        from builder.scaffold import new_content

        try:
            path = new_content(Path(content), kind, item_id)
        except UsageError as exc:
            click.echo(f"Fout: {exc}", err=True)
            sys.exit(EXIT_USAGE)
        click.echo(f"Gemaakt: {path}. Vervang alles tussen « en » en controleer met 'scholing check'.")
        if kind == "course":
            click.echo("De opleiding staat op 'draft: true': ze komt pas op de site als je die regel weghaalt.")

    command.__doc__ = f"Maak een nieuwe {noun}: content/{folder}/ID."


for _kind, _noun, _folder in (
    ("course", "opleiding", "courses"),
    ("provider", "aanbieder", "providers"),
    ("funding", "regeling", "funding"),
    ("situation", "startsituatie", "situations"),
    ("page", "pagina", "pages"),
):
    add_new_command(_kind, _noun, _folder)


@main.group("import")
def import_group() -> None:
    """Haal gegevens uit een andere bron in de contentmap."""


@import_group.command("esco")
@click.argument("path", type=click.Path(file_okay=False))
@click.option(
    "--occupation",
    "occupations",
    multiple=True,
    metavar="NAAM|ADRES",
    help="Maak content/occupations/ voor dit ESCO-beroep (Nederlandse naam of ESCO-adres); mag vaker.",
)
@click.option("--sector", help="De sector (id uit sectors.yaml) voor de nieuwe beroepen; nodig met --occupation.")
@click.option("--group", default="esco-import", show_default=True, help="Groep in content/skills/ voor nieuwe vaardigheden.")
@click.option("--language", default="nl", show_default=True, help="De taal van de ESCO-bestanden (skills_<taal>.csv).")
@content_option
def import_esco_command(path: str, occupations: tuple[str, ...], sector: str | None, group: str, language: str, content: str) -> None:
    """Lees de ESCO-download (CSV) in PATH.

    Zonder --occupation: vul 'esco_label' in bij elk 'esco_uri' in content/skills/ en content/occupations/,
    en meld adressen die ESCO niet kent. Met --occupation: maak bestanden voor die beroepen en hun vaardigheden.
    """
    from builder.skills import esco

    try:
        data = esco.read_esco(Path(path), language)
        if occupations:
            if not sector:
                raise UsageError("geef met --sector de sector van de nieuwe beroepen (een id uit content/sectors.yaml).")
            result = esco.import_occupations(data, Path(content), list(occupations), sector, group)
        else:
            result = esco.fill_labels(data, Path(content))
    except UsageError as exc:
        click.echo(f"Fout: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    for message in result.messages:
        click.echo(message, err=True)
    for made in result.created:
        click.echo(f"Gemaakt: {made}")
    for changed in result.updated:
        click.echo(f"Bijgewerkt: {changed}")
    click.echo(
        f"ESCO gelezen: {len(data.occupations)} beroepen, {len(data.skills)} vaardigheden. "
        "Controleer de Nederlandse namen en draai 'scholing check'."
    )


@main.command("schema")
@content_option
def schema_command(content: str) -> None:
    """Schrijf de JSON Schemas (schemas/), .vscode/settings.json en de veldtabellen in docs/content.md opnieuw."""
    from builder.schema_export import write_all

    changed = write_all(Path.cwd(), Path(content))
    for path in changed:
        click.echo(f"Bijgewerkt: {path}")
    click.echo("Alles was al bij." if not changed else f"{len(changed)} bestand(en) bijgewerkt.")


if __name__ == "__main__":
    main()
