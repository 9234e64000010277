from urllib.parse import urljoin

import pytest

from builder.urls import Links


@pytest.mark.parametrize("base", ["https://example.org/", "https://example.org/sub/", "http://localhost:8000/a/b/"])
@pytest.mark.parametrize(
    "path",
    [
        *("", "/", "opleidingen/", "/opleidingen/x/", "feed.xml", "zoeken/?q=a", "#boven", "?q=1", "data/a.b.json"),
        *("a/./b/", "a/../b/", "..", "./", "mailto:x@y.nl", "x:y", ".well-known/x"),
    ],
)
def test_absolute_is_what_urljoin_makes(base, path):
    assert Links(base, "/").absolute(path) == urljoin(base, path.lstrip("/"))
