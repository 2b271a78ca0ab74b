"""Garble slots: a neighbour word whose slot the run fills with one name, and list company."""

from __future__ import annotations

import gc
import re
from collections import Counter

from cleaner.stages import garble
from cleaner.stages.garble.extract import NAME_RE
from cleaner.stages.garble.slots import all_slot_words, list_members, name_spans, slot_words
from tests.test_garble import _doc, _flagged, _run

HACKNEY = "Title\n\nPolice were called to a house in east Hackney on Sunday, officers said."
HOCKNEY = "Title\n\nA fire broke out at a warehouse in east Hockney overnight, firefighters said."
LEEDS = "Title\n\nTraffic was slow in east Leeds today, drivers said."
OTHER_EAST = "Title\n\nTraffic was slow in east Leeds, east Bristol and east Derby today, drivers said."
#: Other news: the run is not about Hackney alone.
OTHER_NEWS = ("Title\n\nMinisters from Paris, Berlin, Rome, Madrid, Vienna, Prague, Warsaw, Oslo, Lisbon "
              "and Dublin met in Brussels on Monday with Ursula Green of the Council.")


def _hackney_run(*extra: str) -> list:
    return [_doc(f"h{i}", HACKNEY) for i in range(4)] + [_doc(f"n{i}", OTHER_NEWS) for i in range(4)] \
        + [_doc(f"x{i}", text) for i, text in enumerate(extra)] + [_doc("z", HOCKNEY)]


def test_a_neighbour_whose_slot_the_run_fills_with_the_name_places_a_rare_word_there() -> None:
    # "east" is a frequent word, so by the general rule it shows only a name's slot; but the run
    # writes Hackney after it four times out of five: there, a word no other article uses as a
    # name is Hackney.
    docs = _run(_hackney_run(LEEDS))
    assert _flagged(docs[-1]) == Counter({("Hockney", "Hackney"): 1})


def test_a_run_about_the_name_shows_it_in_every_slot() -> None:
    # Without other news, Hackney is a fifth of the run's capitalised words: it fills "east _" no
    # more than it fills any slot ("Mr Bell said" in a run about Bell).
    docs = _run([_doc(f"h{i}", HACKNEY) for i in range(4)] + [_doc("o", LEEDS), _doc("z", HOCKNEY)])
    assert not _flagged(docs[-1])


def test_a_neighbour_before_many_names_of_the_run_places_none() -> None:
    # The run writes Leeds, Bristol and Derby after "east" more often than Hackney: not its slot.
    # (Enough other news that Hackney is no large share of the run's names: the slot decides.)
    docs = _run(_hackney_run(OTHER_EAST, OTHER_EAST, OTHER_EAST, *[OTHER_NEWS] * 8))
    assert not _flagged(docs[-1])


def test_a_name_filling_the_slot_in_one_other_article_only_is_chance() -> None:
    docs = _run([_doc("h0", HACKNEY)] + [_doc(f"k{i}", HACKNEY.replace("east ", "")) for i in range(3)]
                + [_doc(f"n{i}", OTHER_NEWS) for i in range(4)] + [_doc("o", LEEDS), _doc("z", HOCKNEY)])
    assert not _flagged(docs[-1])


SPAIN = "Title\n\nExports to Italy, Spain and Greece fell last year, the ministry said."


def test_a_common_word_listed_among_the_names_listed_with_the_name_is_placed() -> None:
    # No neighbour word at all (commas), yet the run lists Italy with Spain: the word between
    # Italy and Greece in a list stands where Spain stands.
    stain = "Title\n\nSales in Italy, Stain, Greece and Portugal rose, the group said."
    docs = _run([_doc(f"s{i}", SPAIN) for i in range(3)] + [_doc("z", stain)])
    assert _flagged(docs[-1]) == Counter({("Stain", "Spain"): 1})
    # Listed with names the run never lists with Spain, it is placed nowhere.
    other = "Title\n\nSales in Chile, Stain, Peru and Mexico rose, the group said."
    docs = _run([_doc(f"s{i}", SPAIN) for i in range(3)] + [_doc("z", other)])
    assert not _flagged(docs[-1])
    # A pair joined by "and" is no list ("Smith and Jones" may be any two people).
    pair = "Title\n\nSales in Italy and Stain rose, the group said."
    docs = _run([_doc(f"s{i}", SPAIN) for i in range(3)] + [_doc("z", pair)])
    assert not _flagged(docs[-1])
    # A comma after an opening phrase is no list either ("In Italy, Stain said").
    clause = "Title\n\nIn Italy, Stain said the group would grow."
    docs = _run([_doc(f"s{i}", SPAIN) for i in range(3)] + [_doc("z", clause)])
    assert not _flagged(docs[-1])


def test_list_members_and_slot_words() -> None:
    line = "Sales in Australia, South Africa, Stain, Germany, Peru and the UK rose."
    assert list_members(line, line.find("Stain"), 5) == (("Africa", "Germany", "Peru"), True)
    assert list_members("Smith and Jones said", 0, 5) == (("Jones",), False)
    text = "in west Hackney's, west Hackney squad. Hackney"
    spans = name_spans(text, "Hackney")
    assert len(spans) == 3
    assert slot_words(text, spans) == Counter({("prev", "west", "Hackney"): 2, ("next", "squad", "Hackney"): 1})
    assert name_spans("McHackney Hackneys", "Hackney") == []
    # Every capitalised word at once gives what one word at a time gives, without the words; a
    # capital inside a word ("iPhone") starts none.
    # Two capitalised words in a row each get their own neighbours ("over Abc Def"); so does a name
    # with an apostrophe inside ("Rock'sy band").
    text = ("Then west Hackney's squad met Bell Smith said, in east O'Brien and iPhone users. Mr Bell "
            "came over Abc Def today with the Rock'sy band")
    one_by_one: Counter[tuple[str, str]] = Counter()
    whole_words = re.finditer(rf"\b{NAME_RE.pattern}", text)
    for (side, word, _), n in slot_words(text, (m.span() for m in whole_words)).items():
        one_by_one[side, word] += n
    assert all_slot_words(text) == one_by_one
    assert one_by_one[("next", "said")] == 1 and one_by_one[("prev", "west")] == 1
    assert ("next", "users") not in one_by_one
    assert one_by_one[("prev", "over")] == 1 and one_by_one[("next", "today")] == 1 and one_by_one[("next", "band")] == 1


def test_the_corpus_pass_leaves_no_reference_cycles() -> None:
    # run_corpus turns the cycle collector off while it runs, on the premise that its index makes
    # no cycles: were it to, the whole index would stay in memory until the next collection.
    docs = _hackney_run(LEEDS)
    for doc in docs:
        garble.run(doc, garble.GarbleConfig())
    gc.collect()
    garble.run_corpus(docs, garble.GarbleConfig())
    assert gc.collect() == 0


def test_a_neighbour_after_the_name_places_it_too() -> None:
    # No word before it ("Hockney" opens the clause), but the run writes Hackney before "council"
    # and nothing else there: the slot after the word places it.
    council = "Title\n\nOn Monday Hackney council said it would close the library."
    hockney = "Title\n\nLast year Hockney council said it would close the pool."
    docs = _run([_doc(f"h{i}", council) for i in range(4)] + [_doc(f"n{i}", OTHER_NEWS) for i in range(8)]
                + [_doc("z", hockney)])
    assert _flagged(docs[-1]) == Counter({("Hockney", "Hackney"): 1})
