/**
 * Plain-text credentials in configuration that AWS stores readable to anyone who can describe
 * the resource (Lambda environment variables, EC2 user data). Patterns: AWS access key ids, PEM
 * private keys, and variables named like a secret that hold a literal value.
 */
const VALUE_PATTERNS: readonly [RegExp, string][] = [
  [/\b(AKIA|ASIA)[0-9A-Z]{16}\b/, "an AWS access key id"],
  [/-----BEGIN (RSA |EC |OPENSSH |DSA )?PRIVATE KEY-----/, "a private key"],
  [/\bgh[pousr]_[A-Za-z0-9]{36}\b/, "a GitHub token"],
  [/\bxox[abpr]-[A-Za-z0-9-]{10,}/, "a Slack token"],
];
const SECRET_NAME = /(pass(word|wd)?|secret|token|api[_-]?key|private[_-]?key|credential)s?$/i;
/** A value that names where the secret lives rather than holding it (an ARN, a dynamic reference, a shell expansion). */
const REFERENCE = /^(arn:aws[a-z-]*:(secretsmanager|ssm|kms):|\{\{resolve:|\$[{(A-Za-z_])/;

/** What kind of secret `value` looks like (named `name`), or undefined. */
export function looksLikeSecret(name: string, value: unknown): string | undefined {
  // A number or boolean set in a variable named like a secret is a literal secret too.
  if (value === undefined || value === null || value === "") return undefined;
  const text = String(value);
  for (const [re, what] of VALUE_PATTERNS) if (re.test(text)) return what;
  if (SECRET_NAME.test(name) && !REFERENCE.test(text)) return "a literal value in a variable named like a secret";
  return undefined;
}
