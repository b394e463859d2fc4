/**
 * The shape of an environment profile: the defaults that differ between dev, staging and prod.
 * The shape is generated from the config sections (infra/sections/*.ts: each field's type and
 * documentation live there); `Pulumi.<stack>.yaml` may override any overridable field, and
 * `infra/config.ts` validates the merged result. Every field's default in the profiles is the
 * production-safe value unless the profile says why a cheaper choice is fine for that environment.
 */
import type { ProfileOf } from "../infra/schema";
import type { Sections, stack } from "../infra/sections";

export type { EnvironmentName } from "../infra/schema";

export type EnvironmentProfile = ProfileOf<typeof stack> & { [K in keyof Sections]: ProfileOf<Sections[K]> };
