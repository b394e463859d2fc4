import * as pulumi from "@pulumi/pulumi";
import { EnvironmentName, profiles } from "../stacks";
import { CostConfig, readCost } from "./sections/cost";
import { DatabaseConfig, readDatabase } from "./sections/database";
import { ClusterConfig, readCluster } from "./sections/cluster";
import { EdgeConfig, readEdge } from "./sections/edge";
import { NetworkConfig, readNetwork } from "./sections/network";
import { OBSERVABILITY_SECRET_KEYS, ObservabilityConfig, readObservability } from "./sections/observability";
import { ConfigError, RawConfig, Validator } from "./validation";

export { ConfigError } from "./validation";

const ENVIRONMENTS: readonly EnvironmentName[] = ["dev", "staging", "prod"];

/** Commercial, GovCloud and China region names, e.g. `eu-central-1`, `us-gov-west-1`. */
const REGION = /^(us|eu|ap|sa|ca|me|af|il|mx)(-gov)?-(north|south|east|west|central|northeast|northwest|southeast|southwest)-\d$/;
const DOMAIN = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const EMAIL = /^[A-Za-z0-9._%+-]+@([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const RUNBOOK_BASE_URL = /^https:\/\/[^\s/]+\/\S*docs\/runbooks$/;
/** AWS tag values: 1-256 of letters, digits, spaces and `_ . : / = + - @`. */
const TAG_VALUE = /^[\p{L}\p{N} _.:/=+\-@]{1,256}$/u;

/** Every key of this project's namespace that the program reads; anything else is a typo. */
const KNOWN_KEYS = [
  "environment",
  "region",
  "owner",
  "costCenter",
  "alertEmail",
  "domain",
  "vpcCidr",
  "azCount",
  "network",
  "database",
  "kubernetesVersion",
  "clusterAdminRoleArn",
  "cluster",
  "observability",
  ...OBSERVABILITY_SECRET_KEYS,
  "edge",
  "cost",
  "runbookBaseUrl",
];

/** The validated configuration of one stack: the only thing components' arguments come from. */
export interface PlatformConfig {
  project: string;
  stack: string;
  environment: EnvironmentName;
  region: string;
  /** Team that owns the stack (the `Owner` tag). */
  owner: string;
  /** Cost allocation code (the `CostCenter` tag). */
  costCenter: string;
  /** Where alarms are e-mailed. */
  alertEmail: string;
  /** The stack's public DNS domain (a Route 53 hosted zone of the same name must exist). */
  domain: string;
  highAvailability: boolean;
  protectStatefulResources: boolean;
  network: NetworkConfig;
  database: DatabaseConfig;
  cluster: ClusterConfig;
  observability: ObservabilityConfig;
  edge: EdgeConfig;
  /** Estimate assumptions, budgets, anomaly alerts and the out-of-hours schedule. */
  cost: CostConfig;
  /** Where docs/runbooks of this repository is browsable: every alert links to its page there. */
  runbookBaseUrl: string;
}

/**
 * Validates a stack's raw config against its environment profile. Throws one ConfigError listing
 * every bad key; never registers anything, so it runs before any resource exists.
 */
export function loadConfig(project: string, stack: string, raw: RawConfig): PlatformConfig {
  const v = new Validator(stack, project, raw);
  for (const key of Object.keys(raw)) {
    const [ns, name] = key.split(":");
    if (ns === project && !KNOWN_KEYS.includes(name)) {
      v.fail(name, "(set)", `a known key: ${KNOWN_KEYS.join(", ")}`);
    }
  }
  const environment = v.oneOf("environment", v.get("environment"), ENVIRONMENTS);
  const profile = profiles[environment];
  const region = v.requireString("region", REGION, "an AWS region name such as eu-central-1");
  const network = readNetwork(v, profile.network, profile.highAvailability);
  const database = readDatabase(v, environment, profile.database, profile.highAvailability, region, network.azCount);
  const config: PlatformConfig = {
    project,
    stack,
    environment,
    region,
    owner: v.requireString("owner", TAG_VALUE, "a tag value: 1-256 letters, digits, spaces or _ . : / = + - @"),
    costCenter: v.requireString("costCenter", TAG_VALUE, "a tag value: 1-256 letters, digits, spaces or _ . : / = + - @"),
    alertEmail: v.requireString("alertEmail", EMAIL, "an e-mail address such as platform-alerts@example.com"),
    domain: v.requireString("domain", DOMAIN, "a lower-case DNS domain such as shop.example.com"),
    highAvailability: profile.highAvailability,
    protectStatefulResources: profile.protectStatefulResources,
    network,
    database,
    cluster: readCluster(v, profile.cluster, profile.highAvailability, environment),
    observability: readObservability(v, profile.observability, environment, stack),
    edge: readEdge(v, profile.edge, v.get("domain")),
    cost: readCost(v, profile.cost, { highAvailability: profile.highAvailability }),
    runbookBaseUrl: v.requireString(
      "runbookBaseUrl",
      RUNBOOK_BASE_URL,
      "an https URL of this repository's docs/runbooks folder, e.g. https://github.com/acme/b2b-commerce/blob/main/docs/runbooks",
    ),
  };
  if (v.problems.length > 0) throw new ConfigError(stack, v.problems);
  return config;
}

/** Reads the running stack's config from the Pulumi runtime and validates it. */
export function loadStackConfig(): PlatformConfig {
  const raw: RawConfig = { ...pulumi.runtime.allConfig() };
  return loadConfig(pulumi.getProject(), pulumi.getStack(), raw);
}
