/** `standalone`: this account runs its own detective controls. `member`: an AWS Organization's delegated administrator runs them. */
export type SecurityMode = "standalone" | "member";

/** `remediate`: the automated first responses act, then report. `notify-only`: they report what they would do. */
export type ResponseMode = "remediate" | "notify-only";

/** Each account-level service can be switched off on its own. */
export interface SecurityServices {
  cloudTrail: boolean;
  guardDuty: boolean;
  securityHub: boolean;
  config: boolean;
  inspector: boolean;
  accessAnalyzer: boolean;
}

export const SECURITY_SERVICES: readonly (keyof SecurityServices)[] = [
  "cloudTrail",
  "guardDuty",
  "securityHub",
  "config",
  "inspector",
  "accessAnalyzer",
];

/**
 * Services an organisation runs centrally: the organisation trail, the GuardDuty and Security Hub
 * delegated administrators (one detector and one hub per account and region; central
 * configuration takes ownership of members' standards), the Config recorder (one per region,
 * usually deployed by Control Tower or StackSets) and Inspector's delegated administrator.
 * IAM Access Analyzer is not among them: account analyzers coexist with organisation analyzers.
 */
export const ORGANIZATION_OWNED_SERVICES: readonly (keyof SecurityServices)[] = [
  "cloudTrail",
  "guardDuty",
  "securityHub",
  "config",
  "inspector",
];
