/**
 * The five B2B journeys. Each function is one visit and makes exactly the requests MIX counts for
 * it (lib/mix.ts): storefront pages first, then the api calls the page makes.
 */
import { check, group, sleep } from "k6";
import type { RefinedResponse, ResponseType } from "k6/http";
import { MIX } from "../lib/mix.ts";
import { apiGet, apiPost, page } from "../lib/target.ts";

const SKUS = ["B2B-1001", "B2B-1002", "B2B-2040", "B2B-3310", "B2B-7777"];
const CATEGORIES = ["fasteners", "tools", "safety", "electrical"];
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)];
const ok = (r: RefinedResponse<ResponseType>) => check(r, { "status is 2xx": (x) => x.status >= 200 && x.status < 300 });
const think = () => sleep(1 + Math.random() * 2);

export function browseCatalogue(): void {
  group("browseCatalogue", () => {
    const category = pick(CATEGORIES);
    const sku = pick(SKUS);
    ok(page("browseCatalogue", "/catalogue", "catalogue"));
    ok(page("browseCatalogue", `/catalogue/${category}`, "category"));
    ok(apiGet("browseCatalogue", `/v1/products?category=${category}&page=1`, "products"));
    ok(page("browseCatalogue", `/products/${sku}`, "product"));
    // The buyer's contract price of the product (customer-specific: not cacheable at the edge).
    ok(apiGet("browseCatalogue", `/v1/products/${sku}/price`, "price"));
  });
  think();
}

export function search(): void {
  group("search", () => {
    const q = pick(["hex bolt m8", "safety gloves", "cable tie", "torque wrench"]);
    ok(page("search", `/search?q=${encodeURIComponent(q)}`, "search-page"));
    ok(apiGet("search", `/v1/search?q=${encodeURIComponent(q)}`, "search"));
    ok(apiGet("search", `/v1/search/suggest?q=${encodeURIComponent(q.slice(0, 3))}`, "suggest"));
  });
  think();
}

export function quote(): void {
  group("quote", () => {
    ok(page("quote", "/quotes/new", "quote-page"));
    const created = apiPost("quote", "/v1/quotes", { lines: [{ sku: pick(SKUS), quantity: 500 }] }, "quote-create");
    ok(created);
    const id = created.status === 201 ? String(created.json("id")) : "missing";
    ok(apiPost("quote", `/v1/quotes/${id}/lines`, { sku: pick(SKUS), quantity: 250 }, "quote-line"));
    ok(apiPost("quote", `/v1/quotes/${id}/lines`, { sku: pick(SKUS), quantity: 100 }, "quote-line"));
    ok(apiPost("quote", `/v1/quotes/${id}/submit`, {}, "quote-submit"));
    ok(page("quote", `/quotes/${id}`, "quote-view"));
    ok(apiGet("quote", `/v1/quotes/${id}`, "quote-get"));
    ok(apiGet("quote", "/v1/quotes?status=open", "quote-list"));
    ok(page("quote", "/quotes", "quotes-page"));
  });
  think();
}

export function bulkOrder(): void {
  group("bulkOrder", () => {
    ok(page("bulkOrder", "/orders/bulk", "bulk-page"));
    const lines = Array.from({ length: 50 }, (_, i) => ({ sku: SKUS[i % SKUS.length], quantity: 10 + i }));
    ok(apiPost("bulkOrder", "/v1/carts/current/lines:bulk", { lines }, "bulk-upload"));
    for (let i = 0; i < 5; i++) ok(apiGet("bulkOrder", `/v1/carts/current/lines?page=${i + 1}`, "cart-lines"));
    ok(apiGet("bulkOrder", "/v1/carts/current/availability", "availability"));
    ok(apiGet("bulkOrder", "/v1/carts/current/totals", "totals"));
    ok(page("bulkOrder", "/cart", "cart-page"));
  });
  think();
}

export function checkout(): void {
  group("checkout", () => {
    ok(page("checkout", "/checkout", "checkout-page"));
    ok(apiGet("checkout", "/v1/carts/current", "cart"));
    ok(apiGet("checkout", "/v1/account/addresses", "addresses"));
    ok(apiPost("checkout", "/v1/carts/current/delivery", { addressId: "default", option: "standard" }, "delivery"));
    ok(page("checkout", "/checkout/review", "review-page"));
    // Purchase orders on account: no card data in a load test (the payment provider is not called).
    ok(apiPost("checkout", "/v1/carts/current/payment", { method: "invoice", poNumber: `K6-${Date.now()}` }, "payment"));
    const order = apiPost("checkout", "/v1/orders", { cart: "current" }, "order");
    ok(order);
    ok(apiGet("checkout", `/v1/orders/${order.status === 201 ? String(order.json("id")) : "missing"}`, "order-get"));
    ok(page("checkout", "/checkout/confirmation", "confirmation-page"));
  });
  think();
}

/** Exported so the type checker sees that every journey of MIX has a function. */
export const JOURNEY_FUNCTIONS: Record<keyof typeof MIX, () => void> = { browseCatalogue, search, quote, bulkOrder, checkout };
