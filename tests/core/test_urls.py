"""Tests for URL canonicalisation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.urls import canonicalise_url


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("HTTPS://Example.COM/News/", "https://example.com/News"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("http://example.com:80", "http://example.com/"),
        ("http://example.com:8080/a", "http://example.com:8080/a"),
        ("https://example.com/a#comments", "https://example.com/a"),
        (
            "https://example.com/a?utm_source=x&utm_medium=y&b=2&fbclid=z&a=1&gclid=q",
            "https://example.com/a?a=1&b=2",
        ),
        ("https://example.com/a?mc_cid=1&ref=tw&spm=a.b&id=7", "https://example.com/a?id=7"),
        ("https://example.com/a/./b/../c/", "https://example.com/a/c"),
        ("https://example.com/%7euser", "https://example.com/~user"),
        ("https://example.com/%e4%b8%ad", "https://example.com/%E4%B8%AD"),
        ("  www.globaltimes.cn/page/1.shtml  ", "https://www.globaltimes.cn/page/1.shtml"),
        ("//example.com/a", "https://example.com/a"),
        ("https://Example.com./", "https://example.com/"),
        ("mailto:news@example.com", "mailto:news@example.com"),
        ("not a url", "not a url"),
    ],
)
def test_canonicalise_url(url: str, canonical: str) -> None:
    assert canonicalise_url(url) == canonical


def test_tracking_variants_of_one_article_share_a_canonical_url() -> None:
    variants = [
        "https://www.example.com/news/chip-plan?utm_source=twitter",
        "https://WWW.example.com/news/chip-plan/#top",
        "https://www.example.com:443/news/chip-plan?fbclid=abc",
    ]
    assert len({canonicalise_url(url) for url in variants}) == 1


_URLS = st.builds(
    "{}://{}{}/{}?{}#{}".format,
    st.sampled_from(["http", "https", "HTTP"]),
    st.from_regex(r"[A-Za-z0-9-]{1,10}\.(com|cn|org)", fullmatch=True),
    st.sampled_from(["", ":80", ":443", ":8080"]),
    st.text(max_size=20),
    st.text(max_size=30),
    st.text(max_size=5),
)


@given(_URLS)
def test_canonicalise_url_is_idempotent(url: str) -> None:
    once = canonicalise_url(url)
    assert canonicalise_url(once) == once
    assert "#" not in once
