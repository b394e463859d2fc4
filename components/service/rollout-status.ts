/**
 * Reads an Argo Rollouts `Rollout` (argoproj.io/v1alpha1) the way `kubectl argo rollouts status`
 * does, and decides whether `pulumi up` may go on. Field names and messages are those of Argo
 * Rollouts v1.9 (the app version of chart 2.41.0), from its source:
 * - `utils/rollout/rolloututil.go` GetRolloutPhase: the phase counts only once
 *   `status.observedGeneration` (a string) equals `metadata.generation`, and not while unpausing;
 * - `rollout/sync.go`: an abort sets the Progressing condition to reason `RolloutAborted` with
 *   "Rollout aborted update to revision N: <abort message>", and the phase to `Degraded` with
 *   `status.message` "RolloutAborted: <that message>";
 * - `rollout/analysis.go`: a failed analysis aborts with "Background analysis phase error/failed:
 *   <AnalysisRun message>" (canary) or "Blue/green pre-promotion analysis phase error/failed: ...";
 * - `analysis/analysis.go`: the AnalysisRun message names the metric, e.g. `Metric "error-ratio"
 *   assessed Failed due to failed (3) > failureLimit (2)`.
 * So `status.message` of a Degraded rollout carries the analysis result.
 */

/** The parts of a Rollout this reads (everything else is ignored). */
export interface RolloutObject {
  metadata?: { name?: string; namespace?: string; generation?: number };
  spec?: { paused?: boolean };
  status?: {
    observedGeneration?: string;
    phase?: string;
    message?: string;
    abort?: boolean;
    controllerPause?: boolean;
    pauseConditions?: { reason?: string }[];
    currentStepIndex?: number;
    stableRS?: string;
    currentPodHash?: string;
    canary?: {
      currentBackgroundAnalysisRunStatus?: AnalysisRunStatus;
      currentStepAnalysisRunStatus?: AnalysisRunStatus;
    };
    blueGreen?: { prePromotionAnalysisRunStatus?: AnalysisRunStatus; postPromotionAnalysisRunStatus?: AnalysisRunStatus };
  };
}

interface AnalysisRunStatus {
  name?: string;
  status?: string;
  message?: string;
}

export type Verdict = { state: "healthy" } | { state: "progressing"; message: string } | { state: "failed"; message: string };

const FAILED_ANALYSIS = ["Failed", "Error"];

/** The analysis runs the status names that ended Failed or Error, as `name (status): message`. */
function failedAnalysisRuns(status: NonNullable<RolloutObject["status"]>): string[] {
  const runs = [
    status.canary?.currentBackgroundAnalysisRunStatus,
    status.canary?.currentStepAnalysisRunStatus,
    status.blueGreen?.prePromotionAnalysisRunStatus,
    status.blueGreen?.postPromotionAnalysisRunStatus,
  ];
  return runs
    .filter((r): r is AnalysisRunStatus => Boolean(r && FAILED_ANALYSIS.includes(r.status ?? "")))
    .map((r) => `AnalysisRun ${r.name ?? "?"} (${r.status}${r.message ? `: ${r.message}` : ""})`);
}

/** Where one rollout stands: done, still moving, or failed with the reason Argo Rollouts recorded. */
export function rolloutVerdict(rollout: RolloutObject): Verdict {
  const status = rollout.status ?? {};
  const generation = rollout.metadata?.generation;
  const observed = Number(status.observedGeneration);
  // Argo Rollouts' own rule: a numeric observedGeneration below the generation is a stale status.
  if (generation !== undefined && Number.isInteger(observed) && observed < generation)
    return { state: "progressing", message: "waiting for rollout spec update to be observed" };
  if (status.controllerPause && (status.pauseConditions ?? []).length === 0)
    return { state: "progressing", message: "waiting for rollout to unpause" };
  if (status.phase === "Degraded" || status.abort) {
    const analysis = failedAnalysisRuns(status);
    const what = status.message ?? (status.abort ? "aborted" : "Degraded");
    return { state: "failed", message: [what, ...analysis].join("; ") };
  }
  if (status.phase === "Healthy") return { state: "healthy" };
  return { state: "progressing", message: `${status.phase ?? "no phase yet"}${status.message ? `: ${status.message}` : ""}` };
}

export interface WaitOptions {
  timeoutSeconds: number;
  pollSeconds: number;
  /** Injected for tests; real time by default. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  log?: (message: string) => void;
}

/**
 * Polls until the rollout is Healthy (resolves) or Degraded/aborted (rejects at once with the
 * recorded reason), or the timeout passes (rejects with the last state). A read that fails (API
 * server restarting, token refresh) is retried until the timeout.
 */
export async function waitForRollout(read: () => Promise<RolloutObject>, id: string, o: WaitOptions): Promise<void> {
  const now = o.now ?? Date.now;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deadline = now() + o.timeoutSeconds * 1000;
  let last = "not read yet";
  for (;;) {
    // Only the read is retried; a verdict is final. (No Error subclass here: Pulumi serializes
    // this function into the dynamic provider, and a serialized subclass loses its message.)
    let rollout: RolloutObject | undefined;
    try {
      rollout = await read();
    } catch (e) {
      last = `reading the rollout failed: ${(e as Error).message}`;
    }
    if (rollout) {
      const verdict = rolloutVerdict(rollout);
      if (verdict.state === "healthy") return;
      const [ns, name] = id.split("/");
      if (verdict.state === "failed")
        throw new Error(
          `Rollout ${id} failed: ${verdict.message}. Traffic is back on the stable revision; see \`kubectl argo rollouts get rollout ${name} -n ${ns}\`, then revert the image digest.`,
        );
      if (verdict.message !== last) o.log?.(`Rollout ${id}: ${verdict.message}`);
      last = verdict.message;
    }
    if (now() >= deadline) throw new Error(`Rollout ${id} did not become Healthy within ${o.timeoutSeconds} s (last: ${last}).`);
    await sleep(o.pollSeconds * 1000);
  }
}
