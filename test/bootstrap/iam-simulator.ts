/**
 * AWS IAM policy evaluation by @cloud-copilot/iam-simulate (its core engine, with the real
 * condition operators, explicit-deny and resource-policy rules). The package's public entry points
 * drop context keys its catalogue does not associate with the action, which includes GitHub's
 * `token.actions.githubusercontent.com:sub` and `:aud`; its unsafe entry point loads a resource
 * policy without the name the engine needs. So this calls `authorize` the way that entry point does,
 * with the policies named.
 */
import * as path from "node:path";
import { loadPolicy } from "@cloud-copilot/iam-policy";

const DIST = path.join(__dirname, "..", "..", "node_modules", "@cloud-copilot", "iam-simulate", "dist", "cjs");
/* eslint-disable @typescript-eslint/no-explicit-any -- internal modules of the simulator, untyped here */
const { authorize } = require(path.join(DIST, "core_engine", "CoreSimulatorEngine.js")) as { authorize: (x: any) => any };
const { RequestContextImpl } = require(path.join(DIST, "requestContext.js")) as { RequestContextImpl: new (c: object) => any };
const { AwsRequestImpl } = require(path.join(DIST, "request", "request.js")) as { AwsRequestImpl: new (...a: any[]) => any };
const { DiscoveryContextKeyConstraints } = require(path.join(DIST, "context_keys", "discoveryContextKeyConstraints.js")) as {
  DiscoveryContextKeyConstraints: new (c: unknown[]) => any;
};
/* eslint-enable @typescript-eslint/no-explicit-any */

export type Decision = "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied" | string;

export interface Request {
  principal: string;
  action: string;
  resource: string;
  accountId: string;
  context?: Record<string, string | string[]>;
  identityPolicies?: unknown[];
  resourcePolicy?: unknown;
}

export function evaluate(r: Request): Decision {
  const request = new AwsRequestImpl(
    r.principal,
    { resource: r.resource, accountId: r.accountId },
    r.action,
    new RequestContextImpl(r.context ?? {}),
  );
  const analysis = authorize({
    request,
    sessionPolicy: undefined,
    identityPolicies: (r.identityPolicies ?? []).map((p, i) => loadPolicy(p, { name: `identity-${i}` })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: r.resourcePolicy ? loadPolicy(r.resourcePolicy, { name: "resource" }) : undefined,
    permissionBoundaries: undefined,
    vpcEndpointPolicies: undefined,
    simulationParameters: { simulationMode: "Strict", discoveryContextKeyConstraints: new DiscoveryContextKeyConstraints([]) },
    serviceSettings: { s3: {} },
  });
  return analysis.result;
}
