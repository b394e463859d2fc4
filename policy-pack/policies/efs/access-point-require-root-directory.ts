import { requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const efsAccessPointRequireRootDirectory = resourcePolicy({
  name: "aws-efs-access-point-require-root-directory",
  description: "EFS access points confine clients to a directory below the root.",
  severity: "medium",
  topic: "least-privilege",
  category: "security",
  controls: ["FSBP:EFS.3"],
  remediationSteps: 'Set rootDirectory { path: "/<app>" } (with creationInfo so EFS creates it with the right owner).',
  types: ["aws:efs/accessPoint:AccessPoint"],
  validate: (r) => {
    requireThat(
      r,
      "rootDirectory.path",
      (v) => typeof v === "string" && v !== "/" && v !== "",
      (v) =>
        `rootDirectory.path is ${String(v ?? "unset (/)")}: clients see the whole file system. Confine them to a subdirectory.`,
    );
  },
});
