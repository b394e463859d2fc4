/**
 * The Web ACLs' rule logic, evaluated on requests as WAF evaluates them (WAF developer guide, "How
 * AWS WAF processes a web ACL": rules by priority, a Block or Allow ends evaluation, Count adds the
 * rule's labels and goes on; label match statements see the labels of earlier rules). The model
 * covers the statements the program uses; of the managed groups it models the one rule a benign
 * request can trip on size, `AWSManagedRulesCommonRuleSet`'s `SizeRestrictions_BODY` (body over
 * 8 KB; with an ALB's 8 KB inspection limit an oversize body counts as over).
 */
import { strict as assert } from "node:assert";
import { API_REQUEST_LABEL, CRS_BODY_SIZE_LABEL, greaterThanPattern } from "../../components/edge/waf-body-size";
import { RegisteredResource, StackRun } from "../../tools/harness";
import { STACKS, stackRun } from "../support/stacks";
import { profiles } from "../../stacks";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Request {
  host: string;
  path: string;
  method: string;
  headers: Record<string, string>;
  bodyBytes: number;
}

interface Verdict {
  action: "ALLOW" | "BLOCK";
  rule?: string;
  labels: string[];
}

const CRS_BODY_LIMIT = 8 * 1024;

function field(req: Request, f: Json): string | undefined {
  if (f.uriPath) return req.path;
  if (f.singleHeader) return req.headers[String(f.singleHeader.name).toLowerCase()];
  throw new Error(`model: field ${JSON.stringify(f)} not modelled`);
}

function transform(value: string, ts: Json[] = []): string {
  return ts.reduce(
    (v, t) => (t.type === "LOWERCASE" ? v.toLowerCase() : t.type === "NONE" ? v : fail(`transformation ${t.type}`)),
    value,
  );
}
function fail(what: string): never {
  throw new Error(`model: ${what} not modelled`);
}

function labelMatches(labels: string[], key: string) {
  return labels.some((l) => l === key || l.endsWith(`:${key}`));
}

function matches(s: Json, req: Request, labels: string[]): boolean {
  if (s.andStatement) return s.andStatement.statements.every((x: Json) => matches(x, req, labels));
  if (s.orStatement) return s.orStatement.statements.some((x: Json) => matches(x, req, labels));
  if (s.notStatement) return !matches(s.notStatement.statement, req, labels);
  if (s.labelMatchStatement) return labelMatches(labels, s.labelMatchStatement.key);
  if (s.byteMatchStatement) {
    const b = s.byteMatchStatement;
    const v = field(req, b.fieldToMatch);
    if (v === undefined) return false;
    const t = transform(v, b.textTransformations);
    if (b.positionalConstraint === "EXACTLY") return t === b.searchString;
    if (b.positionalConstraint === "STARTS_WITH") return t.startsWith(b.searchString);
    return fail(`positional constraint ${b.positionalConstraint}`);
  }
  if (s.regexMatchStatement) {
    const v = field(req, s.regexMatchStatement.fieldToMatch);
    return (
      v !== undefined &&
      new RegExp(s.regexMatchStatement.regexString).test(transform(v, s.regexMatchStatement.textTransformations))
    );
  }
  // The client is on no block list and under the rate limit.
  if (s.ipSetReferenceStatement || s.rateBasedStatement) return false;
  return fail(`statement ${Object.keys(s).join(",")}`);
}

/** The managed groups, as far as a benign request's size goes. */
function managedGroup(s: Json, req: Request): { rule: string; label: string; action: "block" | "count" }[] {
  if (s.name !== "AWSManagedRulesCommonRuleSet" || req.bodyBytes <= CRS_BODY_LIMIT) return [];
  const override = (s.ruleActionOverrides ?? []).find((o: Json) => o.name === "SizeRestrictions_BODY");
  return [
    { rule: "SizeRestrictions_BODY", label: CRS_BODY_SIZE_LABEL, action: override?.actionToUse?.count ? "count" : "block" },
  ];
}

function evaluate(acl: Json, req: Request): Verdict {
  const labels: string[] = [];
  const rules = [...(acl.rules as Json[])].sort((a, b) => a.priority - b.priority);
  for (const rule of rules) {
    if (rule.statement.managedRuleGroupStatement) {
      for (const hit of managedGroup(rule.statement.managedRuleGroupStatement, req)) {
        labels.push(hit.label);
        if (hit.action === "block" && !rule.overrideAction?.count)
          return { action: "BLOCK", rule: `${rule.name}:${hit.rule}`, labels };
      }
      continue;
    }
    if (!matches(rule.statement, req, labels)) continue;
    for (const l of rule.ruleLabels ?? []) labels.push(`awswaf:111122223333:webacl:${acl.name}:${l.name}`);
    if (rule.action.block) return { action: "BLOCK", rule: rule.name, labels };
    if (rule.action.allow) return { action: "ALLOW", rule: rule.name, labels };
  }
  return { action: acl.defaultAction.allow ? "ALLOW" : "BLOCK", labels };
}

const post = (host: string, path: string, bodyBytes: number, contentType = "application/json"): Request => ({
  host,
  path,
  method: "POST",
  headers: { host, "content-type": contentType, "content-length": String(bodyBytes) },
  bodyBytes,
});

function acl(run: StackRun, name: string): Json {
  const found = run.resources.filter((r: RegisteredResource) => r.type === "aws:wafv2/webAcl:WebAcl" && r.name === name);
  assert.equal(found.length, 1, name);
  return found[0].inputs;
}

function hosts(run: StackRun) {
  const certs = run.resources.filter((r) => r.type === "aws:acm/certificate:Certificate");
  const alb = certs.find((c) => c.name.startsWith("alb-cert"))!.inputs;
  const cdn = certs.find((c) => c.name.startsWith("cdn-cert"))!.inputs;
  const [apiHost, originHost] = [alb.domainName as string, ...((alb.subjectAlternativeNames as string[]) ?? [])];
  return { apiHost, originHost, storefrontHost: cdn.domainName as string };
}

describe("greaterThanPattern", () => {
  it("matches exactly the integers above the limit", () => {
    for (const n of [0, 9, 10, 99, 1000, 8192, 1048576, 1999999]) {
      const re = new RegExp(greaterThanPattern(n));
      for (let k = Math.max(0, n - 1200); k <= n + 1200; k++) assert.equal(re.test(String(k)), k > n, `${k} vs ${n}`);
      for (const k of [n * 10, n * 10 + 7, 10 ** String(n).length, 123456789012])
        assert.equal(re.test(String(k)), k > n, `${k} vs ${n}`);
      assert.ok(!re.test(""), "empty");
      assert.ok(!re.test("abc"), "text");
    }
  });
});

for (const stack of STACKS) {
  describe(`WAF body size (${stack})`, () => {
    let run: StackRun;
    let regional: Json;
    let cloudfront: Json;
    let h: ReturnType<typeof hosts>;
    const limitBytes = profiles[stack].edge.apiMaxRequestBodyKiB * 1024;
    before(async () => {
      run = await stackRun(stack);
      regional = acl(run, "waf-regional");
      cloudfront = acl(run, "waf-cloudfront");
      h = hosts(run);
    });

    it("a 100 KB API call passes the regional ACL on the API host", () => {
      const v = evaluate(regional, post(h.apiHost, "/v1/orders/bulk", 100 * 1024));
      assert.equal(v.action, "ALLOW", JSON.stringify(v));
      assert.ok(labelMatches(v.labels, API_REQUEST_LABEL), "labelled as an API request");
    });

    it("a 100 KB API call through CloudFront (/api/*) passes the CloudFront ACL and then the regional ACL", () => {
      assert.equal(evaluate(cloudfront, post(h.storefrontHost, "/api/v1/orders", 100 * 1024)).action, "ALLOW");
      assert.equal(evaluate(regional, post(h.originHost, "/api/v1/orders", 100 * 1024)).action, "ALLOW");
    });

    it("a storefront form over 8 KB is blocked by both ACLs", () => {
      const form = "application/x-www-form-urlencoded";
      const cf = evaluate(cloudfront, post(h.storefrontHost, "/checkout", 20 * 1024, form));
      const rg = evaluate(regional, post(h.originHost, "/checkout", 20 * 1024, form));
      assert.deepEqual([cf.action, cf.rule], ["BLOCK", "body-size-non-api"]);
      assert.deepEqual([rg.action, rg.rule], ["BLOCK", "body-size-non-api"]);
      assert.equal(evaluate(cloudfront, post(h.storefrontHost, "/checkout", 4 * 1024, form)).action, "ALLOW");
    });

    it(`an API call declaring more than the stack's limit (${limitBytes / 1024} KiB) is blocked, one at the limit passes`, () => {
      assert.deepEqual(evaluate(regional, post(h.apiHost, "/v1/orders/bulk", limitBytes + 1)).rule, "api-body-size");
      assert.equal(evaluate(regional, post(h.apiHost, "/v1/orders/bulk", limitBytes)).action, "ALLOW");
    });

    it("sets CloudFront's body inspection size deliberately (the regional ACL has no setting: ALBs send 8 KB)", () => {
      assert.deepEqual(cloudfront.associationConfig, {
        requestBodies: [{ cloudfront: { defaultSizeInspectionLimit: "KB_16" } }],
      });
      assert.equal(regional.associationConfig, undefined);
    });

    it("nests statements at most three deep (the provider's typed rule limit)", () => {
      const depth = (s: Json): number => {
        const inner =
          s.andStatement?.statements ?? s.orStatement?.statements ?? (s.notStatement ? [s.notStatement.statement] : []);
        return inner.length === 0 ? 0 : 1 + Math.max(...inner.map(depth));
      };
      for (const r of [...regional.rules, ...cloudfront.rules]) assert.ok(depth(r.statement) <= 3, r.name);
    });
  });
}
