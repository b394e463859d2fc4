import { resourcePolicy } from "../../lib/policy";
import { get, isUnknown } from "../../lib/props";
import { BUCKET_VERSIONING } from "../../lib/types";

export const s3VersioningEnabled = resourcePolicy({
  name: "aws-s3-bucket-versioning-require-enabled",
  description: "Bucket versioning is Enabled, so overwritten or deleted objects can be recovered.",
  severity: "medium",
  topic: "data-protection",
  category: "availability",
  controls: {
    none: "No benchmark control id for this rule could be confirmed against a public source (docs/policies.md, Controls).",
  },
  remediationSteps: 'Set versioningConfiguration.status to "Enabled" and expire noncurrent versions with a lifecycle rule.',
  types: BUCKET_VERSIONING,
  validate: (r) => {
    const v = get(r.props, "versioningConfiguration.status");
    if (isUnknown(v)) return r.undecided("versioningConfiguration.status", v);
    if (v !== "Enabled") r.report(`Versioning status is ${String(v)}; set it to Enabled.`);
  },
});
