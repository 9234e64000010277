"""The glossary on pages: which terms the site's own labels use, and which a page has already explained.

Editors write the terms in content/begrippen.yaml (`model.Term`); templates call the `term` macro
(templates/partials/term.html) where a label may be unclear. The first use of a term on a page opens an
explanation in place; later uses on that page are plain text, so a page does not repeat itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

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
