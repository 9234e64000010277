from __future__ import annotations

import datetime as dt

from builder.formatting import dutch_date, euro, in_sentence, plain_markdown, render_markdown


def test_dutch_dates_and_money():
    assert dutch_date(dt.date(2027, 2, 1)) == "1 februari 2027"
    assert dutch_date(dt.date(2026, 12, 4), "weekday") == "vrijdag 4 december 2026"
    assert euro(1250) == "€\xa01.250"
    assert euro(12.5) == "€\xa012,50"


def test_markdown_links_follow_the_base_path_and_stay_safe():
    html = str(render_markdown("[over](/over/) [x](https://example.org/) [bad](javascript:alert(1))", lambda p: "/sub" + p))
    assert 'href="/sub/over/"' in html and 'href="https://example.org/"' in html
    assert "javascript:" not in html


def test_plain_markdown_is_text():
    assert plain_markdown("**Vet** & <em>schuin</em>\n\n- een") == "Vet & schuin een"


def test_names_in_running_text_keep_their_abbreviations():
    assert in_sentence("Verzorgende IG") == "verzorgende IG"
    assert in_sentence("Servicedeskmedewerker ICT") == "servicedeskmedewerker ICT"
    assert in_sentence("Werken met Excel") == "werken met Excel"
    assert in_sentence("ICT-beheer") == "ICT-beheer"
    assert in_sentence("ICT") == "ICT"
    assert in_sentence("zorg") == "zorg"
    assert in_sentence("") == ""
