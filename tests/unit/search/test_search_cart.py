"""The cart and checkout: a new order for the customer, stock reserved, sold-out refused."""

import pytest

from shopassist.search import cart
from shopassist.shop import service
from shopassist.shop.errors import NotAllowed


def test_add_merges_and_caps():
    items = cart.add(None, "APP-0001")
    items = cart.add(items, "APP-0001", 20)
    items = cart.add(items, "OUT-0001")
    assert items == [{"sku": "APP-0001", "quantity": cart.MAX_QUANTITY}, {"sku": "OUT-0001", "quantity": 1}]


def test_checkout_places_an_order_and_reserves_stock(shop, catalog):
    carol = service.find_customer_by_email("carol@example.com").id
    before = service.get_product("OUT-0001").stock
    order = cart.place_order(carol, [{"sku": "OUT-0001", "quantity": 2}, {"sku": "APP-0007", "quantity": 1}])
    assert order.status == "placed" and {line.sku for line in order.items} == {"OUT-0001", "APP-0007"}
    assert order.total == pytest.approx(order.subtotal + order.shipping_fee)
    assert service.get_product("OUT-0001").stock == before - 2
    assert service.get_order(order.order_id, carol).order_id == order.order_id


def test_sold_out_or_empty_cart_is_refused(shop, catalog):
    david = service.find_customer_by_email("david@example.com").id
    sold_out = next(p.sku for p in catalog.values() if not p.in_stock)
    with pytest.raises(NotAllowed) as err:
        cart.place_order(david, [{"sku": sold_out, "quantity": 1}])
    assert err.value.reason == "out_of_stock"
    with pytest.raises(NotAllowed):
        cart.place_order(david, [])


def test_quote_total_includes_shipping_below_the_threshold(shop, catalog):
    cheap = cart.lines([{"sku": "BEA-0004", "quantity": 1}], catalog)  # a lip balm, under the free-shipping limit
    assert cart.total_with_shipping(cheap) > cart.total(cheap)
    dear = cart.lines([{"sku": "OUT-0001", "quantity": 1}], catalog)
    assert cart.total_with_shipping(dear) == cart.total(dear)
