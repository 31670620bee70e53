"""Follow-ups to a search: cheaper, in blue, show more, the second one."""

import pytest

from shopassist.search.refine import ordinal, refine, start


@pytest.mark.parametrize("text,pos", [("the second one", 2), ("number 3", 3), ("#1", 1), ("the last one", -1),
                                      ("tell me more about the 2nd", 2), ("show more", None), ("4", 4),
                                      ("the one in blue", None)])
def test_ordinal(text, pos):
    assert ordinal(text) == pos


def test_cheaper_stays_in_the_query_and_goes_below_what_was_shown(shop):
    first = start("shoes")
    prices = sorted(p.price for p in first.result.products)
    turn = refine(first.state, "something cheaper")
    assert turn.kind == "cheaper" and turn.result.products
    assert max(p.price for p in turn.result.products) < prices[2]  # below the middle one shown
    assert all(p.category == "shoes" for p in turn.result.products)
    picked = refine(turn.state, "the first one")
    cheaper_still = refine(picked.state, "too expensive")
    assert all(p.price < picked.selected.price for p in cheaper_still.result.products)


def test_colour_then_size_then_select(shop, catalog):
    turn = refine(start("t-shirts and hoodies").state, "in black")
    assert turn.kind == "filter" and turn.result.products
    assert all(p.color == "black" for p in turn.result.products)
    sized = refine(turn.state, "size XL")
    assert all("XL" in p.sizes and p.color == "black" for p in sized.result.products)
    picked = refine(sized.state, "the first one")
    assert picked.kind == "select" and picked.selected.sku == sized.state["shown"][0]
    assert picked.state["selected"] == picked.selected.sku


def test_show_more_pages_on_and_stops_at_the_end(shop):
    first = start("shoes")
    more = refine(first.state, "show me more")
    assert more.kind == "more" and more.state["offset"] == 5
    assert not set(more.state["shown"]) & set(first.state["shown"])
    end = refine(refine(more.state, "more please").state, "show more")
    assert end.result.products == [] and end.state["shown"]  # nothing further; the last page stays


def test_an_empty_refinement_keeps_the_previous_results(shop):
    first = start("a warm waterproof jacket for hiking under 150")
    turn = refine(first.state, "in pink")
    assert turn.result.products == []
    assert turn.state == first.state


def test_without_a_previous_search_a_follow_up_is_a_new_search(shop):
    turn = refine(None, "blue sneakers")
    assert turn.kind == "new" and all(p.color == "blue" for p in turn.result.products)


def test_ordinal_out_of_range_selects_nothing(shop):
    first = start("tennis racket")
    turn = refine(first.state, "the fifth one")
    assert turn.kind == "none" and turn.selected is None
