import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { credentialsOf, kubeGet } from "./kube-read";
import { RolloutObject, waitForRollout } from "./rollout-status";

/** What the gate waits on: one Rollout, at one revision of its spec. */
export interface RolloutGateInputs {
  kubeconfig: string;
  namespace: string;
  name: string;
  /** Hash of the Rollout's spec: a new hash is a new rollout to wait for. */
  revision: string;
  timeoutSeconds: number;
  pollSeconds: number;
}

/** Reads the Rollout from the cluster until it is Healthy; rejects with Argo Rollouts' reason when it aborts. */
export async function awaitRollout(inputs: RolloutGateInputs): Promise<void> {
  const creds = credentialsOf(inputs.kubeconfig);
  const path = `/apis/argoproj.io/v1alpha1/namespaces/${inputs.namespace}/rollouts/${inputs.name}`;
  await waitForRollout(() => kubeGet(creds, path) as Promise<RolloutObject>, `${inputs.namespace}/${inputs.name}`, {
    timeoutSeconds: inputs.timeoutSeconds,
    pollSeconds: inputs.pollSeconds,
    log: (m) => console.log(m),
  });
}

const outputsOf = (i: RolloutGateInputs) => ({ namespace: i.namespace, name: i.name, revision: i.revision, phase: "Healthy" });

/**
 * The dynamic provider: create and update wait for the rollout; a changed revision is an update
 * (wait again), a changed name a replacement. The kubeconfig is not an output.
 */
export const rolloutGateProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs: RolloutGateInputs) {
    await awaitRollout(inputs);
    return { id: `${inputs.namespace}/${inputs.name}`, outs: outputsOf(inputs) };
  },
  async update(_id: string, _olds: RolloutGateInputs, news: RolloutGateInputs) {
    await awaitRollout(news);
    return { outs: outputsOf(news) };
  },
  async diff(_id: string, olds: RolloutGateInputs, news: RolloutGateInputs) {
    const replaces = (["namespace", "name"] as const).filter((k) => olds[k] !== news[k]);
    const changed = replaces.length > 0 || olds.revision !== news.revision || olds.timeoutSeconds !== news.timeoutSeconds;
    return { changes: changed, replaces, deleteBeforeReplace: false };
  },
};

/** A stable hash of the Rollout's spec (the gate's revision). */
export function specRevision(spec: unknown): string {
  return createHash("sha256").update(JSON.stringify(spec)).digest("hex").slice(0, 16);
}

export interface RolloutGateArgs {
  kubeconfig: pulumi.Input<string>;
  namespace: pulumi.Input<string>;
  name: pulumi.Input<string>;
  revision: pulumi.Input<string>;
  timeoutSeconds: number;
  pollSeconds?: number;
}

/**
 * Makes `pulumi up` wait for a Rollout and fail with the analysis result when Argo Rollouts
 * aborts it. The Kubernetes provider's `pulumi.com/waitFor` cannot do this: its conditions only
 * say "satisfied or not yet", and a condition that never holds ends only at the timeout, as
 * "timed out waiting for the condition" (pulumi/pulumi-kubernetes
 * provider/pkg/await/internal/awaiter.go, provider/pkg/metadata/overrides.go).
 */
export class RolloutGate extends pulumi.dynamic.Resource {
  declare readonly phase: pulumi.Output<string>;
  declare readonly revision: pulumi.Output<string>;

  constructor(name: string, args: RolloutGateArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      rolloutGateProvider,
      name,
      { ...args, kubeconfig: pulumi.secret(args.kubeconfig), pollSeconds: args.pollSeconds ?? 10, phase: undefined },
      opts,
      "b2b",
      "RolloutGate",
    );
  }
}
