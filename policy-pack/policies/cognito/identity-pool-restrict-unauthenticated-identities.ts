import { resourcePolicy } from "../../lib/policy";
import { isTrue, isUnknown } from "../../lib/props";

interface Config {
  guestPools: string[];
}

export const cognitoIdentityPoolRestrictUnauthenticatedIdentities = resourcePolicy<Config>({
  name: "aws-cognito-identity-pool-restrict-unauthenticated-identities",
  description:
    "Cognito identity pools allow unauthenticated (guest) identities only where the configured pools need them, such as a CloudWatch RUM web client.",
  severity: "medium",
  topic: "least-privilege",
  category: "security",
  controls: {
    none: "No benchmark control id for this rule could be confirmed against a public source (docs/policies.md, Controls).",
  },
  remediationSteps:
    "Set allowUnauthenticatedIdentities: false, or list the pool in guestPools when guests are the design (CloudWatch RUM) and its unauthenticated role allows only rum:PutRumEvents on the app monitor.",
  config: {
    guestPools: {
      type: "array",
      items: { type: "string" },
      default: [],
      description: "identityPoolName values that may allow unauthenticated identities (e.g. the RUM pool).",
    },
  },
  types: ["aws:cognito/identityPool:IdentityPool"],
  validate: (r) => {
    const guests = r.props.allowUnauthenticatedIdentities;
    if (isUnknown(guests)) return r.undecided("allowUnauthenticatedIdentities", guests);
    if (!isTrue(guests)) return;
    const name = r.props.identityPoolName;
    if (isUnknown(name)) return r.undecided("identityPoolName", name);
    if (!r.config.guestPools.includes(String(name)))
      r.report(
        `Pool ${String(name)} allows unauthenticated identities. Turn it off, or list it in guestPools if guests are intended.`,
      );
  },
});
