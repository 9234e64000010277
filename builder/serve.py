"""`scholing serve`: build, serve on localhost, rebuild and reload the browser when content or templates change."""

from __future__ import annotations

import click
from livereload import Server

from builder.config import UsageError, make_options
from builder.incremental import IncrementalBuilder


def serve(content: str, templates: str, out: str, host: str, port: int) -> int:
    base_url = f"http://{host}:{port}/"
    reload_script = f"http://{host}:{port}/livereload.js?port={port}"

    engines: list[IncrementalBuilder] = []  # one, kept between saves: it redoes only what a save changed

    def rebuild() -> None:
        try:
            if not engines:
                options = make_options(content, templates, out, base_url=base_url, live_reload_script=reload_script)
                engines.append(IncrementalBuilder(options))
            result = engines[0].rebuild()
        except UsageError as exc:
            click.echo(f"Fout: {exc}", err=True)
            return
        for line in result.problems.report_lines():
            click.echo(line, err=True)
        if result.ok:
            click.echo(f"Opnieuw gebouwd: {result.rendered} van {result.pages} pagina's in {result.seconds:.1f} s.")
        else:
            click.echo("Niet gebouwd; de vorige versie blijft staan tot de fouten zijn opgelost.", err=True)

    rebuild()
    server = Server()
    server.watch(f"{content}/**/*", rebuild)
    server.watch(f"{templates}/**/*", rebuild)
    click.echo(f"Bekijk de site op {base_url} (stoppen: Ctrl+C)")
    server.serve(host=host, port=port, root=out, restart_delay=0)
    return 0
