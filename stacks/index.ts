import { dev } from "./dev";
import { prod } from "./prod";
import { EnvironmentName, EnvironmentProfile } from "./profile";
import { staging } from "./staging";

export * from "./profile";

/** The environment profiles by name; `infra/config.ts` picks one by the stack's `environment`. */
export const profiles: Record<EnvironmentName, EnvironmentProfile> = { dev, staging, prod };
