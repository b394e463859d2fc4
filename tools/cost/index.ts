/**
 * `npm run plan -- --stack <s> --cost`: the plan's hook into the cost estimate. Reads the stack's
 * validated config (region, `cost` section) and prices the planned resources.
 */
import { loadConfig } from "../../infra/config";
import { readStackConfig } from "../harness";
import { CostEstimate, CostResource, estimateCost } from "./estimate";

export type { CostEstimate } from "./estimate";
export { renderCostMarkdown, renderCostText } from "./render";

/** The estimate of a planned stack, with the config the plan ran with (stack file plus overrides). */
export function estimatePlan(
  plan: { project: string; stack: string; resources: CostResource[] },
  options: { stackFile?: string; config?: Record<string, string | undefined> } = {},
): CostEstimate {
  const raw = readStackConfig(plan.stack, options.stackFile);
  for (const [key, value] of Object.entries(options.config ?? {})) {
    const full = key.includes(":") ? key : `${plan.project}:${key}`;
    if (value === undefined) delete raw[full];
    else raw[full] = value;
  }
  const config = loadConfig(plan.project, plan.stack, raw);
  return estimateCost(plan.resources, { region: config.region, cost: config.cost });
}
