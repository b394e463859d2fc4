import http from "k6/http";
import type { RefinedParams, ResponseType } from "k6/http";
import type { Journey } from "./slo.ts";

/** Where the run points: staging's public hosts (the stack outputs storefrontUrl and apiUrl). */
export const STOREFRONT_URL = __ENV.STOREFRONT_URL ?? "";
export const API_URL = __ENV.API_URL ?? "";
/** A test buyer's bearer token (a staging test account), from the environment, never from the script. */
const TOKEN = __ENV.LOADTEST_TOKEN ?? "";

export function requireTarget(): void {
  if (!STOREFRONT_URL.startsWith("https://") || !API_URL.startsWith("https://")) {
    throw new Error("set STOREFRONT_URL and API_URL to the stack's https URLs (pulumi stack output storefrontUrl / apiUrl)");
  }
  if (TOKEN === "") throw new Error("set LOADTEST_TOKEN to a staging test buyer's token");
}

/** Request parameters: the journey and service tags the thresholds select on, and the test marker. */
export function params(journey: Journey, service: "storefront" | "api", name: string): RefinedParams<ResponseType> {
  return {
    tags: { journey, service, name },
    headers: {
      Authorization: `Bearer ${TOKEN}`,
      "Content-Type": "application/json",
      // Lets the services and the WAF logs tell test traffic from buyers'.
      "X-Load-Test": "k6",
    },
  };
}

export const page = (journey: Journey, path: string, name: string) =>
  http.get(`${STOREFRONT_URL}${path}`, params(journey, "storefront", name));
export const apiGet = (journey: Journey, path: string, name: string) =>
  http.get(`${API_URL}${path}`, params(journey, "api", name));
export const apiPost = (journey: Journey, path: string, body: unknown, name: string) =>
  http.post(`${API_URL}${path}`, JSON.stringify(body), params(journey, "api", name));
