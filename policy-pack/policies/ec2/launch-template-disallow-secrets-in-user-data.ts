import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";
import { looksLikeSecret } from "../../lib/secrets";

export const ec2LaunchTemplateDisallowSecretsInUserData = resourcePolicy({
  name: "aws-ec2-launch-template-disallow-secrets-in-user-data",
  description:
    "User data holds no credentials (AWS keys, private keys, tokens): anyone allowed to describe the instance attribute reads it.",
  severity: "critical",
  topic: "encryption",
  category: "security",
  controls: { none: "Security Hub has no user-data secrets control; the rule follows checkov CKV_AWS_46." },
  remediationSteps: "Fetch the secret at boot from Secrets Manager or SSM Parameter Store with the instance role.",
  types: ["aws:ec2/launchTemplate:LaunchTemplate", "aws:ec2/instance:Instance"],
  validate: (r) => {
    const raw = r.props.userData ?? r.props.userDataBase64;
    if (isUnknown(raw)) return r.undecided("userData", raw);
    if (typeof raw !== "string") return;
    const decoded = /^[A-Za-z0-9+/=\s]+$/.test(raw) ? Buffer.from(raw, "base64").toString("utf8") : raw;
    for (const text of [raw, decoded]) {
      for (const m of text.matchAll(/^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=["']?([^"'\s]+)/gm)) {
        const what = looksLikeSecret(m[1], m[2]);
        if (what) return r.report(`User data sets ${m[1]} to ${what}. Fetch secrets at boot instead.`);
      }
      const what = looksLikeSecret("", text);
      if (what) return r.report(`User data contains ${what}. Fetch secrets at boot instead.`);
    }
  },
});
