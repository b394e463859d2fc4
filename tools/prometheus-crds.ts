/**
 * The CRD step of a kube-prometheus-stack upgrade (Helm installs CRDs once and never upgrades
 * them). Prints the `kubectl apply --server-side` commands for the prometheus-operator version of
 * the pinned chart (components/observability/versions.ts); with `--apply`, runs them against the
 * current kubectl context. Run it BEFORE `pulumi up` of a new chart version:
 *
 *   npm run crds:prometheus            # show the commands
 *   npm run crds:prometheus -- --apply # apply them
 */
import { spawnSync } from "node:child_process";
import {
  KUBE_PROMETHEUS_STACK,
  PROMETHEUS_OPERATOR_VERSION,
  prometheusCrdUpgradeCommands,
} from "../components/observability/versions";

const apply = process.argv.includes("--apply");
console.log(
  `# kube-prometheus-stack ${KUBE_PROMETHEUS_STACK.version} -> prometheus-operator ${PROMETHEUS_OPERATOR_VERSION} CRDs`,
);
for (const command of prometheusCrdUpgradeCommands()) {
  console.log(command);
  if (!apply) continue;
  const [bin, ...args] = command.split(" ");
  const result = spawnSync(bin, args, { stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`failed: ${command}`);
    process.exit(result.status ?? 1);
  }
}
