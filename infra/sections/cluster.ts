import { SUPPORTED_KUBERNETES_VERSIONS } from "../../components/cluster/versions";
import { parseCidr } from "../../lib/cidr";
import { bool, Fail, int, logRetentionDays, matching, oneOf, requireAtLeast, ROLE_ARN, section, SettingsOf, z } from "../schema";

/** Graviton families carry a `g` after the generation digit: m7g, c7gn, t4g, r8g, m7gd, is4gen. */
const GRAVITON_TYPE = /^[a-z]+\d+g[a-z]*\.(medium|large|\d*xlarge|metal)$/;
const CPU = /^\d+(\.\d+)?$|^\d+m$/;
const MEMORY = /^\d+(Mi|Gi)$/;

const PUBLIC_CIDR_ALLOWED =
  "an IPv4 network CIDR of /8 to /32 (never 0.0.0.0/0: the API server must not face the whole internet)";

const nodeGroup = z.strictObject({
  /** `ON_DEMAND` or `SPOT` (Spot only where the profile's `spotAllowed` is true). */
  capacityType: oneOf(["ON_DEMAND", "SPOT"]),
  /**
   * Graviton (arm64) instance types, e.g. `m7g.large`; several types ease Spot capacity. Keep the
   * same vCPU and memory across the list: cluster-autoscaler sizes a group by its first type.
   */
  instanceTypes: z
    .array(
      matching(
        GRAVITON_TYPE,
        "a Graviton (arm64) instance type such as m7g.large, c7g.xlarge or t4g.medium (nodes use the arm64 AMI)",
      ),
      { error: 'a non-empty list of Graviton (arm64) instance types such as ["m7g.large"]' },
    )
    .min(1, { error: 'a non-empty list of Graviton (arm64) instance types such as ["m7g.large"]' }),
  minSize: int(1, 100),
  desiredSize: int(1, 100),
  maxSize: int(1, 100),
  /** Root volume size in GiB. */
  diskSizeGiB: int(20, 500),
});
export type NodeGroupSettings = z.output<typeof nodeGroup>;

export const cluster = section({
  key: "cluster",
  keys: {
    /** Kubernetes minor version, e.g. "1.35" (one with pinned add-on versions). */
    kubernetesVersion: oneOf(SUPPORTED_KUBERNETES_VERSIONS as unknown as [string, ...string[]]),
    /** IAM role given cluster-admin through an EKS access entry. */
    clusterAdminRoleArn: matching(ROLE_ARN, "an IAM role ARN such as arn:aws:iam::111122223333:role/platform-admin"),
  },
  fields: {
    /** CIDRs allowed on the public API endpoint; empty = public endpoint off (private only). */
    publicAccessCidrs: z.array(
      z.string({ error: PUBLIC_CIDR_ALLOWED }).refine((t) => (parseCidr(t)?.prefix ?? -1) >= 8, { error: PUBLIC_CIDR_ALLOWED }),
      { error: 'a list of IPv4 CIDRs such as ["203.0.113.0/24"]' },
    ),
    /** Whether the public API endpoint is on (only with a non-empty allow-list); default: when the list is not empty. */
    endpointPublicAccess: bool().optional(),
    /** Retention of the control-plane log group, in days (a CloudWatch-allowed value). */
    controlPlaneLogRetentionDays: logRetentionDays(),
    nodeGroups: z.strictObject({ system: nodeGroup, apps: nodeGroup }, { error: "an object with optional system and apps" }),
    /** ResourceQuota of each application namespace. */
    namespaceQuota: z.strictObject({
      requestsCpu: matching(CPU, 'a CPU quantity such as "4" or "500m"'),
      limitsCpu: matching(CPU, 'a CPU quantity such as "8" or "500m"'),
      requestsMemory: matching(MEMORY, 'a memory quantity such as "8Gi" or "512Mi"'),
      limitsMemory: matching(MEMORY, 'a memory quantity such as "16Gi" or "512Mi"'),
      pods: int(1, 1000),
    }),
  },
  fixed: {
    /** Whether the `apps` group may run on Spot (never the `system` group). */
    spotAllowed: bool(),
  },
  finish: ({ spotAllowed, endpointPublicAccess: wanted, ...v }, ctx, fail) => {
    const endpointPublicAccess = wanted ?? v.publicAccessCidrs.length > 0;
    if (endpointPublicAccess && v.publicAccessCidrs.length === 0) {
      fail(
        "cluster.endpointPublicAccess",
        true,
        `false unless "cluster.publicAccessCidrs" lists the addresses allowed in (the public endpoint is never open to 0.0.0.0/0${ctx.environment === "prod" ? ", and is off in prod without an allow-list" : ""})`,
      );
    }
    if (endpointPublicAccess && !ctx.requirements.clusterPublicEndpoint) {
      fail(
        "cluster.endpointPublicAccess",
        true,
        `false in ${ctx.environment} (the API endpoint is private there: deploy from inside the VPC, docs/cluster.md)`,
      );
    }
    if (!endpointPublicAccess && v.publicAccessCidrs.length > 0) {
      fail("cluster.publicAccessCidrs", v.publicAccessCidrs, `no CIDRs while "cluster.endpointPublicAccess" is false`);
    }
    const floors = { minNodes: ctx.requirements.minNodeGroupSize, environment: ctx.environment, ha: ctx.highAvailability };
    checkGroup(fail, "system", v.nodeGroups.system, false, floors);
    checkGroup(fail, "apps", v.nodeGroups.apps, spotAllowed, floors);
    return { ...v, endpointPublicAccess, publicAccessCidrs: endpointPublicAccess ? v.publicAccessCidrs : [] };
  },
});

export type ClusterSettings = SettingsOf<typeof cluster>;

/** The smallest group the environment allows, and whether it must survive an AZ loss. */
interface GroupFloors {
  minNodes: number;
  environment: string;
  ha: boolean;
}

function checkGroup(fail: Fail, name: "system" | "apps", g: NodeGroupSettings, spotAllowed: boolean, floors: GroupFloors) {
  const key = `cluster.nodeGroups.${name}`;
  if (g.capacityType === "SPOT" && !spotAllowed) {
    fail(
      `${key}.capacityType`,
      g.capacityType,
      name === "system"
        ? `"ON_DEMAND" (system add-ons must not be interrupted)`
        : `"ON_DEMAND" in this environment (Spot is allowed in dev and staging only)`,
    );
  }
  // The system add-ons (CoreDNS, controllers) need two nodes to survive an AZ loss.
  const minFloor = Math.max(floors.minNodes, name === "system" && floors.ha ? 2 : 1);
  requireAtLeast(fail, `${key}.minSize`, g.minSize, minFloor, floors.environment, 100);
  if (g.maxSize < g.minSize) fail(`${key}.maxSize`, g.maxSize, `an integer from ${Math.max(g.minSize, 1)} to 100`);
  else if (g.desiredSize < g.minSize || g.desiredSize > g.maxSize)
    fail(`${key}.desiredSize`, g.desiredSize, `an integer from ${g.minSize} to ${g.maxSize}`);
}
