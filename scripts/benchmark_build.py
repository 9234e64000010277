"""Build figures for synthetic catalogues, side by side with MkDocs on the same content (prints; never fails on time).

Usage: python scripts/benchmark_build.py [--no-mkdocs] [--no-serve] [SIZE ...]   (`make benchmark`; default 1000 10000)

At 50,000 courses MkDocs and the serve edit (a first full build of its own) take minutes more:
`--no-mkdocs` and `--no-serve` leave them out (the figures say so).

Each catalogue is the sample content plus SIZE extra course files: copies of the sample's courses,
each with its own id and a title varied from a fixed seed, so every run builds the same content.
Every build runs in its own process, so peak RSS is that build's alone (the build's own process; the
largest worker process it forked is printed beside it, with the most memory a worker had of its own: a
forked worker's RSS also counts the pages it still shares with the build's process). MkDocs (installed with pip
into the benchmark's own venv, .venv-bench, never into the project) builds the same courses as
Markdown pages with a short nav: the anchor for the ratio. Goals from issue 9 are printed beside
the figures; the machine is shared, so only ratios within one run mean much. CPU seconds (user + system,
workers included) are printed beside wall seconds, with the load average: they move less with other
tenants' work, and compare work done whatever the number of cores each tool uses.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH_VENV = ROOT / ".venv-bench"
MKDOCS_REQUIREMENT = "mkdocs==1.6.1"
TODAY = "2026-11-23"
STEPS = ("read", "model", "index", "render", "check", "write")
PAGE_LIMIT = 200 * 1024
TITLE_WORDS = ["basis", "gevorderd", "praktijk", "avond", "intensief", "module", "vervolg", "specialist", "noord", "werkplaats"]
TITLE_LINE = re.compile(r"^title:.*$", re.MULTILINE)
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: 50,000 course files in seconds, not minutes


def sample_courses() -> list[tuple[str, str, dict]]:
    """(id, YAML text, parsed data) of every published sample course."""
    found = []
    for path in sorted((ROOT / "content" / "courses").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        if not data.get("draft"):
            found.append((path.stem, text, data))
    return found


def make_catalogue(size: int, folder: Path) -> Path:
    """The sample content plus course copies with their own id and title, `size` published courses in all."""
    content = folder / "content"
    shutil.copytree(ROOT / "content", content)
    rng = random.Random(size)
    courses = sample_courses()
    for n in range(max(size - len(courses), 0)):
        course_id, text, data = courses[n % len(courses)]
        title = f"{data['title']} {rng.choice(TITLE_WORDS)} {n}"
        line = f"title: {json.dumps(title, ensure_ascii=False)}"
        copy = TITLE_LINE.sub(lambda _, line=line: line, text, count=1)
        (content / "courses" / f"{course_id}-{n}.yaml").write_text(copy, encoding="utf-8")
    return content


def markdown_pages(content: Path, folder: Path) -> Path:
    """The same courses as MkDocs Markdown pages: title, summary, facts and description; short nav."""
    project = folder / "mkdocs"
    docs = project / "docs"
    (docs / "opleidingen").mkdir(parents=True)
    for path in sorted((content / "courses").glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)
        if data.get("draft"):
            continue
        facts = "\n".join(
            f"- **{label}**: {data.get(key)}"
            for key, label in (("provider", "Aanbieder"), ("level", "Niveau"), ("form", "Vorm"), ("sectors", "Sector"))
        )
        page = f"# {data['title']}\n\n{data['summary']}\n\n{facts}\n\n{data['description']}\n\n[Naar de aanbieder]({data['url']})\n"
        (docs / "opleidingen" / f"{path.stem}.md").write_text(page, encoding="utf-8")
    (docs / "index.md").write_text("# Opleidingen\n\nAlle opleidingen van de gids.\n", encoding="utf-8")
    config = {"site_name": "Scholingsgids", "nav": [{"Home": "index.md"}], "use_directory_urls": True}
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return project


def bench_python() -> Path | None:
    """The benchmark's own venv with MkDocs; made on first use."""
    python = BENCH_VENV / "bin" / "python"
    if not (BENCH_VENV / ".installed").exists():
        try:
            subprocess.run([sys.executable, "-m", "venv", str(BENCH_VENV)], check=True)
            subprocess.run([str(python), "-m", "pip", "install", "--quiet", MKDOCS_REQUIREMENT], check=True)
        except subprocess.CalledProcessError as exc:
            print(f"MkDocs not installed ({exc}); no anchor figures.", file=sys.stderr)
            return None
        (BENCH_VENV / ".installed").touch()
    return python


def timed_child(command: list[str], cwd: Path) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds, stdout) of one child process. CPU is user + system time of the child and of
    every process it waited for (a build's workers): on a shared machine it moves less with other tenants' load
    than wall time does, and it compares work done whatever the number of cores used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    completed = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if completed.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:2])} failed:\n{completed.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu, completed.stdout


CHILD = """
import json, os, resource, sys, threading, time, datetime as dt
from builder.build import build
from builder.config import make_options
mode, content, out = sys.argv[1:4]
private = [0]  # the most memory a forked worker had of its own (Linux): its RSS also counts pages it shares with the build

def sample_workers():
    me = os.getpid()
    while True:
        try:
            kids = open(f"/proc/{{me}}/task/{{me}}/children").read().split()
        except OSError:
            return
        for kid in kids:
            try:
                with open(f"/proc/{{kid}}/smaps_rollup") as rollup:
                    own = sum(int(line.split()[1]) for line in rollup if line.startswith(("Private_Clean:", "Private_Dirty:")))
            except (OSError, ValueError):
                continue
            private[0] = max(private[0], own * 1024)
        time.sleep(0.25)

threading.Thread(target=sample_workers, daemon=True).start()
options = make_options(content, {templates!r}, out, today=dt.date.fromisoformat({today!r}), check_only=(mode == "check"))
result = build(options, quiet=True)
if not result.ok:
    for p in result.problems.errors[:20]:
        print(p.format(), file=sys.stderr)
    sys.exit(1)
print(json.dumps({{"pages": result.pages, "steps": result.steps, "seconds": result.seconds,
    "peak_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    "worker_rss": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024, "worker_private": private[0]}}))
"""

SERVE_CHILD = """
import json, sys, time, datetime as dt
from pathlib import Path
from builder.config import make_options
from builder.incremental import IncrementalBuilder
content, out, course = sys.argv[1:4]
options = make_options(content, {templates!r}, out, today=dt.date.fromisoformat({today!r}))
engine = IncrementalBuilder(options)
first = engine.rebuild()
assert first.ok, [p.format() for p in first.problems.errors[:5]]
engine.warm_up()  # scholing serve does this after its first build, before the first save
path = Path(content) / "courses" / (course + ".yaml")
text = path.read_text(encoding="utf-8")
path.write_text(text.replace('title: "', 'title: "Nieuw ', 1), encoding="utf-8")
started = time.perf_counter()
result = engine.rebuild(defer=True, changed=[str(path)])  # as scholing serve, told by its watcher: pages first (browser reloads) ...
seconds = time.perf_counter() - started
assert result.ok, [p.format() for p in result.problems.errors[:5]]
rest = engine.finish()  # ... then search data, feed, sitemap and open data (it reloads again)
total = time.perf_counter() - started
assert rest.ok, [p.format() for p in rest.problems.errors[:5]]
print(json.dumps({{"seconds": seconds, "rendered": result.rendered, "pages": result.pages, "steps": result.steps,
                  "total": total, "rest_steps": rest.steps, "rest_rendered": rest.rendered}}))
"""


def scholing(mode: str, content: Path, out: Path) -> dict:
    code = CHILD.format(templates=str(ROOT / "templates"), today=TODAY)
    seconds, cpu, stdout = timed_child([sys.executable, "-c", code, mode, str(content), str(out)], ROOT)
    figures = json.loads(stdout.splitlines()[-1])
    figures["wall"], figures["cpu"] = seconds, cpu
    return figures


def serve_edit(content: Path, out: Path, course_id: str) -> dict | None:
    try:
        import builder.incremental  # noqa: F401
    except ImportError:
        return None
    code = SERVE_CHILD.format(templates=str(ROOT / "templates"), today=TODAY)
    _, _, stdout = timed_child([sys.executable, "-c", code, str(content), str(out), course_id], ROOT)
    return json.loads(stdout.splitlines()[-1])


def output_figures(out: Path) -> tuple[int, int, str, int]:
    """(total bytes, HTML pages, largest HTML page, its bytes)."""
    total, pages, largest, largest_bytes = 0, 0, "", 0
    for path in out.rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            total += size
            if path.suffix == ".html":
                pages += 1
                if size > largest_bytes:
                    largest, largest_bytes = path.relative_to(out).as_posix(), size
    return total, pages, largest, largest_bytes


def mkdocs(python: Path | None, project: Path) -> tuple[float, float] | None:
    """(wall seconds, CPU seconds) of `mkdocs build`."""
    if python is None:
        return None
    seconds, cpu, _ = timed_child([str(python), "-m", "mkdocs", "build", "--quiet", "--clean"], project)
    return seconds, cpu


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def main(sizes: list[int], *, with_mkdocs: bool = True, with_serve: bool = True) -> int:
    python = bench_python() if with_mkdocs else None
    courses = sample_courses()
    for size in sizes:
        folder = Path(tempfile.mkdtemp(prefix=f"bench-build-{size}-"))
        try:
            content = make_catalogue(size, folder)
            checked = scholing("check", content, folder / "site")
            built = scholing("build", content, folder / "site")
            total, pages, largest, largest_bytes = output_figures(folder / "site")
            anchor = mkdocs(python, markdown_pages(content, folder)) if with_mkdocs else None
            edit = serve_edit(content, folder / "serve-site", f"{courses[0][0]}-0") if with_serve else None
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        rss_mb = built["peak_rss"] / 2**20
        steps = "  ".join(f"{name} {built['steps'].get(name, 0):.2f}" for name in STEPS)
        load = " / ".join(f"{n:.2f}" for n in os.getloadavg())
        print(f"== {size:,} courses; load average {load} on {os.cpu_count()} cores ==")
        print(f"full build        {built['seconds']:.2f} s (process {built['wall']:.2f} s, CPU {built['cpu']:.2f} s)   steps: {steps}")
        own = f", at most {built['worker_private'] / 2**20:.0f} MB of it a worker's own" if built.get("worker_private") else ""
        print(f"peak RSS          {rss_mb:.0f} MB (largest worker process {built['worker_rss'] / 2**20:.0f} MB{own})")
        print(f"pages             {pages:,} HTML pages, output {total / 2**20:.1f} MB")
        print(f"largest page      {largest} {largest_bytes / 1024:.0f} KB ({verdict(largest_bytes <= PAGE_LIMIT)}: <= 200 KB)")
        print(f"scholing check    {checked['seconds']:.2f} s")
        if not with_serve:
            print("one-edit rebuild  - (left out: --no-serve)")
        elif edit is None:
            print("one-edit rebuild  - (no incremental engine yet)")
        else:
            edit_steps = "  ".join(f"{name} {edit['steps'].get(name, 0):.2f}" for name in STEPS)
            rest_steps = "  ".join(f"{name} {edit['rest_steps'].get(name, 0):.2f}" for name in STEPS if name in edit["rest_steps"])
            print(
                f"one-edit rebuild  save shows in {edit['seconds']:.2f} s in serve mode ({verdict(edit['seconds'] <= 1.0)}: <= 1 s), "
                f"{edit['rendered']} of {edit['pages']} pages rendered   steps: {edit_steps}"
            )
            print(
                f"  then up to date {edit['total']:.2f} s after the save ({edit['rest_rendered']} other pages; "
                f"search data, feed, sitemap, open data)   steps: {rest_steps}"
            )
        if not with_mkdocs:
            print("MkDocs            - (left out: --no-mkdocs)")
        elif anchor is None:
            print("MkDocs            - (not installed)")
        else:
            anchor_wall, anchor_cpu = anchor
            ratio = built["wall"] / anchor_wall
            print(
                f"MkDocs            {anchor_wall:.2f} s (CPU {anchor_cpu:.2f} s); ratio scholing/MkDocs {ratio:.2f} "
                f"({verdict(ratio <= 0.3)}: <= 0.3); in CPU seconds {built['cpu'] / anchor_cpu:.2f}"
            )
        if size >= 10000:
            rss_goal = 500 if size <= 10000 else 1024
            goals = [("check <= 3 s", checked["seconds"] <= 3.0), (f"RSS <= {rss_goal} MB", rss_mb <= rss_goal)]
            if size >= 50000:
                goals.append(("build <= 60 s", built["wall"] <= 60))
            print("goals             " + ", ".join(f"{name}: {verdict(ok)}" for name, ok in goals))
        print(flush=True)
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000], metavar="SIZE", help="courses per catalogue")
    parser.add_argument("--no-mkdocs", action="store_true", help="leave out the MkDocs anchor (minutes at 50,000)")
    parser.add_argument("--no-serve", action="store_true", help="leave out the one-edit rebuild in serve mode")
    arguments = parser.parse_args()
    sys.exit(main(arguments.sizes, with_mkdocs=not arguments.no_mkdocs, with_serve=not arguments.no_serve))
