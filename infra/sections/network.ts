import { Cidr, contains, formatCidr, overlaps, parseCidr, subnet } from "../../lib/cidr";
import { NatStrategy, NetworkProfile } from "../../stacks";
import { Validator } from "../validation";
import { LOG_RETENTION_DAYS } from "./common";

export type SubnetTier = "public" | "private" | "isolated";
export const SUBNET_TIERS: readonly SubnetTier[] = ["public", "private", "isolated"];
const NAT_STRATEGIES: readonly NatStrategy[] = ["Single", "OnePerAz"];

export interface NetworkConfig extends NetworkProfile {
  vpcCidr: string;
  /** One CIDR per AZ and tier, in AZ order. */
  subnetCidrs: Record<SubnetTier, string[]>;
}

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

const FIELDS = ["natStrategy", "flowLogRetentionDays", "interfaceEndpoints", "subnetCidrs"] as const;

/** Reads `vpcCidr`, `azCount` and the optional `network` object over the profile's network defaults. */
export function readNetwork(v: Validator, profile: NetworkProfile, highAvailability: boolean): NetworkConfig {
  const o = v.object("network");
  v.knownFields("network", o, FIELDS);

  const vpcCidrText = v.get("vpcCidr");
  const vpc = vpcCidrText === undefined ? undefined : parseCidr(vpcCidrText);
  if (!vpc || vpc.prefix < 16 || vpc.prefix > 20) {
    v.fail("vpcCidr", vpcCidrText, "an IPv4 network CIDR (no host bits set) of size /16 to /20, e.g. 10.20.0.0/16");
  }
  const azCount = v.integer("azCount", v.get("azCount") ?? profile.azCount, 2, 3);
  const natStrategy = v.oneOf("network.natStrategy", o.natStrategy ?? profile.natStrategy, NAT_STRATEGIES);
  if (highAvailability && natStrategy !== "OnePerAz") {
    v.fail(
      "network.natStrategy",
      natStrategy,
      `"OnePerAz" in a high-availability environment (one NAT gateway is a single point of failure)`,
    );
  }
  const flowLogRetentionDays = v.memberOf(
    "network.flowLogRetentionDays",
    o.flowLogRetentionDays ?? profile.flowLogRetentionDays,
    LOG_RETENTION_DAYS,
  );
  const interfaceEndpoints = v.boolean("network.interfaceEndpoints", o.interfaceEndpoints ?? profile.interfaceEndpoints);
  const subnetCidrs = readSubnetCidrs(v, o.subnetCidrs, vpc, azCount);
  return {
    vpcCidr: vpcCidrText ?? "",
    azCount,
    natStrategy,
    flowLogRetentionDays,
    interfaceEndpoints,
    subnetCidrs,
  };
}

function readSubnetCidrs(v: Validator, value: unknown, vpc: Cidr | undefined, azCount: number): Record<SubnetTier, string[]> {
  if (!vpc) return { public: [], private: [], isolated: [] };
  if (value === undefined) return defaultSubnetPlan(vpc, azCount);
  const key = "network.subnetCidrs";
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    v.fail(key, value, `an object with "public", "private" and "isolated" lists of ${azCount} CIDRs each`);
    return { public: [], private: [], isolated: [] };
  }
  const plan = value as Record<string, unknown>;
  v.knownFields(key, plan, SUBNET_TIERS);
  const seen: { key: string; text: string; cidr: Cidr }[] = [];
  const result = { public: [], private: [], isolated: [] } as Record<SubnetTier, string[]>;
  for (const tier of SUBNET_TIERS) {
    const list = plan[tier];
    const tierKey = `${key}.${tier}`;
    if (!Array.isArray(list) || list.length !== azCount) {
      v.fail(tierKey, list, `a list of exactly ${azCount} CIDRs (one per availability zone)`);
      continue;
    }
    list.forEach((text: unknown, i) => {
      const itemKey = `${tierKey}[${i}]`;
      const cidr = typeof text === "string" ? parseCidr(text) : undefined;
      if (!cidr || cidr.prefix > 28) {
        v.fail(itemKey, text, "an IPv4 network CIDR no smaller than /28 (the AWS subnet minimum)");
        return;
      }
      if (!contains(vpc, cidr)) {
        v.fail(itemKey, text, `a CIDR inside the VPC CIDR ${formatCidr(vpc)}`);
        return;
      }
      const clash = seen.find((s) => overlaps(s.cidr, cidr));
      if (clash) {
        v.fail(itemKey, text, `a CIDR that does not overlap ${clash.key} (${clash.text})`);
        return;
      }
      seen.push({ key: itemKey, text: text as string, cidr });
      result[tier].push(text as string);
    });
  }
  return result;
}
