import { failureAction, KYVERNO_POLICIES, verifyImagesEntries } from "../../lib/kyverno";
import { resourcePolicy } from "../../lib/policy";
import { get, isUnknown } from "../../lib/props";

interface Config {
  auditAllowed: boolean;
}

export const kyvernoEnforceAction = resourcePolicy<Config>({
  name: "kubernetes-kyverno-cluster-policy-require-enforce-action",
  description:
    "Kyverno verifyImages rules refuse unverified images (failureAction Enforce, webhook failurePolicy Fail) unless the stack allows Audit.",
  severity: "high",
  topic: "supply-chain",
  category: "security",
  controls: {
    none: "No benchmark control id for this rule could be confirmed against a public source (docs/policies.md, Controls).",
  },
  remediationSteps:
    "Set verifyImages[].failureAction: Enforce and webhookConfiguration.failurePolicy: Fail; in a stack that only reports (dev), set this policy's auditAllowed: true in its pack config.",
  config: {
    auditAllowed: {
      type: "boolean",
      default: false,
      description: "Audit (report, admit) is acceptable in this stack, e.g. dev while images are being onboarded.",
    },
  },
  types: KYVERNO_POLICIES,
  validate: (r) => {
    if (r.config.auditAllowed) return;
    const entries = verifyImagesEntries(r.props);
    if (!Array.isArray(entries)) return r.undecided(entries.unknownAt, entries.value);
    if (entries.length === 0) return;
    for (const { where, entry } of entries) {
      const action = failureAction(r.props, entry);
      if (isUnknown(action)) r.undecided(`${where}.failureAction`, action);
      else if (action !== "Enforce")
        r.report(`${where}: failureAction is ${String(action)}, so unverified images are admitted. Set Enforce.`);
    }
    // Namespaced overrides (deprecated) can turn Enforce back into Audit for some namespaces.
    const overrides = get(r.props, "spec.validationFailureActionOverrides");
    if (isUnknown(overrides)) r.undecided("spec.validationFailureActionOverrides", overrides);
    else if (Array.isArray(overrides) && overrides.some((o) => /^audit$/i.test(String((o as { action?: unknown }).action))))
      r.report("spec.validationFailureActionOverrides sets Audit for some namespaces. Remove the override.");
    // Fail closed: while Kyverno is unavailable the API server must refuse, not admit, pods.
    const fp = get(r.props, "spec.webhookConfiguration.failurePolicy") ?? get(r.props, "spec.failurePolicy");
    if (isUnknown(fp)) r.undecided("spec.webhookConfiguration.failurePolicy", fp);
    else if (fp === "Ignore")
      r.report("webhookConfiguration.failurePolicy is Ignore: pods are admitted unverified while Kyverno is down. Set Fail.");
  },
});
