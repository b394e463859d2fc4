import { SUPPORTED_KUBERNETES_VERSIONS } from "../../components/cluster/versions";
import { parseCidr } from "../../lib/cidr";
import { CapacityType, ClusterProfile, NamespaceQuotaProfile, NodeGroupProfile } from "../../stacks";
import { Validator } from "../validation";
import { LOG_RETENTION_DAYS } from "./common";

export interface ClusterConfig extends ClusterProfile {
  /** Kubernetes minor version, e.g. "1.35" (one with pinned add-on versions). */
  kubernetesVersion: string;
  /** IAM role given cluster-admin through an EKS access entry. */
  clusterAdminRoleArn: string;
  /** Whether the public API endpoint is on (only with a non-empty allow-list). */
  endpointPublicAccess: boolean;
}

const FIELDS = [
  "publicAccessCidrs",
  "endpointPublicAccess",
  "controlPlaneLogRetentionDays",
  "nodeGroups",
  "namespaceQuota",
] as const;
const GROUP_FIELDS = ["capacityType", "instanceTypes", "minSize", "desiredSize", "maxSize", "diskSizeGiB"] as const;
const QUOTA_FIELDS = ["requestsCpu", "requestsMemory", "limitsCpu", "limitsMemory", "pods"] as const;
const CAPACITY_TYPES: readonly CapacityType[] = ["ON_DEMAND", "SPOT"];
const ROLE_ARN = /^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
/** Graviton families carry a `g` after the generation digit: m7g, c7gn, t4g, r8g, m7gd, is4gen. */
const GRAVITON_TYPE = /^[a-z]+\d+g[a-z]*\.(medium|large|\d*xlarge|metal)$/;
const CPU = /^\d+(\.\d+)?$|^\d+m$/;
const MEMORY = /^\d+(Mi|Gi)$/;

/**
 * Reads `kubernetesVersion`, `clusterAdminRoleArn` and the optional `cluster` object over the
 * profile's cluster defaults.
 */
export function readCluster(
  v: Validator,
  profile: ClusterProfile,
  highAvailability: boolean,
  environment: string,
): ClusterConfig {
  const o = v.object("cluster");
  v.knownFields("cluster", o, FIELDS);

  const kubernetesVersion = v.oneOf("kubernetesVersion", v.get("kubernetesVersion"), SUPPORTED_KUBERNETES_VERSIONS);
  const clusterAdminRoleArn = v.requireString(
    "clusterAdminRoleArn",
    ROLE_ARN,
    "an IAM role ARN such as arn:aws:iam::111122223333:role/platform-admin",
  );

  const publicAccessCidrs = readCidrs(v, o.publicAccessCidrs ?? profile.publicAccessCidrs);
  const endpointPublicAccess = v.boolean("cluster.endpointPublicAccess", o.endpointPublicAccess ?? publicAccessCidrs.length > 0);
  if (endpointPublicAccess && publicAccessCidrs.length === 0) {
    v.fail(
      "cluster.endpointPublicAccess",
      true,
      `false unless "cluster.publicAccessCidrs" lists the addresses allowed in (the public endpoint is never open to 0.0.0.0/0${environment === "prod" ? ", and is off in prod without an allow-list" : ""})`,
    );
  }
  if (!endpointPublicAccess && o.publicAccessCidrs !== undefined && publicAccessCidrs.length > 0) {
    v.fail("cluster.publicAccessCidrs", o.publicAccessCidrs, `no CIDRs while "cluster.endpointPublicAccess" is false`);
  }

  const controlPlaneLogRetentionDays = v.memberOf(
    "cluster.controlPlaneLogRetentionDays",
    o.controlPlaneLogRetentionDays ?? profile.controlPlaneLogRetentionDays,
    LOG_RETENTION_DAYS,
  );

  const groups = (o.nodeGroups ?? {}) as Record<string, unknown>;
  if (typeof groups !== "object" || Array.isArray(groups))
    v.fail("cluster.nodeGroups", groups, "an object with optional system and apps");
  else v.knownFields("cluster.nodeGroups", groups, ["system", "apps"]);
  const system = readGroup(v, "system", groups.system, profile.nodeGroups.system, false, highAvailability);
  const apps = readGroup(v, "apps", groups.apps, profile.nodeGroups.apps, profile.spotAllowed, highAvailability);

  const namespaceQuota = readQuota(v, o.namespaceQuota, profile.namespaceQuota);
  return {
    kubernetesVersion,
    clusterAdminRoleArn,
    publicAccessCidrs: endpointPublicAccess ? publicAccessCidrs : [],
    endpointPublicAccess,
    controlPlaneLogRetentionDays,
    spotAllowed: profile.spotAllowed,
    nodeGroups: { system, apps },
    namespaceQuota,
  };
}

function readCidrs(v: Validator, value: unknown): string[] {
  const key = "cluster.publicAccessCidrs";
  if (!Array.isArray(value)) {
    v.fail(key, value, 'a list of IPv4 CIDRs such as ["203.0.113.0/24"]');
    return [];
  }
  const result: string[] = [];
  value.forEach((text: unknown, i) => {
    const cidr = typeof text === "string" ? parseCidr(text) : undefined;
    if (!cidr || cidr.prefix < 8) {
      v.fail(
        `${key}[${i}]`,
        text,
        "an IPv4 network CIDR of /8 to /32 (never 0.0.0.0/0: the API server must not face the whole internet)",
      );
      return;
    }
    result.push(text as string);
  });
  return result;
}

function readGroup(
  v: Validator,
  name: "system" | "apps",
  value: unknown,
  profile: NodeGroupProfile,
  spotAllowed: boolean,
  highAvailability: boolean,
): NodeGroupProfile {
  const key = `cluster.nodeGroups.${name}`;
  const o = (value ?? {}) as Record<string, unknown>;
  v.knownFields(key, o, GROUP_FIELDS);
  const capacityType = v.oneOf(`${key}.capacityType`, o.capacityType ?? profile.capacityType, CAPACITY_TYPES);
  if (capacityType === "SPOT" && !spotAllowed) {
    v.fail(
      `${key}.capacityType`,
      capacityType,
      name === "system"
        ? `"ON_DEMAND" (system add-ons must not be interrupted)`
        : `"ON_DEMAND" in this environment (Spot is allowed in dev and staging only)`,
    );
  }
  const types = o.instanceTypes ?? profile.instanceTypes;
  const instanceTypes: string[] = [];
  if (!Array.isArray(types) || types.length === 0) {
    v.fail(`${key}.instanceTypes`, types, 'a non-empty list of Graviton (arm64) instance types such as ["m7g.large"]');
  } else {
    types.forEach((t: unknown, i) => {
      if (typeof t === "string" && GRAVITON_TYPE.test(t)) instanceTypes.push(t);
      else
        v.fail(
          `${key}.instanceTypes[${i}]`,
          t,
          "a Graviton (arm64) instance type such as m7g.large, c7g.xlarge or t4g.medium (nodes use the arm64 AMI)",
        );
    });
  }
  const minFloor = name === "system" && highAvailability ? 2 : 1;
  const minSize = v.integer(`${key}.minSize`, o.minSize ?? profile.minSize, minFloor, 100);
  const maxSize = v.integer(`${key}.maxSize`, o.maxSize ?? profile.maxSize, Math.max(minSize, 1), 100);
  const desiredSize = v.integer(`${key}.desiredSize`, o.desiredSize ?? profile.desiredSize, minSize, maxSize);
  const diskSizeGiB = v.integer(`${key}.diskSizeGiB`, o.diskSizeGiB ?? profile.diskSizeGiB, 20, 500);
  return { capacityType, instanceTypes, minSize, desiredSize, maxSize, diskSizeGiB };
}

function readQuota(v: Validator, value: unknown, profile: NamespaceQuotaProfile): NamespaceQuotaProfile {
  const key = "cluster.namespaceQuota";
  const o = (value ?? {}) as Record<string, unknown>;
  v.knownFields(key, o, QUOTA_FIELDS);
  const quantity = (field: "requestsCpu" | "limitsCpu" | "requestsMemory" | "limitsMemory", pattern: RegExp, allowed: string) => {
    const x = o[field] ?? profile[field];
    if (typeof x === "string" && pattern.test(x)) return x;
    v.fail(`${key}.${field}`, x, allowed);
    return profile[field];
  };
  return {
    requestsCpu: quantity("requestsCpu", CPU, 'a CPU quantity such as "4" or "500m"'),
    limitsCpu: quantity("limitsCpu", CPU, 'a CPU quantity such as "8" or "500m"'),
    requestsMemory: quantity("requestsMemory", MEMORY, 'a memory quantity such as "8Gi" or "512Mi"'),
    limitsMemory: quantity("limitsMemory", MEMORY, 'a memory quantity such as "16Gi" or "512Mi"'),
    pods: v.integer(`${key}.pods`, o.pods ?? profile.pods, 1, 1000),
  };
}
