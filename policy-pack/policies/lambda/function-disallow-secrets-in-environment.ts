import { resourcePolicy } from "../../lib/policy";
import { get, isUnknown } from "../../lib/props";
import { looksLikeSecret } from "../../lib/secrets";

export const lambdaFunctionDisallowSecretsInEnvironment = resourcePolicy({
  name: "aws-lambda-function-disallow-secrets-in-environment",
  description:
    "Lambda environment variables hold no credentials (access keys, private keys, tokens, literal passwords): anyone allowed lambda:GetFunctionConfiguration reads them.",
  severity: "critical",
  topic: "encryption",
  category: "security",
  controls: { none: "Security Hub has no control for secrets in Lambda environments; the rule follows checkov CKV_AWS_45." },
  remediationSteps:
    "Keep the secret in Secrets Manager and pass its ARN (read it at start-up), or use the Parameters and Secrets Lambda extension.",
  types: ["aws:lambda/function:Function"],
  validate: (r) => {
    const vars = get(r.props, "environment.variables");
    if (isUnknown(vars)) return r.undecided("environment.variables", vars);
    for (const [k, v] of Object.entries((vars ?? {}) as Record<string, unknown>)) {
      const what = looksLikeSecret(k, v);
      if (what) r.report(`Environment variable ${k} holds ${what}. Read it from Secrets Manager instead.`);
    }
  },
});
