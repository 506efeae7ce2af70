"""The differences between two versions of an analysis, section by section, as an inline
diff: runs of kept, removed and added text (character by character: Chinese has no spaces
between words to cut at)."""

import difflib
import html
import re

import nh3

BLOCK_END = re.compile(r"</(p|li|h3|h4|blockquote)>|<br\s*/?>", re.IGNORECASE)


def plain_text(fragment: str) -> str:
    """The readable text of a cleaned fragment, one line per paragraph."""
    marked = BLOCK_END.sub("\n", fragment or "")
    text = html.unescape(nh3.clean(marked, tags=set(), clean_content_tags={"script", "style"}))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def _char_runs(old: str, new: str) -> list[tuple[str, str]]:
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    runs: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            runs.append(("same", old[i1:i2]))
            continue
        if i2 > i1:
            runs.append(("del", old[i1:i2]))
        if j2 > j1:
            runs.append(("ins", new[j1:j2]))
    return runs


def inline_diff(old: str, new: str) -> list[tuple[str, str]]:
    """[(op, text)] with op "same", "del" or "ins", from old plain text to new: paragraphs
    matched first, then characters inside the changed ones (a 10,000-character section
    would be slow compared character by character as a whole)."""
    old_lines, new_lines = old.split("\n"), new.split("\n")
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    runs: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        before, after = "\n".join(old_lines[i1:i2]), "\n".join(new_lines[j1:j2])
        if runs and (before or after):
            runs.append(("same", "\n"))
        if tag == "equal":
            runs.append(("same", before))
        elif tag == "replace" and len(before) * len(after) <= 4_000_000:
            runs.extend(_char_runs(before, after))
        else:
            runs.extend(r for r in (("del", before), ("ins", after)) if r[1])
    return runs


def version_diffs(versions, specs) -> list[dict]:
    """For each version after the first: its number, whether it is the revision, and per
    section the runs against the version before (sections without change are marked)."""
    out = []
    for before, after in zip(versions, versions[1:], strict=False):
        sections = []
        for spec in specs:
            old = plain_text(before.sections.get(spec.key, ""))
            new = plain_text(after.sections.get(spec.key, ""))
            sections.append({"label": spec.label, "changed": old != new,
                             "runs": inline_diff(old, new) if old != new else []})
        out.append({"from": before.number, "to": after.number,
                    "is_revision": after.is_revision, "sections": sections,
                    "changed": any(s["changed"] for s in sections)})
    return out
