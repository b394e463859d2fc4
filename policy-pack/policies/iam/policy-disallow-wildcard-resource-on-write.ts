import { mutatingOnAllResources, sample } from "../../lib/iam/analyze";
import { isTagScoped } from "../../lib/iam/document";
import { analyzedIdentityDocuments, IDENTITY_DOC_TYPES } from "../../lib/iam/documents";
import { resourcePolicy } from "../../lib/policy";

interface Config {
  allowedActions: string[];
  allowTagScoped: boolean;
}

export const iamNoWildcardResourceOnWrite = resourcePolicy<Config>({
  name: "aws-iam-policy-disallow-wildcard-resource-on-write",
  description:
    'Mutating actions (Write, Permissions management, Tagging) are not allowed on Resource "*", except actions AWS cannot scope to a resource, actions limited by one of their own condition keys, and tag-scoped (ABAC) statements.',
  severity: "high",
  topic: "least-privilege",
  category: "security",
  controls: ["PCI-DSS-4.0.1:7.2.2"],
  remediationSteps:
    "Scope the statement's Resource to the ARNs the workload changes. Actions with no resource-level scoping (per the catalogue) are exempt; list others in `allowedActions` only with a reason.",
  config: {
    allowedActions: {
      type: "array",
      items: { type: "string" },
      default: [],
      description:
        'Extra actions allowed on "*" (documented exceptions, e.g. for controllers that create resources with unknown ARNs).',
    },
    allowTagScoped: {
      type: "boolean",
      default: true,
      description: 'Accept "*" when the statement is scoped by aws:ResourceTag / aws:RequestTag conditions (ABAC).',
    },
  },
  types: IDENTITY_DOC_TYPES,
  validate: async (r) => {
    const allowed = new Set(r.config.allowedActions.map((a) => a.toLowerCase()));
    for (const { path, statements } of await analyzedIdentityDocuments(r)) {
      for (const s of statements) {
        if (r.config.allowTagScoped && isTagScoped(s.statement)) continue;
        const actions = mutatingOnAllResources(s).filter((x) => !allowed.has(x.toLowerCase()));
        if (actions.length > 0) {
          r.report(
            `${path} statement ${s.statement.sid ?? "(no Sid)"} allows mutating actions on every resource: ${sample(actions)}. Scope Resource to ARNs.`,
          );
        }
      }
    }
  },
});
