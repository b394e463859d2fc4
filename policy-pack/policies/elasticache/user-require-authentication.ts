import { resourcePolicy } from "../../lib/policy";
import { get, isTrue, isUnknown } from "../../lib/props";

export const elasticacheUserRequireAuthentication = resourcePolicy({
  name: "aws-elasticache-user-require-authentication",
  description: 'ElastiCache RBAC users authenticate (password or IAM): no user with "no-password-required".',
  severity: "high",
  topic: "least-privilege",
  category: "security",
  controls: ["FSBP:ElastiCache.6"],
  remediationSteps:
    'Set authenticationMode { type: "iam" } (or "password" with passwords from a secret); disable the default user.',
  types: ["aws:elasticache/user:User"],
  validate: (r) => {
    const mode = get(r.props, "authenticationMode.type");
    if (isUnknown(mode)) return r.undecided("authenticationMode.type", mode);
    if (mode === "no-password-required" || (mode === undefined && isTrue(r.props.noPasswordRequired)))
      r.report(
        `User ${String(r.props.userName)} needs no password: anyone reaching the cache logs in as it. Use IAM or password authentication.`,
      );
  },
});
