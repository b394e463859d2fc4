import { requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const efsAccessPointRequirePosixUser = resourcePolicy({
  name: "aws-efs-access-point-require-posix-user",
  description: "EFS access points enforce a POSIX user, and not root (uid 0).",
  severity: "medium",
  topic: "least-privilege",
  category: "security",
  controls: ["FSBP:EFS.4"],
  remediationSteps: "Set posixUser { uid, gid } to the application user (not 0).",
  types: ["aws:efs/accessPoint:AccessPoint"],
  validate: (r) => {
    requireThat(
      r,
      "posixUser.uid",
      (v) => v !== undefined && v !== null && Number(v) !== 0,
      (v) =>
        v === undefined
          ? "No posixUser: clients act with their own uid (root included). Enforce one."
          : "posixUser.uid is 0: every client acts as root. Use the application uid.",
    );
  },
});
