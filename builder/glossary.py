"""The glossary on pages: which terms the site's own labels use, and which a page has already explained.

Editors write the terms in content/begrippen.yaml (`model.Term`); templates call the `term` macro
(templates/partials/term.html) where a label may be unclear. The first use of a term on a page opens an
explanation in place; later uses on that page are plain text, so a page does not repeat itself. In prose
an editor wrote (rendered Markdown) the first use of a term links to its entry on /begrippen/.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from markupsafe import Markup

if TYPE_CHECKING:  # the model imports content, which imports this module for SITE_TERMS
    from builder.model import Term

# Term ids the templates explain. Stable: other pages and tools link to /begrippen/#<id>.
# tests/test_glossary.py checks this list against the templates and the sample content.
SITE_TERMS = (
    "nlqf",
    "eqf",
    "crebo",
    "rio",
    "edu-dex",
    "keurmerk",
    "nrto",
    "cedeo",
    "ocw",
    "branche",
    "microcredential",
    "mbo-certificaat",
    "bewijs-van-deelname",
    "werkend-leren",
    "klassikaal",
    "btw",
)

TAG_OR_TEXT = re.compile(r"<[^>]*>|[^<]+")
LEFT_ALONE = re.compile(r"<(/?)(a|h[1-6])\b", re.IGNORECASE)  # no link inside a link or a heading


class TermsOnPage:
    """One page's use of the glossary: `first_use` gives a term once, then None (already explained here)."""

    def __init__(self, terms: Mapping[str, Term]) -> None:
        self._terms = terms
        self._explained: set[str] = set()

    @property
    def available(self) -> bool:
        """The site has a glossary (and a /begrippen/ page to link to)."""
        return bool(self._terms)

    def first_use(self, term_id: str) -> Term | None:
        if term_id in self._explained or term_id not in self._terms:
            return None
        self._explained.add(term_id)
        return self._terms[term_id]

    def link_first_uses(self, prose: str, glossary_url: str) -> Markup:
        """Rendered Markdown with the first use on this page of each term (its name or an alias, as a whole
        word) linked to its entry on the glossary page."""
        if not self._terms:
            return Markup(prose)
        pattern, words = word_pattern(tuple(self._terms.values()))
        parts: list[str] = []
        depth = 0
        for part in TAG_OR_TEXT.findall(str(prose)):
            tag = LEFT_ALONE.match(part)
            if tag:
                depth = max(0, depth + (-1 if tag.group(1) else 1))
            if part.startswith("<") or depth:
                parts.append(part)
                continue
            parts.append(pattern.sub(lambda found: self._link(found.group(0), words, glossary_url), part))
        return Markup("".join(parts))

    def _link(self, text: str, words: dict[str, str], glossary_url: str) -> str:
        term = self.first_use(words.get(text) or words.get(text.lower(), ""))
        if term is None:
            return text
        return f'<a class="term-link" href="{html.escape(glossary_url)}#{html.escape(term.id)}">{text}</a>'


@functools.lru_cache(maxsize=4)
def word_pattern(terms: tuple[Term, ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One regular expression for every name and alias, as they appear in escaped HTML text. A word written
    that is an ordinary word matches in any case ('bbl', 'Keurmerk'); an abbreviation only as written ('RIO')."""
    words: dict[str, str] = {}
    for term in terms:
        for word in (term.name, *term.aliases):
            escaped = html.escape(word.strip(), quote=False)
            if escaped:
                ordinary = escaped[1:] == escaped[1:].lower()  # 'cao', 'Keurmerk'; not 'NLQF' or 'O&O-fonds'
                words.setdefault(escaped.lower() if ordinary else escaped, term.id)
    alternatives = [
        f"(?i:{re.escape(word)})" if word == word.lower() else re.escape(word) for word in sorted(words, key=len, reverse=True)
    ]
    return re.compile(r"(?<![\w&-])(?:" + "|".join(alternatives) + r")(?![\w-])"), words
