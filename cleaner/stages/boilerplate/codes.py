"""The closed set of boilerplate classes, their default policy and the gold-label synonyms.

Defined in one place so findings, config validation, documentation and evaluation agree.
"""

from __future__ import annotations

STAGE = "boilerplate"

CODES: dict[str, str] = {
    "caption": "photo or video caption: a description of a picture, often ending in a credit",
    "photo_credit": "a picture credit on its own line (agency, photographer, 'Photo: ...')",
    "byline": "author or desk line ('By Jane Doe', 'FAN Editor', a bare author name)",
    "author_bio": "who the author is and how to reach or follow them",
    "credit": "reporting credit or source agencies ('X contributed to this report', '(Source: AP)')",
    "dateline": "a line holding only a publication date or time",
    "see_also": "an inline link to another story ('See also ...', 'Read also: ...')",
    "related": "a related-stories heading or a link headline inside such a list",
    "read_more": "a 'read more' / 'continue reading' link or a truncated teaser ending in [...]",
    "advertisement": "an advertising or sponsored-content marker or block",
    "newsletter": "newsletter, subscription, paywall or donation call",
    "social_share": "share, print, e-mail, follow-us buttons and social network names",
    "comment_prompt": "comment-section furniture ('Leave a Reply', 'Your email address ...')",
    "comment": "reader comment text after a comment-section heading",
    "navigation": "menus, breadcrumbs, site sections, next/previous links, log-in widgets",
    "teaser": "another story's headline or blurb promoted after the article ('Next Post' ...)",
    "footer": "site footer: alternate addresses, legal links, the site's name after the article",
    "copyright": "copyright and reproduction notices",
    "cookie_notice": "cookie and consent banners",
    "source_link": "a link to the original source ('Source link', 'Originally published ...')",
    "editor_note": "an editor's note, correction or update notice about the story",
    "repeated": "a line recurring across many articles of the same source in this run",
}

ACTIONS = ("strip", "keep", "mark")

# Arguable classes: an editor's note changes how a reader must take the text, so by default it
# stays in the output but marked. Everything else is stripped (credits included: the sample
# gold requires "X contributed to this report" lines to go).
DEFAULT_POLICY: dict[str, str] = {code: "strip" for code in CODES} | {"editor_note": "mark"}

# Gold label (seeds/gold.json and similar hand-made files) -> classes that count as a match.
GOLD_SYNONYMS: dict[str, tuple[str, ...]] = {
    "link": ("see_also", "related", "read_more", "source_link"),
    "comments": ("comment_prompt", "comment"),
    "editor-note": ("editor_note",),
}


def matches_gold(code: str, gold: str) -> bool:
    """True when a finding's class agrees with a gold label (directly or via GOLD_SYNONYMS)."""
    return code == gold or code in GOLD_SYNONYMS.get(gold, ())
