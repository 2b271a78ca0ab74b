"""Neighbour-word evidence: what places a token where a name stands in the run.

A capitalised neighbour that is not a title (``cleaner/data/titles.toml``) identifies the person:
a first name or surname ("Antony _"; before a common word any capitalised word, "Mark _") is
looked for next to the name anywhere in the run. Another first name before the token than those
the name has ("Amit Yoran" where the run writes "Piers Morgan"; a title such as "Gen" is none) is
a clash: another person. A frequent word ("said", "Mr") shows only that a name stands there.
Both neighbours at once ("New _ Times", "the _ squad") place a common word where a name stands,
unless they are frequent words not both capitalised, which any name stands between ("Mr _ said",
"the _ and"); so do the two words on one side ("Duke of _", "_ and Matsushita") when one of them
is capitalised or rare (not "of the _").

Cost: the neighbour words of a name are read once per name in its article or event group and in
the first ``context_docs`` articles of the run that hold it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cleaner.stages.garble.article import Occurrence, titles
from cleaner.stages.garble.counts import FUNCTION_WORD_ZIPF, RunCounts

#: Context words this frequent ("said", "Mr", "the") stand next to any name: they show a name's
#: slot, not which name it is.
_GENERIC_CONTEXT_ZIPF = 5.0


@dataclass
class Context:
    """Neighbour words of a name across the documents that spell it."""

    words: set[tuple[str, str]]
    first_names: set[str]
    frames: set[tuple[str, str]]  # (word before, word after) of one occurrence: "New _ Times"
    pairs: set[tuple[str, str, str]]  # two words on one side: ("prev", "bank", "of"), ("next", "and", "matsushita")


class Contexts:
    """The neighbour words of each name in the run (kept once read) and how well an occurrence of a
    token matches them."""

    def __init__(self, counts: RunCounts, context_docs: int) -> None:
        self.counts = counts
        self.context_docs = context_docs
        self._found: dict[tuple[str, object], Context] = {}

    def _positions(self, name: str, position: int) -> tuple[list[int], list[int]]:
        """Articles read for the neighbour words of ``name``: the article or its group, and the run sample."""
        group = self.counts.docs[position].group
        holders = self.counts.docs_with[name]
        if group is None:
            local = [position] if position in holders else []
        else:
            local = [p for p in holders if self.counts.docs[p].group == group]
        return local, holders[: self.context_docs]

    def _read(self, name: str, key: object, positions: Iterable[int]) -> Context:
        if (name, key) not in self._found:
            words: set[tuple[str, str]] = set()
            first_names: set[str] = set()
            frames: set[tuple[str, str]] = set()
            pairs: set[tuple[str, str, str]] = set()
            for p in positions:
                for occ in self.counts.occurrences_in(p, name):
                    if occ.prev:
                        words.add(("prev", occ.prev.lower()))
                        if self.counts.first_name(occ.prev) and occ.prev.lower() not in titles():
                            first_names.add(occ.prev.lower())
                    if occ.next:
                        words.add(("next", occ.next.lower()))
                    if occ.prev and occ.next:
                        frames.add((occ.prev.lower(), occ.next.lower()))
                    for side, pair in (("prev", occ.before), ("next", occ.after)):
                        if pair:
                            pairs.add((side, pair[0].lower(), pair[1].lower()))
            self._found[name, key] = Context(words, first_names, frames, pairs)
        return self._found[name, key]

    def of(self, name: str, position: int) -> tuple[Context, Context]:
        """Neighbour words of ``name`` in the article and its group, and in the first articles of the run."""
        group = self.counts.docs[position].group
        local_positions, run_positions = self._positions(name, position)
        local = self._read(name, position if group is None else ("group", group), local_positions)
        return local, self._read(name, "run", run_positions)

    def _word_weight(self, word: str, word_in_slot: bool) -> float:
        """How much sharing the neighbour ``word`` says that two spellings name the same thing.

        A capitalised neighbour other than a title (a first name, "Cesc _", "Mark _", "_ Hockney")
        identifies the person; a rarer lower-case word ("striker", "_ programme") less so; a frequent word ("said",
        "Mr") only shows that a name stands there: strong evidence when the token is a known
        word standing where a name should be (``word_in_slot``: Clinker said), little when it is
        a name of its own (Bello said).
        """
        if len(word) < 2:
            return 0.0
        if word_in_slot and word[0].isupper() and word.lower() not in titles() and self.counts.name_word(word):
            return 1.0  # a word where a name should be, next to the name's own first name (Mark Often)
        if self.counts.zipf(word.lower()) >= _GENERIC_CONTEXT_ZIPF or word.lower() in titles():
            return 0.6 if word_in_slot else 0.2
        return 1.0 if word[0].isupper() else 0.6

    def _telling_frame(self, before: str, after: str) -> bool:
        """Whether both neighbours at once place a name ("New _ Times", "the _ squad"), unlike a
        frame of frequent words any name stands in ("Mr _ said", "the _ and")."""
        both_capitalised = before[0].isupper() and after[0].isupper()
        zipf = self.counts.zipf
        return both_capitalised or min(zipf(before.lower()), zipf(after.lower())) < _GENERIC_CONTEXT_ZIPF

    def _placing_pair(self, occ: Occurrence, context: Context) -> str:
        """The two words on one side of the occurrence that stand on that side of the name in
        ``context`` and tell ("Duke of _"), shown as "Duke of _"; "" when none. A capitalised word
        on the other side never seen next to the name ("Olympic champion _ Baldini") names another."""
        for side, pair, other, other_side in (("prev", occ.before, occ.next, "next"), ("next", occ.after, occ.prev, "prev")):
            if not pair or (side, pair[0].lower(), pair[1].lower()) not in context.pairs or not self._telling_pair(pair):
                continue
            if other and other[0].isupper() and (other_side, other.lower()) not in context.words:
                continue
            return f"{pair[0]} {pair[1]} _" if side == "prev" else f"_ {pair[0]} {pair[1]}"
        return ""

    def _telling_pair(self, pair: tuple[str, str]) -> bool:
        """Two neighbour words that place a name: one of them capitalised (not a title or a function
        word) or rarer than the words any name stands next to ("Bank of _", "analysts _"; not "of the
        _", "and The _")."""
        return any(self.counts.zipf(w.lower()) < (FUNCTION_WORD_ZIPF if w[0].isupper() and w.lower() not in titles()
                                                  else _GENERIC_CONTEXT_ZIPF) for w in pair)

    def strength(self, occ: Occurrence, context: Context, word_in_slot: bool,
                 name: str | None = None, any_frame: bool = False) -> tuple[float, str]:
        """How well one occurrence sits where the name sits elsewhere (see ``_word_weight``), -1 on a clash.

        ``any_frame``: a frame of two frequent lower-case words the name stands in counts too, and
        so do two telling words on one side (``_placing_pair``; see ``evidence.SuspectScorer.score_pair``).

        With ``name`` given (the run context) and a known word in a name's slot, a capitalised
        neighbour ("Mark _", "_ Costner") is also looked for next to the name anywhere in the run,
        not only in the sample read.
        Returns the strength and the neighbour word that gave it ("Antony _", "_ said").
        """
        strength, shown = 0.0, ""
        for side, word in (("prev", occ.prev), ("next", occ.next)):
            if not word:
                continue
            if (side, word.lower()) in context.words or (
                    name is not None and self._looked_up(word, word_in_slot) and self.counts.pair_docs(name, side, word)):
                value = self._word_weight(word, word_in_slot)
                if value > strength:
                    strength, shown = value, f"{word} _" if side == "prev" else f"_ {word}"
        if strength < 1.0 and word_in_slot and occ.prev and occ.next \
                and (occ.prev.lower(), occ.next.lower()) in context.frames \
                and (self._telling_frame(occ.prev, occ.next) or any_frame and occ.prev.islower() and occ.next.islower()):
            strength, shown = 1.0, f"{occ.prev} _ {occ.next}"
        if strength < 1.0 and any_frame:
            pair = self._placing_pair(occ, context)
            if pair:
                strength, shown = 1.0, pair
        if strength < 1.0 and occ.prev and context.first_names and self.counts.first_name(occ.prev) \
                and occ.prev.lower() not in titles() and occ.prev.lower() not in context.first_names:
            # Another first name than those the name has: another person (in the run, ``name``
            # given, the pair was also looked for beyond the sample, above).
            return -1.0, f"{occ.prev} _"
        return strength, shown

    def _looked_up(self, word: str, word_in_slot: bool) -> bool:
        """Whether a capitalised neighbour is looked for next to the name anywhere in the run: one
        that identifies (a first name or surname, not a title or a frequent word), or any
        capitalised word when a known word stands in a name's slot."""
        if not word[0].isupper():
            return False
        return word_in_slot or (word.lower() not in titles() and self.counts.zipf(word.lower()) < _GENERIC_CONTEXT_ZIPF)
