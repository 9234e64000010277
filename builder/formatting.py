"""Dutch presentation of dates, money and Markdown, as Jinja filters."""

from __future__ import annotations

import datetime as dt
import functools
import html as html_lib
from collections.abc import Callable

import markdown as markdown_lib
import nh3
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal
from markupsafe import Markup

from builder.schema import MARKDOWN_EXTENSIONS

LOCALE = "nl_NL"

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "dl",
    "dt",
    "em",
    "h2",
    "h3",
    "h4",
    "hr",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}, "td": set()}


DATE_PATTERNS = {"long": "d MMMM y", "short": "d MMM y", "weekday": "EEEE d MMMM y", "month": "MMMM y"}


# Babel is slow per call and a catalogue repeats the same dates and prices thousands of times:
# each value is formatted once.
@functools.lru_cache(maxsize=8192)
def dutch_date(value: dt.date | None, style: str = "long") -> str:
    if value is None:
        return ""
    return format_date(value, DATE_PATTERNS[style], locale=LOCALE)


@functools.lru_cache(maxsize=8192)
def euro(amount: float | None) -> str:
    """Whole euros without cents (€ 1.250), otherwise with (€ 12,50)."""
    if amount is None:
        return ""
    if float(amount).is_integer():
        return format_currency(amount, "EUR", format="¤\xa0#,##0", locale=LOCALE, currency_digits=False)
    return format_currency(amount, "EUR", locale=LOCALE)


@functools.lru_cache(maxsize=8192)
def number(value: float | None) -> str:
    return "" if value is None else format_decimal(value, locale=LOCALE)


@functools.cache
def _converter() -> markdown_lib.Markdown:
    """One converter for the whole build: making one loads every extension anew (slow)."""
    return markdown_lib.Markdown(extensions=list(MARKDOWN_EXTENSIONS), output_format="html")


def markdown_html(text: str) -> str:
    converter = _converter()
    try:
        return converter.convert(text)
    finally:
        converter.reset()


def render_markdown(text: str | None, site_path: Callable[[str], str] | None = None) -> Markup:
    """Markdown from editors, with raw HTML sanitised: no scripts, no event handlers, no javascript: links.

    Links such as [over](/over/) are site paths; `site_path` puts the base path in front, so they
    keep working when the site is hosted under a sub-path.
    """
    if not text:
        return Markup("")
    html = markdown_html(text)

    def rebase(tag: str, attribute: str, value: str) -> str:
        if site_path and attribute == "href" and value.startswith("/") and not value.startswith("//"):
            return site_path(value)
        return value

    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener",
        attribute_filter=rebase,
    )
    return Markup(clean)


def plain_markdown(text: str | None) -> str:
    """Markdown reduced to its words, for meta descriptions and the search index."""
    if not text:
        return ""
    return _plain(text)


@functools.lru_cache(maxsize=4096)
def _plain(text: str) -> str:
    return " ".join(html_lib.unescape(nh3.clean(markdown_html(text), tags=set())).split())


def in_sentence(name: str) -> str:
    """A name or label in running text: "Verzorgende IG" -> "verzorgende IG", "Werken met Excel" -> "werken met
    Excel". Only the first letter goes small, and not in an abbreviation ("ICT-beheer"), where `lower` made
    "verzorgende ig" and "de sector ict"."""
    if len(name) > 1 and name[0].isupper() and not name[1].isupper():
        return name[0].lower() + name[1:]
    return name


def filters(site_path: Callable[[str], str] | None = None) -> dict[str, object]:
    """Markdown is converted and sanitised once per distinct text (pages and cards repeat them)."""
    markdown_once = functools.lru_cache(maxsize=4096)(lambda text: render_markdown(text, site_path))
    return {
        "date": dutch_date,
        "euro": euro,
        "number": number,
        "markdown": markdown_once,
        "plain": plain_markdown,
        "in_sentence": in_sentence,
    }
