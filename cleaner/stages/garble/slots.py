"""Slots learnt from the run: which name a neighbour word's slot holds, and which names are listed together.

A frequent neighbour word ("west", "across", "_ squad") stands next to many names, so by the
general rule of ``contexts`` it shows only that a name stands there, not which. The run can say
more: of the capitalised words after "west" in the run, most may be London; after "said", any of
many people. The share of a word's slot that one name fills (its *specificity*) is measured in
the run, not assumed from the word's general frequency, so "west _" can place London and "said _"
nobody. It is measured over the run, not in the articles holding the name: those are about the
name, and there it fills every slot ("said Bell" in the articles on Bell). For the same reason a
name must fill its slot far more than it fills capitalised words anywhere (``SLOT_LIFT``): in a
run about one person, that person is in every slot.

Lists are slots too: a word between commas among capitalised words ("the UK, _, Germany") stands
where the names listed with it stand; when other articles list one of those names with a name
("France, Germany"), the word is listed in that name's company.

Which of two spellings is the corruption stays the counts' call (``evidence``): this evidence only
places an occurrence of a token that fewer than ``SLOT_TOKEN_MAX_DOCS`` other articles use as a name.
Cost, bounded and cached for the life of the index: the words beside every capitalised word are
counted once, on first need, over the whole run (two scans per article); the name in
a word's slot once per pair asked about (and only when its mentions could fill enough of it), in
those of at most ``SLOT_NAME_SAMPLE`` articles holding the name that contain the word; list company
once per pair of names, in at most ``SLOT_PAIR_SAMPLE`` articles holding both.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import islice

from cleaner.stages.garble.article import word_starts
from cleaner.stages.garble.counts import RunCounts
from cleaner.stages.garble.extract import UPPER

#: Articles holding a name in which the words beside it are counted (scaled up beyond).
SLOT_NAME_SAMPLE = 200
#: Articles holding both a name and a list neighbour read for the two listed together.
SLOT_PAIR_SAMPLE = 30
#: Share of a neighbour word's slot (the capitalised words after or before it in the run) a name
#: must fill for the word to place the name ("west London", "across Europe"; not "in London").
SLOT_SPECIFICITY = 0.5
#: How many times more often than among all capitalised words of the run a name must fill a slot:
#: in a run about one person ("Blinken said" in every article) the name fills every slot.
SLOT_LIFT = 10.0
#: Other articles that must show the name in the slot (or listed with the neighbour): one could be chance.
SLOT_MIN_DOCS = 2
#: Slots place only a token fewer other articles than this use as a name: one used as a name more
#: widely is a name of its own, for the counts to weigh.
SLOT_TOKEN_MAX_DOCS = 2

#: The lower-case word directly before or after a capitalised word, only spaces between: stricter than
#: ``article.Occurrence.prev`` (no full stop or possessive between), as a slot is a word's own company.
_BEFORE_RE = re.compile(r"(?<![\w'’])([^\W\d_]+) +$")
_AFTER_RE = re.compile(r"^(?:['’]s)? +([^\W\d_]+)")
#: The same for every capitalised word at once: the word before one, the word after one.
#: The word before one is matched in the reversed text, from the capital back (a forward search tries
#: every word of the text): a word, reversed, after the spaces after a capital, and not part of a longer
#: word. Both patterns start with a capital, which the search looks for first, and read the rest in a
#: look-ahead (the capital alone is consumed: "a Bc D", reversed "D cB a", gives "Bc" and "a").
_ALL_BEFORE_REVERSED_RE = re.compile(rf"[{UPPER}](?= +([^\W\d_]+)(?![\w'’]))")
#: ``(?<!\w.)``: a capital inside a word starts no match (without it, a long run of capitals is
#: quadratic); the name (``extract.NAME_RE``) is read possessively: no shorter reading of it is
#: followed by spaces.
_ALL_AFTER_RE = re.compile(rf"[{UPPER}](?<!\w.)[^\W\d_]*+(?:['’](?!s\b)[^\W\d_]+)*+(?=(?:['’]s)? +([^\W\d_]+))")
#: A capitalised word directly before ", _" or " and _" / after "_ ," or "_ and" in a list.
_LIST_BEFORE_RE = re.compile(r"(?<![\w'’])([^\W\d_]+)(?:['’]s)?(?:, +| +and +)$")
_LIST_AFTER_RE = re.compile(r"^(?:['’]s)?(?:, +| +and +)([^\W\d_]+)")
_COMMA_BEFORE_RE = re.compile(r"[^\W\d_](?:['’]s)?, +$")
_COMMA_AFTER_RE = re.compile(r"^(?:['’]s)?, +[^\W\d_]")
#: List members read on each side of a word.
_LIST_REACH = 5


def slot_words(text: str, spans: Iterable[tuple[int, int]]) -> Counter[tuple[str, str, str]]:
    """The lower-case words directly before ("prev", "west") and after ("next", "squad") the
    capitalised words at ``spans`` of ``text``, counted with the capitalised word in their slot:
    ("prev", "west", "Hackney")."""
    found: Counter[tuple[str, str, str]] = Counter()
    for start, end in spans:
        before = _BEFORE_RE.search(text[max(0, start - 30) : start])
        if before and before.group(1).islower():
            found["prev", before.group(1), text[start:end]] += 1
        after = _AFTER_RE.match(text[end : end + 30])
        if after and after.group(1).islower():
            found["next", after.group(1), text[start:end]] += 1
    return found


def all_slot_words(text: str) -> Counter[tuple[str, str]]:
    """``slot_words`` of every capitalised word of ``text``, without the capitalised words: ("prev",
    "west") for each "west" before any of them. Two scans of the text (the per-word loop of
    ``slot_words`` would cost several times more on every article of the run sample)."""
    found: Counter[tuple[str, str]] = Counter()
    found.update(("prev", w[::-1]) for w in _ALL_BEFORE_REVERSED_RE.findall(text[::-1]) if w.islower())
    found.update(("next", w) for w in _ALL_AFTER_RE.findall(text) if w.islower())
    return found


def name_spans(text: str, name: str) -> list[tuple[int, int]]:
    """Where ``name`` stands in ``text`` as a whole word (a possessive 's allowed after it)."""
    return [(start, start + len(name)) for start in word_starts(text, name)]


def list_members(line: str, column: int, length: int) -> tuple[tuple[str, ...], bool]:
    """The capitalised words listed with the word at ``column`` (up to ``_LIST_REACH`` each side:
    "in Australia, South Africa, _, Germany and Spain" gives Africa, Germany and Spain), and
    whether a comma joins it to its list: a list, not only a pair ("Smith and Jones")."""
    found = []
    start = column
    for _ in range(_LIST_REACH):
        head = max(0, start - 40)
        before = _LIST_BEFORE_RE.search(line[head:start])
        if not before or not before.group(1)[0].isupper():
            break
        found.append(before.group(1))
        start = head + before.start(1)
    end = column + length
    for _ in range(_LIST_REACH):
        after = _LIST_AFTER_RE.match(line[end : end + 40])
        if not after or not after.group(1)[0].isupper():
            break
        found.append(after.group(1))
        end += after.end(1)
    head, tail = line[max(0, column - 40) : column], line[column + length : column + length + 40]
    return tuple(found), bool(_COMMA_BEFORE_RE.search(head) or _COMMA_AFTER_RE.search(tail))


class SlotIndex:
    """Slot specificity and list company of the run's names, learnt from its articles (``counts``)."""

    def __init__(self, counts: RunCounts) -> None:
        self.counts = counts
        self._run_slots: Counter[tuple[str, str]] | None = None
        self._name_slots: dict[tuple[str, str, str], tuple[int, int]] = {}
        self._company: dict[tuple[str, str], tuple[int, ...]] = {}
        self._own_position = -1
        self._mentions: dict[str, int] = {}
        self._all_mentions: int | None = None
        self._own_names: dict[str, Counter[tuple[str, str, str]]] = {}
        self._own_slots: Counter[tuple[str, str]] | None = None

    def _slots_of(self, position: int, name: str) -> Counter[tuple[str, str, str]]:
        """The words beside ``name`` in an article."""
        text = self.counts.article(position).text
        return slot_words(text, name_spans(text, name))

    def _own(self, position: int, name: str) -> Counter[tuple[str, str, str]]:
        """The words beside ``name`` in the article judged, left out of the name's sample."""
        self._judging(position)
        if name not in self._own_names:
            self._own_names[name] = self._slots_of(position, name)
        return self._own_names[name]

    def _own_all(self, position: int) -> Counter[tuple[str, str]]:
        """The words beside every capitalised word of the article judged, left out of the run's counts."""
        self._judging(position)
        if self._own_slots is None:
            self._own_slots = all_slot_words(self.counts.article(position).text)
        return self._own_slots

    def _judging(self, position: int) -> None:
        """Keep the article's own counts while the same article is judged (the pass judges one after another)."""
        if self._own_position != position:
            self._own_position, self._own_names, self._own_slots = position, {}, None

    def _name_sample(self, name: str) -> Sequence[int]:
        return self.counts.docs_with.get(name, ())[: SLOT_NAME_SAMPLE + 1]

    def specificity(self, name: str, side: str, word: str, position: int) -> tuple[float, int]:
        """Share of the slot after (``side`` "prev": "west _") or before ("next": "_ squad") ``word``
        that ``name`` fills among the capitalised words there, estimated over the run without the
        article at ``position``, and how many other articles show the name in it. A name must fill
        its slot ``SLOT_LIFT`` times more than it fills capitalised words anywhere (0.0 if not): a
        run about one person ("Mr Bell said" in every article) shows that person in every slot.
        A share that could not reach ``SLOT_SPECIFICITY`` is 0.0 too, known from the counts alone."""
        if self._run_slots is None:
            self._run_slots = Counter()
            for doc in self.counts.docs:  # the text ``Article`` reads, without keeping every article read
                self._run_slots.update(all_slot_words("\n".join(doc.lines)))
        in_run = self._run_slots[side, word] - self._own_all(position)[side, word]
        mentions = self._mentions_of(name) - self.counts.docs[position].summary.names.get(name, 0)
        if mentions < SLOT_SPECIFICITY * in_run:
            return 0.0, 0  # even every mention in the slot would fill too little of it
        sample = self._name_sample(name)
        key = (name, side, word)
        if key not in self._name_slots:
            per_doc = [self._slots_of(p, name)[side, word, name] for p in sample
                       if word in self.counts.article(p).text]
            self._name_slots[key] = (sum(per_doc), sum(n > 0 for n in per_doc))
        own, own_docs = self._name_slots[key]
        sampled = len(sample)
        if position in sample:
            mine = self._own(position, name)[side, word, name]
            own, own_docs, sampled = own - mine, own_docs - (mine > 0), sampled - 1
        if own <= 0:
            return 0.0, 0
        in_name = min(mentions, own * (len(self.counts.docs_with.get(name, ())) - (position in self.counts.holder_set(name))) / sampled)
        share = in_name / max(in_name, in_run)
        if share < SLOT_LIFT * self._mentions_of(name) / self._capitalised():
            return 0.0, 0
        return share, own_docs

    def _mentions_of(self, name: str) -> int:
        """Occurrences of ``name`` in the run."""
        if name not in self._mentions:
            self._mentions[name] = sum(self.counts.docs[p].summary.names.get(name, 0) for p in self.counts.docs_with.get(name, ()))
        return self._mentions[name]

    def _capitalised(self) -> int:
        """Occurrences of capitalised words in the run."""
        if self._all_mentions is None:
            self._all_mentions = max(1, sum(sum(doc.summary.names.values()) for doc in self.counts.docs))
        return self._all_mentions

    def company(self, name: str, word: str, position: int) -> int:
        """Articles other than ``position`` (of ``SLOT_PAIR_SAMPLE`` holding both) that list
        ``word`` with ``name``."""
        if (name, word) not in self._company:
            sample = list(islice(self.counts.docs_with_both(name, word), SLOT_PAIR_SAMPLE + 1))
            self._company[name, word] = tuple(p for p in sample if any(
                word in list_members(line, column, len(name))[0] for line, column in self.counts.places(p, name)))
        return sum(p != position for p in self._company[name, word][:SLOT_PAIR_SAMPLE])

    def placing(self, name: str, position: int, line: str, column: int, length: int,
                prev: str | None, next_: str | None) -> str:
        """What places an occurrence (of ``length`` letters at ``column`` of ``line``, with the
        neighbour words ``prev`` and ``next_``) in ``name``'s slot: a lower-case neighbour whose slot
        the name fills (``SLOT_SPECIFICITY``) in ``SLOT_MIN_DOCS`` articles or more ("west _"), or a
        name it is listed with that other articles list with the name, as many ("UK, _, Germany"); "" when none."""
        for side, word in (("prev", prev), ("next", next_)):
            if word and word.islower():
                share, docs = self.specificity(name, side, word, position)
                if share >= SLOT_SPECIFICITY and docs >= SLOT_MIN_DOCS:
                    return f"{word} _ ({share:.2f} of its slot)" if side == "prev" else f"_ {word} ({share:.2f} of its slot)"
        listed, comma = list_members(line, column, length)
        if comma and len(listed) >= 2:  # a list: "In Italy, Stain said" lists nothing
            for word in listed:
                if self.company(name, word, position) >= SLOT_MIN_DOCS:
                    return f"listed with {word}"
        return ""
