import * as aws from "@pulumi/aws";

type Rule = aws.types.input.wafv2.WebAclRule;

/**
 * Request body sizes at the edge.
 *
 * `AWSManagedRulesCommonRuleSet` blocks request bodies over 8 KB (rule `SizeRestrictions_BODY`,
 * WAF developer guide, "Core rule set (CRS) managed rule group"): right for storefront forms, wrong
 * for B2B orders and bulk API calls. So that one rule is set to count in both ACLs and re-applied
 * to every request except the API's, and the API gets its own limit (`edge.apiMaxRequestBodyKiB`).
 *
 * Body inspection limits: an ALB forwards at most the first 8 KB of a body to WAF (fixed for
 * Application Load Balancers); CloudFront forwards 16 KB by default and up to 64 KB for a fee
 * (WAF guide, "Body inspection size limits"). Neither can see a 1 MB body, so the API's limit is
 * checked on its `Content-Length` header; the API service enforces the same limit on the bytes it
 * reads (chunked requests carry no Content-Length).
 */

/** The label the CRS rule adds even when counted (WAF guide, CRS rule labels). */
export const CRS_BODY_SIZE_LABEL = "awswaf:managed:aws:core-rule-set:SizeRestrictions_Body";
/** The CRS rule that blocks bodies over 8 KB. */
export const CRS_BODY_SIZE_RULE = "SizeRestrictions_BODY";
/** Label our `api-request` rule adds to API requests (matched by name in the same ACL). */
export const API_REQUEST_LABEL = "api-request";
/** The CloudFront body inspection size: the included 16 KB (more costs extra and the API limit does not use it). */
export const CLOUDFRONT_BODY_INSPECTION_LIMIT = "KB_16";

/**
 * A regular expression that matches exactly the decimal integers greater than `n` (no leading
 * zeros, as HTTP's Content-Length is written): longer numbers, or same length and larger at the
 * first digit that differs.
 */
export function greaterThanPattern(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`greaterThanPattern: ${n} is not a non-negative integer`);
  const digits = String(n);
  const alternatives = [`[1-9][0-9]{${digits.length},}`];
  for (let i = 0; i < digits.length; i++) {
    const d = Number(digits[i]);
    if (d === 9) continue;
    const low = i === 0 ? Math.max(d + 1, 1) : d + 1;
    const rest = digits.length - i - 1;
    alternatives.push(`${digits.slice(0, i)}[${low}-9]${rest > 0 ? `[0-9]{${rest}}` : ""}`);
  }
  return `^(${alternatives.join("|")})$`;
}

export interface ApiRequestMatch {
  /** Host of direct API clients (REGIONAL ACL, in front of the ALB); unset: path only. */
  host?: string;
  /** Path prefix of the API through the storefront host (`/api/`). */
  pathPrefix: string;
}

const exact = (
  value: string,
  field: aws.types.input.wafv2.WebAclRuleStatementByteMatchStatementFieldToMatch,
  constraint: string,
) => ({
  byteMatchStatement: {
    fieldToMatch: field,
    positionalConstraint: constraint,
    searchString: value,
    textTransformations: [{ priority: 0, type: constraint === "EXACTLY" ? "LOWERCASE" : "NONE" }],
  },
});

/**
 * The rules of one ACL around request body size, with their priorities: `api-request` labels API
 * requests (count), `api-body-size` blocks API requests declaring a body over the limit (both run
 * before the managed groups), `body-size-non-api` blocks the rest over 8 KB (after them).
 */
export function bodySizeRules(
  api: ApiRequestMatch,
  maxBodyBytes: number,
  metric: (rule: string) => aws.types.input.wafv2.WebAclRuleVisibilityConfig,
): { beforeManaged: Rule[]; afterManaged: Rule[] } {
  const byPath = exact(api.pathPrefix, { uriPath: {} }, "STARTS_WITH");
  const isApi = api.host
    ? { orStatement: { statements: [exact(api.host, { singleHeader: { name: "host" } }, "EXACTLY"), byPath] } }
    : byPath;
  const labelled = (key: string) => ({ labelMatchStatement: { scope: "LABEL", key } });
  return {
    beforeManaged: [
      {
        name: "api-request",
        priority: 2,
        action: { count: {} },
        ruleLabels: [{ name: API_REQUEST_LABEL }],
        statement: isApi,
        visibilityConfig: metric("api-request"),
      },
      {
        name: "api-body-size",
        priority: 3,
        action: { block: {} },
        statement: {
          andStatement: {
            statements: [
              labelled(API_REQUEST_LABEL),
              {
                regexMatchStatement: {
                  fieldToMatch: { singleHeader: { name: "content-length" } },
                  regexString: greaterThanPattern(maxBodyBytes),
                  textTransformations: [{ priority: 0, type: "NONE" }],
                },
              },
            ],
          },
        },
        visibilityConfig: metric("api-body-size"),
      },
    ],
    afterManaged: [
      {
        name: "body-size-non-api",
        priority: 40,
        action: { block: {} },
        statement: {
          andStatement: {
            statements: [labelled(CRS_BODY_SIZE_LABEL), { notStatement: { statement: labelled(API_REQUEST_LABEL) } }],
          },
        },
        visibilityConfig: metric("body-size-non-api"),
      },
    ],
  };
}
