"""Formatted text from the browser's editor made safe to store and show, and its length."""

import html

import nh3

# The editor's buttons make these; anything else (links, images, styles, scripts) is dropped.
ALLOWED_TAGS = frozenset({"p", "br", "strong", "em", "b", "i", "u", "ul", "ol", "li",
                          "blockquote", "h3", "h4"})
# Raw input beyond this is refused before it is parsed: 20,000 visible characters of the
# most heavily formatted text stay far below it.
MAX_RAW_LENGTH = 400_000


def clean_html(raw: str) -> str:
    """Only the allowed tags, no attributes; script and style elements go with their text."""
    cleaned = nh3.clean(raw or "", tags=set(ALLOWED_TAGS), attributes={}, link_rel=None,
                        clean_content_tags={"script", "style"}, strip_comments=True)
    return cleaned.strip() if visible_characters(cleaned) else ""


def visible_characters(fragment: str) -> int:
    """What a reader sees, counted the way Chinese writing is counted: each character one,
    whitespace (including the full-width space) not at all."""
    text = html.unescape(nh3.clean(fragment or "", tags=set(), clean_content_tags={"script",
                                                                                    "style"}))
    return sum(1 for ch in text if not ch.isspace())
