import { Cidr, contains, formatCidr, overlaps, parseCidr, subnet } from "../../lib/cidr";
import { bool, Fail, int, logRetentionDays, oneOf, requireAtLeast, section, SettingsOf, z } from "../schema";

export type SubnetTier = "public" | "private" | "isolated";
export const SUBNET_TIERS: readonly SubnetTier[] = ["public", "private", "isolated"];

/**
 * The default subnet plan for a VPC of prefix p (16..20): private /p+3 blocks (nodes and pods need
 * the most addresses: the VPC CNI gives every pod a VPC IP) in the first half, public and isolated
 * /p+6 blocks in the second half. Leaves room for a fourth AZ or a further tier.
 */
export function defaultSubnetPlan(vpc: Cidr, azCount: number): Record<SubnetTier, string[]> {
  const azs = [...Array(azCount).keys()];
  return {
    private: azs.map((i) => formatCidr(subnet(vpc, vpc.prefix + 3, i))),
    public: azs.map((i) => formatCidr(subnet(vpc, vpc.prefix + 6, 32 + i))),
    isolated: azs.map((i) => formatCidr(subnet(vpc, vpc.prefix + 6, 40 + i))),
  };
}

const VPC_ALLOWED = "an IPv4 network CIDR (no host bits set) of size /16 to /20, e.g. 10.20.0.0/16";

export const network = section({
  key: "network",
  keys: {
    /** The VPC's IPv4 CIDR. */
    vpcCidr: z.string({ error: VPC_ALLOWED }).refine(
      (t) => {
        const c = parseCidr(t);
        return c !== undefined && c.prefix >= 16 && c.prefix <= 20;
      },
      { error: VPC_ALLOWED },
    ),
    /** Number of availability zones to span (2 or 3). */
    azCount: int(2, 3),
  },
  fields: {
    /** One shared NAT gateway (cheap, single point of failure) or one per AZ (HA). */
    natStrategy: oneOf(["Single", "OnePerAz"]),
    /** Retention of the VPC flow-log group, in days (a CloudWatch-allowed value). */
    flowLogRetentionDays: logRetentionDays(),
    /** Create interface endpoints (ECR, STS, Secrets Manager, Logs, SSM): ~7 USD/month each per AZ. */
    interfaceEndpoints: bool(),
    /** One CIDR per AZ and tier, in AZ order; default: `defaultSubnetPlan`. Checked in `finish`. */
    subnetCidrs: z.unknown().optional(),
  },
  finish: ({ subnetCidrs, ...v }, ctx, fail) => {
    const minZones = ctx.requirements.minAvailabilityZones;
    requireAtLeast(fail, "azCount", v.azCount, minZones, ctx.environment, 3);
    if (ctx.highAvailability && v.natStrategy !== "OnePerAz") {
      fail(
        "network.natStrategy",
        v.natStrategy,
        `"OnePerAz" in a high-availability environment (one NAT gateway is a single point of failure)`,
      );
    }
    const vpc = v.vpcCidr === undefined ? undefined : parseCidr(v.vpcCidr);
    return {
      ...v,
      vpcCidr: v.vpcCidr ?? "",
      subnetCidrs: readSubnetCidrs(fail, subnetCidrs, vpc, v.azCount),
    };
  },
});

export type NetworkSettings = SettingsOf<typeof network>;

function readSubnetCidrs(fail: Fail, value: unknown, vpc: Cidr | undefined, azCount: number): Record<SubnetTier, string[]> {
  if (!vpc) return { public: [], private: [], isolated: [] };
  if (value === undefined) return defaultSubnetPlan(vpc, azCount);
  const key = "network.subnetCidrs";
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    fail(key, value, `an object with "public", "private" and "isolated" lists of ${azCount} CIDRs each`);
    return { public: [], private: [], isolated: [] };
  }
  const plan = value as Record<string, unknown>;
  for (const f of Object.keys(plan))
    if (!(SUBNET_TIERS as readonly string[]).includes(f))
      fail(`${key}.${f}`, plan[f], `no such field; known fields: ${SUBNET_TIERS.join(", ")}`);
  const seen: { key: string; text: string; cidr: Cidr }[] = [];
  const result = { public: [], private: [], isolated: [] } as Record<SubnetTier, string[]>;
  for (const tier of SUBNET_TIERS) {
    const list = plan[tier];
    const tierKey = `${key}.${tier}`;
    if (!Array.isArray(list) || list.length !== azCount) {
      fail(tierKey, list, `a list of exactly ${azCount} CIDRs (one per availability zone)`);
      continue;
    }
    list.forEach((text: unknown, i) => {
      const itemKey = `${tierKey}[${i}]`;
      const cidr = typeof text === "string" ? parseCidr(text) : undefined;
      if (!cidr || cidr.prefix > 28) {
        fail(itemKey, text, "an IPv4 network CIDR no smaller than /28 (the AWS subnet minimum)");
        return;
      }
      if (!contains(vpc, cidr)) {
        fail(itemKey, text, `a CIDR inside the VPC CIDR ${formatCidr(vpc)}`);
        return;
      }
      const clash = seen.find((s) => overlaps(s.cidr, cidr));
      if (clash) {
        fail(itemKey, text, `a CIDR that does not overlap ${clash.key} (${clash.text})`);
        return;
      }
      seen.push({ key: itemKey, text: text as string, cidr });
      result[tier].push(text as string);
    });
  }
  return result;
}
