import { KYVERNO_POLICIES, verifyImagesEntries } from "../../lib/kyverno";
import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";

/**
 * A verified tag can be re-pointed after admission unless the pod runs the digest that was
 * verified: `mutateDigest` rewrites the tag to it, `verifyDigest` refuses images not given by
 * digest, `required` refuses images without a verification result (Kyverno docs, "Verify Images
 * Rules"; each defaults to true in the CRD, so only an explicit false is reported).
 */
const FLAGS = ["mutateDigest", "verifyDigest", "required"] as const;

export const kyvernoDigestVerification = resourcePolicy({
  name: "kubernetes-kyverno-cluster-policy-require-digest-verification",
  description: "Kyverno verifyImages rules pin the verified digest: mutateDigest, verifyDigest and required are not turned off.",
  severity: "high",
  topic: "supply-chain",
  category: "security",
  controls: {
    none: "No benchmark control id for this rule could be confirmed against a public source (docs/policies.md, Controls).",
  },
  remediationSteps: "Set mutateDigest: true, verifyDigest: true and required: true (or leave them unset: true is the default).",
  types: KYVERNO_POLICIES,
  validate: (r) => {
    const entries = verifyImagesEntries(r.props);
    if (!Array.isArray(entries)) return r.undecided(entries.unknownAt, entries.value);
    for (const { where, entry } of entries) {
      for (const flag of FLAGS) {
        const v = entry[flag];
        if (isUnknown(v)) r.undecided(`${where}.${flag}`, v);
        else if (v === false || v === "false")
          r.report(`${where}: ${flag} is false; set it true so the pod runs the verified digest.`);
      }
    }
  },
});
