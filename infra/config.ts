import * as pulumi from "@pulumi/pulumi";
import { profiles } from "../stacks";
import { REQUIREMENTS } from "../stacks/requirements";
import {
  ENVIRONMENTS,
  EnvironmentName,
  oneOf,
  Problems,
  RawConfig,
  readSection,
  SectionContext,
  SettingsOf,
  topLevelKeys,
} from "./schema";
import { SECTIONS, Sections, stack as stackSection } from "./sections";
import { isDomain } from "./sections/stack";
import { ConfigError } from "./validation";

export { ConfigError } from "./validation";
export type { RawConfig } from "./schema";

/** The validated configuration of one stack: the only thing components' arguments come from. */
export type PlatformConfig = {
  project: string;
  stack: string;
  environment: EnvironmentName;
} & SettingsOf<typeof stackSection> & { [K in keyof Sections]: SettingsOf<Sections[K]> };

/** Every key of this project's namespace that the program reads; anything else is a typo. */
const KNOWN_KEYS = ["environment", ...topLevelKeys(stackSection), ...Object.values(SECTIONS).flatMap(topLevelKeys)];

/**
 * Validates a stack's raw config against its environment profile. Throws one ConfigError listing
 * every bad key; never registers anything, so it runs before any resource exists.
 */
export function loadConfig(project: string, stack: string, raw: RawConfig): PlatformConfig {
  const p = new Problems(project);
  for (const key of Object.keys(raw)) {
    const [ns, name] = key.split(":");
    if (ns === project && !KNOWN_KEYS.includes(name)) p.fail(name, "(set)", `a known key: ${KNOWN_KEYS.join(", ")}`);
  }
  const env = p.parse(
    "environment",
    oneOf(ENVIRONMENTS as [EnvironmentName, ...EnvironmentName[]]),
    raw[p.fullKey("environment")],
  );
  const environment: EnvironmentName = env.ok ? env.data : ENVIRONMENTS[0];
  const profile = profiles[environment] as unknown as Record<string, Record<string, unknown>>;

  const ctx: SectionContext = {
    project,
    stack,
    environment,
    requirements: REQUIREMENTS[environment],
    highAvailability: Boolean(profile.highAvailability),
    region: "",
    domain: undefined,
    azCount: 0,
    earlier: {},
    servicePorts: {},
  };
  const root = readSection(stackSection, profile, raw, ctx, p);
  // The profile's switches (fixed: no stack file sets them) against the environment's requirements.
  for (const [name, why] of [
    ["highAvailability", "the environment must survive the loss of one availability zone"],
    ["protectStatefulResources", "stateful resources must be protected from a mistaken `up` or `destroy`"],
  ] as const) {
    if (ctx.requirements[name] && !root[name]) p.fail(`profile.${name}`, root[name], `true in ${environment} (${why})`);
  }
  ctx.region = root.region ?? "";
  ctx.domain = isDomain(root.domain) ? root.domain : undefined;
  const sections: Record<string, unknown> = ctx.earlier;
  for (const [name, s] of Object.entries(SECTIONS)) {
    sections[name] = readSection(s, profile[name] ?? {}, raw, ctx, p);
    if (name === "network") ctx.azCount = (sections[name] as SettingsOf<Sections["network"]>).azCount;
    if (name === "edge") ctx.servicePorts = (sections[name] as SettingsOf<Sections["edge"]>).servicePorts;
  }
  if (p.list.length > 0) throw new ConfigError(stack, p.list);
  return { project, stack, environment, ...root, ...sections } as PlatformConfig;
}

/** Reads the running stack's config from the Pulumi runtime and validates it. */
export function loadStackConfig(): PlatformConfig {
  const raw: RawConfig = { ...pulumi.runtime.allConfig() };
  return loadConfig(pulumi.getProject(), pulumi.getStack(), raw);
}
