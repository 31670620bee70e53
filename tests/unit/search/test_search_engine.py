"""Hybrid search over the seeded catalog: hard filters plus MiniLM ranking (real model, offline)."""

from shopassist.evaluation.search import evaluate_search, ndcg_at_k, precision_at_k
from shopassist.search.engine import matches, search
from shopassist.search.query import Filters


def test_filters_all_hold(shop, catalog):
    result = search("running shoes under 140 in navy size 44")
    assert result.products, "the catalog has navy running shoes under 140"
    for p in result.products:
        assert p.name.endswith("Running Shoes") and p.color == "navy" and p.price <= 140 and "44" in p.sizes


def test_price_range_and_brand(shop):
    result = search("Corso apparel between 40 and 100 euros", limit=20)
    assert result.total == len(result.products) > 0
    assert all(p.brand == "Corso" and p.category == "apparel" and 40 <= p.price <= 100 for p in result.products)


def test_out_of_stock_is_hidden_unless_asked_for(shop, catalog):
    sold_out = [p for p in catalog.values() if not p.in_stock]
    assert sold_out, "the seed has sold-out products"
    skus = {p.sku for p in search("", Filters(), limit=200).products}
    assert not skus & {p.sku for p in sold_out}
    everything = {p.sku for p in search("", Filters(in_stock=False), limit=200).products}
    assert {p.sku for p in sold_out} <= everything


def test_meaning_ranks_within_the_filters(shop):
    top = search("a warm waterproof jacket for hiking").products
    assert [p.name.split()[-2:] for p in top[:2]] == [["Rain", "Jacket"], ["Rain", "Jacket"]]
    camping = search("something to keep me warm when camping at night").products
    assert camping[0].name.endswith("Sleeping Bag")


def test_no_match_is_empty_not_an_error(shop):
    assert search("Nike sneakers").products == []  # a brand we don't sell
    assert search("tents under 5 euros").total == 0


def test_paging_and_exclusion(shop):
    first = search("shoes", limit=5)
    second = search("shoes", limit=5, offset=5)
    assert first.total == second.total >= 10
    assert not {p.sku for p in first.products} & {p.sku for p in second.products}
    again = search("shoes", limit=5, exclude=[p.sku for p in first.products])
    assert [p.sku for p in again.products] == [p.sku for p in second.products]


def test_matches_is_exact_about_item_types(shop, catalog):
    jacket_filter = Filters(items=("Jacket",))
    assert not matches(catalog["OUT-0001"], jacket_filter)  # a Rain Jacket is not a "Jacket" item
    assert matches(catalog["APP-0005"], jacket_filter)


def test_metrics():
    assert precision_at_k(["a", "x", "b"], ["a", "b"]) == 1.0
    assert precision_at_k(["x", "y", "z", "w", "v"], ["a"]) == 0.0
    assert ndcg_at_k(["a", "b"], ["a", "b"]) == 1.0
    assert 0 < ndcg_at_k(["x", "a"], ["a"]) < 1


def test_labelled_queries_meet_the_target(shop):
    report = evaluate_search()
    assert report["queries"] >= 60
    assert report["precision@5"] >= 0.8, report["misses"]
