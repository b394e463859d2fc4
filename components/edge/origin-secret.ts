import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";

/**
 * The CloudFront-to-ALB origin secret, rotated on a schedule without a failed request.
 *
 * Why a secret and not CloudFront VPC origins: the API host (`api.`) is served by the same ALB
 * directly to B2B clients, so the ALB stays internet-facing either way; a VPC origin would need a
 * second, internal ALB and would still leave the public one. The secret is readable by principals
 * with `wafv2:GetWebACL`, `elasticloadbalancing:DescribeRules`, `cloudfront:GetDistributionConfig` or
 * Kubernetes `get` on the edge's Ingresses (their `conditions.<service>` annotation),
 * so it only proves "came through CloudFront", not identity, and it is rotated (docs/edge.md).
 *
 * Two slots, A and B, rotate in turn: in period `p` (days since the epoch / rotation days) slot A
 * is renewed when `p` turns odd and slot B when it turns even. CloudFront sends the newer slot;
 * the ALB rule and the WAF accept both. A rotation replaces only the older slot, so the ALB keeps
 * accepting the value CloudFront still sends while its distribution update propagates (minutes).
 * Rotation happens at the first `pulumi up` of a new period (the drift workflow runs one daily).
 */
export function rotatingOriginSecret(parent: pulumi.Resource, period: number) {
  const g = slotGenerations(period);
  const slot = (name: string, generation: number) =>
    new random.RandomPassword(name, { length: 48, special: false, keepers: { generation: String(generation) } }, { parent });
  // Slot A keeps the logical name of the former single secret (`origin-verify`): its URN is unchanged.
  const a = slot("origin-verify", g.a);
  const b = slot("origin-verify-b", g.b);
  // `result` is a secret output of the random provider; wrapped again so that no path (mocks included) sees it in clear.
  const current = pulumi.secret(g.current === "a" ? a.result : b.result);
  const accepted = [pulumi.secret(a.result), pulumi.secret(b.result)];
  return { current, accepted, slots: { a, b } };
}

/** Each slot's generation in a period (a new generation replaces the slot) and the slot CloudFront sends. */
export function slotGenerations(period: number): { a: number; b: number; current: "a" | "b" } {
  return { a: Math.floor((period + 1) / 2), b: Math.floor(period / 2), current: period % 2 === 1 ? "a" : "b" };
}

/** The rotation period a moment falls in (`rotationDays`-day periods counted from the Unix epoch). */
export function rotationPeriod(rotationDays: number, now: Date): number {
  return Math.floor(now.getTime() / (rotationDays * 86_400_000));
}
