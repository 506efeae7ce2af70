"""Text the office pastes (a speech, a recording's link) kept as plain text: no markup at all,
links turned into their words followed by their address, shown as text and never as links."""

import html
import re

import nh3

_ANCHOR = re.compile(r'<a\s+href="([^"]*)"[^>]*>(.*?)</a>', re.DOTALL)
_BLOCK_END = re.compile(r"</(p|div|li|h[1-6]|tr|blockquote)>|<br\s*/?>", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def to_plain_text(raw: str) -> str:
    """Plain text from whatever was pasted; line breaks kept, scripts and styles dropped."""
    text = (raw or "").replace("\r\n", "\n").replace("\r", "\n")
    text = _BLOCK_END.sub("\n", text)
    # Keep only the links (with their address), then spell each one out as "words (address)".
    kept = nh3.clean(text, tags={"a"}, attributes={"a": {"href"}}, link_rel=None,
                     clean_content_tags={"script", "style"}, strip_comments=True)

    def spell(match: re.Match) -> str:
        address, words = html.unescape(match.group(1)), match.group(2).strip()
        return f"{words} ({address})" if words and words != address else address

    kept = _ANCHOR.sub(spell, kept)
    kept = nh3.clean(kept, tags=set(), clean_content_tags={"script", "style"})
    text = _CONTROL.sub("", html.unescape(kept))
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
