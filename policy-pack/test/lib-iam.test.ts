/**
 * The IAM helpers on their own: document parsing in every shape AWS accepts, the catalogue
 * expansion of action patterns, and the statement questions the IAM, KMS and S3 policies ask.
 * The policy tests reach these only through fixtures; here each branch and boundary is pinned.
 */
import * as assert from "node:assert/strict";
import {
  analyzeDocument,
  clearExpansionCache,
  grantedActions,
  mutatingOnAllResources,
  sample,
  unknownPatterns,
} from "../lib/iam/analyze";
import { expandAction, serviceActions } from "../lib/iam/catalogue";
import { isPublicPrincipal, isStrictlyConditioned, isTagScoped, parsePolicyDocument, type Statement } from "../lib/iam/document";
import { UNKNOWN_NUMBER, UNKNOWN_STRING } from "../lib/props";

function parsed(doc: unknown): Statement[] {
  const r = parsePolicyDocument(doc);
  if (!r.ok) throw new Error(`not parsed: ${r.error}`);
  return r.statements;
}

function statement(s: Record<string, unknown>): Statement {
  return parsed({ Statement: s })[0];
}

async function analyzed(s: Record<string, unknown>) {
  const a = await analyzeDocument({ Statement: [s] });
  if (!a.ok) throw new Error(a.error);
  return a.statements[0];
}

describe("lib/iam/document: parsePolicyDocument", () => {
  it("parses a JSON string and an object alike, Statement as one object or a list", () => {
    const s = { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" };
    assert.deepEqual(parsed(JSON.stringify({ Statement: [s] })), parsed({ Statement: s }));
    assert.deepEqual(parsed({ Statement: [s, s] }).length, 2);
    assert.deepEqual(parsed({ Version: "2012-10-17" }), []);
  });

  it("keeps Sid, Effect (Deny only when it says Deny), actions, resources and their Not forms", () => {
    const [allow, deny, other] = parsed({
      Statement: [
        { Sid: "A", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "*" },
        { Effect: "Deny", NotAction: "iam:*", NotResource: ["arn:aws:iam::1:role/x"] },
        { Effect: "deny", Action: 42 },
      ],
    });
    assert.equal(allow.sid, "A");
    assert.equal(allow.effect, "Allow");
    assert.deepEqual(allow.actions, ["s3:GetObject", "s3:PutObject"]);
    assert.deepEqual(allow.resources, ["*"]);
    assert.equal(allow.notActions, undefined);
    assert.equal(allow.notResources, undefined);
    assert.equal(deny.effect, "Deny");
    assert.equal(deny.actions, undefined);
    assert.deepEqual(deny.notActions, ["iam:*"]);
    assert.deepEqual(deny.notResources, ["arn:aws:iam::1:role/x"]);
    assert.equal(deny.resources, undefined);
    // Effect values are case-sensitive in AWS: anything but "Deny" is treated as the broader Allow.
    assert.equal(other.effect, "Allow");
    assert.deepEqual(other.actions, ["42"]);
  });

  it('reads principals: "*", a map of type to one or more values, a bare ARN, an empty value', () => {
    assert.deepEqual(statement({ Principal: "*" }).principals, [{ type: "*", values: ["*"] }]);
    assert.deepEqual(statement({ Principal: { AWS: ["arn:a", "arn:b"], Service: "ec2.amazonaws.com" } }).principals, [
      { type: "AWS", values: ["arn:a", "arn:b"] },
      { type: "Service", values: ["ec2.amazonaws.com"] },
    ]);
    assert.deepEqual(statement({ Principal: "arn:aws:iam::1:root" }).principals, [
      { type: "AWS", values: ["arn:aws:iam::1:root"] },
    ]);
    assert.deepEqual(statement({ Principal: { AWS: null } }).principals, [{ type: "AWS", values: [] }]);
    assert.deepEqual(statement({ NotPrincipal: { AWS: "arn:c" } }).notPrincipals, [{ type: "AWS", values: ["arn:c"] }]);
    assert.equal(statement({ Action: "s3:GetObject" }).principals, undefined);
    assert.equal(statement({ Principal: null }).principals, undefined);
  });

  it("reads conditions as operator -> key -> values, a single value as a list, an empty value as none", () => {
    assert.deepEqual(
      statement({
        Condition: { StringEquals: { "aws:SourceAccount": "1", "aws:SourceArn": ["a", "b"] }, Bool: { "aws:x": null } },
      }).condition,
      { StringEquals: { "aws:SourceAccount": ["1"], "aws:SourceArn": ["a", "b"] }, Bool: { "aws:x": [] } },
    );
    assert.deepEqual(statement({ Condition: { Null: null } }).condition, { Null: {} });
    assert.deepEqual(statement({}).condition, {});
  });

  it("reports what it cannot read: unknown document, unknown Statement, unknown statement part", () => {
    assert.deepEqual(parsePolicyDocument(UNKNOWN_STRING), { ok: false, unknown: true, error: "document unknown at preview" });
    assert.deepEqual(parsePolicyDocument(UNKNOWN_NUMBER), { ok: false, unknown: true, error: "document unknown at preview" });
    assert.deepEqual(parsePolicyDocument(`{"Statement":[{"Resource":"${UNKNOWN_STRING}"}]}`), {
      ok: false,
      unknown: true,
      error: "document unknown at preview",
    });
    assert.deepEqual(parsePolicyDocument({ Statement: UNKNOWN_STRING }), {
      ok: false,
      unknown: true,
      error: "Statement unknown at preview",
    });
    assert.deepEqual(parsePolicyDocument({ Statement: [{ Effect: "Allow", Resource: UNKNOWN_STRING }] }), {
      ok: false,
      unknown: true,
      error: "statement unknown at preview",
    });
  });

  it("rejects what is not a policy document, known at preview", () => {
    const bad = parsePolicyDocument("{not json");
    assert.equal(bad.ok, false);
    assert.ok(!bad.ok && !bad.unknown && bad.error.startsWith("not valid JSON: "), JSON.stringify(bad));
    for (const doc of [null, 42, "42", "null", true])
      assert.deepEqual(parsePolicyDocument(doc), { ok: false, unknown: false, error: "not a policy document" }, String(doc));
  });
});

describe("lib/iam/document: principal and condition questions", () => {
  it('isPublicPrincipal: "*" or an AWS "*" among others is public; a service "*" or an account is not', () => {
    assert.equal(isPublicPrincipal(statement({ Principal: "*" }).principals), true);
    assert.equal(isPublicPrincipal(statement({ Principal: { AWS: ["arn:aws:iam::1:root", "*"] } }).principals), true);
    assert.equal(isPublicPrincipal(statement({ Principal: { AWS: "arn:aws:iam::1:root" } }).principals), false);
    assert.equal(isPublicPrincipal(statement({ Principal: { Service: "*" } }).principals), false);
    assert.equal(isPublicPrincipal(statement({ Principal: { Service: "s3.amazonaws.com", AWS: "*" } }).principals), true);
    assert.equal(isPublicPrincipal(undefined), false);
  });

  it("isTagScoped: any aws: or service ResourceTag / RequestTag key, in any case, among other keys", () => {
    const scoped = (c: Record<string, unknown>) => isTagScoped(statement({ Condition: c }));
    assert.equal(scoped({ StringEquals: { "aws:ResourceTag/elbv2.k8s.aws/cluster": "c" } }), true);
    assert.equal(scoped({ Null: { "aws:requesttag/karpenter.sh/nodepool": "false" } }), true);
    assert.equal(scoped({ StringEquals: { "ec2:ResourceTag/owner": "x" } }), true);
    assert.equal(scoped({ StringEquals: { "aws:SourceAccount": "1", "aws:ResourceTag/a": "b" } }), true);
    assert.equal(scoped({ StringEquals: { "aws:TagKeys": "a" } }), false);
    assert.equal(scoped({ StringEquals: { "aws:ResourceTagX": "a" } }), false);
    assert.equal(scoped({}), false);
  });

  it("isStrictlyConditioned: a restricting key with a real value under a plain operator", () => {
    const strict = (c: Record<string, unknown>) => isStrictlyConditioned(statement({ Condition: c }));
    // AWS's EBS key policy pattern: Principal "*" limited by kms:CallerAccount and kms:ViaService.
    assert.equal(
      strict({ StringEquals: { "kms:CallerAccount": "111122223333", "kms:ViaService": "ec2.eu-west-1.amazonaws.com" } }),
      true,
    );
    assert.equal(strict({ StringEquals: { "aws:PrincipalOrgID": "o-abc" } }), true);
    assert.equal(strict({ ArnLike: { "aws:SourceArn": "arn:aws:sns:*:1:t" } }), true);
    assert.equal(strict({ ArnEquals: { "AWS:SourceArn": "arn:aws:sns:eu-west-1:1:t" } }), true);
    assert.equal(strict({ stringlike: { "aws:SourceVpce": "vpce-1" } }), true);
    // Restricting keys set to "*" restrict nothing, even next to a real value.
    assert.equal(strict({ StringLike: { "aws:PrincipalAccount": "*" } }), false);
    assert.equal(strict({ StringEquals: { "aws:SourceAccount": ["1", "*"] } }), false);
    assert.equal(strict({ StringEquals: { "aws:SourceAccount": [] } }), false);
    // A key that does not say who calls.
    assert.equal(strict({ StringEquals: { "aws:RequestedRegion": "eu-west-1" } }), false);
    assert.equal(strict({ StringEquals: { "s3:prefix": "home/" } }), false);
    // Operators that do not restrict.
    assert.equal(strict({ StringEqualsIfExists: { "aws:SourceAccount": "1" } }), false);
    assert.equal(strict({ "ForAnyValue:StringEquals": { "aws:PrincipalOrgID": "o-abc" } }), false);
    assert.equal(strict({ "ForAllValues:StringLike": { "aws:PrincipalOrgID": "o-abc" } }), false);
    assert.equal(strict({ StringNotEquals: { "aws:SourceAccount": "1" } }), false);
    assert.equal(strict({ Bool: { "aws:SourceAccount": "1" } }), false);
    assert.equal(strict({ Bool: { "aws:SecureTransport": "true" }, StringEquals: { "aws:SourceAccount": "1" } }), true);
    assert.equal(strict({}), false);
  });
});

describe("lib/iam/catalogue: expandAction", () => {
  // Load the catalogue within each test, not in whichever earlier test first needed a service.
  beforeEach(clearExpansionCache);

  it('"*" and a service wildcard are the whole action space, not expanded', async () => {
    assert.deepEqual(await expandAction("*"), { pattern: "*", all: true, matches: [], unknown: false });
    assert.deepEqual(await expandAction("s*:GetObject"), { pattern: "s*:GetObject", all: true, matches: [], unknown: false });
    assert.deepEqual(await expandAction("s?:GetObject"), { pattern: "s?:GetObject", all: true, matches: [], unknown: false });
  });

  it("an action without a service prefix, an empty service or an unknown service is unknown", async () => {
    for (const p of ["GetObject", ":GetObject", "nosuchservice:GetObject"])
      assert.deepEqual(await expandAction(p), { pattern: p, all: false, matches: [], unknown: true }, p);
  });

  it("matches the catalogue case-insensitively, with * and ? wildcards, anchored, special characters literal", async () => {
    const names = async (p: string) => (await expandAction(p)).matches.map((m) => m.action);
    assert.deepEqual(await names("S3:getobject"), ["s3:GetObject"]);
    assert.deepEqual(await names("s3:Get?bject"), ["s3:GetObject"]);
    assert.ok((await names("s3:Put*")).includes("s3:PutBucketPolicy"));
    assert.ok((await names("s3:*Tagging")).every((a) => a.endsWith("Tagging")));
    assert.deepEqual(await names("s3:Object"), []);
    assert.deepEqual(await names("s3:GetObject+"), []);
    assert.deepEqual(await names("s3:GetObjec."), []);
    const typo = await expandAction("s3:GetObjekt");
    assert.deepEqual({ all: typo.all, unknown: typo.unknown }, { all: false, unknown: true });
    const known = await expandAction("s3:GetObject");
    assert.deepEqual({ all: known.all, unknown: known.unknown }, { all: false, unknown: false });
  });

  it("carries each action's access levels, resource scoping and own condition keys (lower case)", async () => {
    const one = async (p: string) => (await expandAction(p)).matches[0];
    assert.deepEqual((await one("s3:PutBucketPolicy")).accessLevels, ["Permissions management", "Write"]);
    assert.deepEqual((await one("s3:GetObject")).accessLevels, ["Read"]);
    assert.equal((await one("ec2:DescribeInstances")).wildcardOnly, true);
    assert.equal((await one("s3:GetObject")).wildcardOnly, false);
    assert.deepEqual((await one("cloudwatch:PutMetricData")).conditionKeys, ["cloudwatch:namespace"]);
    assert.ok((await one("kms:Decrypt")).conditionKeys.includes("kms:viaservice"));
  });

  it("loads a service once: the same action objects for every pattern of that service", async () => {
    const a = (await expandAction("s3:GetObject")).matches[0];
    const b = (await expandAction("s3:Get*")).matches.find((m) => m.action === "s3:GetObject");
    assert.equal(a, b);
    assert.equal(await serviceActions("S3"), await serviceActions("s3"));
    assert.equal(await serviceActions("nosuchservice"), undefined);
  });
});

describe("lib/iam/analyze: statement questions", () => {
  beforeEach(clearExpansionCache);

  it("expands each pattern once: a second analysis reuses the same expansions", async () => {
    const doc = { Statement: [{ Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" }] };
    const a = await analyzeDocument(doc);
    const b = await analyzeDocument(JSON.stringify(doc));
    assert.ok(a.ok && b.ok);
    assert.equal(a.statements[0].expansions[0], b.statements[0].expansions[0]);
  });

  it("passes a parse failure through", async () => {
    assert.deepEqual(await analyzeDocument(UNKNOWN_STRING), { ok: false, unknown: true, error: "document unknown at preview" });
  });

  it('allActions: "*" among other actions, a service wildcard, or NotAction; allResources: "*" among others or NotResource', async () => {
    assert.equal((await analyzed({ Action: ["s3:GetObject", "*"], Resource: "arn:aws:s3:::b/*" })).allActions, true);
    assert.equal((await analyzed({ Action: ["s3:GetObject", "s*:List"] })).allActions, true);
    assert.equal((await analyzed({ NotAction: "s3:GetObject" })).allActions, true);
    assert.equal((await analyzed({ Action: ["s3:GetObject", "s3:PutObject"] })).allActions, false);
    assert.equal((await analyzed({ Action: "s3:GetObject", Resource: ["arn:aws:s3:::b", "*"] })).allResources, true);
    assert.equal((await analyzed({ Action: "s3:GetObject", NotResource: "arn:aws:s3:::b" })).allResources, true);
    assert.equal((await analyzed({ Action: "s3:GetObject", Resource: "arn:aws:s3:::b" })).allResources, false);
    assert.equal((await analyzed({ Action: "s3:GetObject" })).allResources, false);
    assert.deepEqual((await analyzed({ Effect: "Allow" })).expansions, []);
  });

  it("grantedActions: only an Allow with Action grants catalogue actions", async () => {
    assert.deepEqual(
      grantedActions(await analyzed({ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"] })).map((a) => a.action),
      ["s3:GetObject", "s3:PutObject"],
    );
    assert.deepEqual(grantedActions(await analyzed({ Effect: "Deny", Action: "s3:GetObject" })), []);
    assert.deepEqual(grantedActions(await analyzed({ Effect: "Allow", NotAction: "s3:GetObject" })), []);
  });

  it("mutatingOnAllResources: mutating, scopable actions an Allow grants on every resource", async () => {
    const m = async (s: Record<string, unknown>) =>
      mutatingOnAllResources(await analyzed({ Effect: "Allow", Resource: "*", ...s }));
    assert.deepEqual(await m({ Action: ["s3:PutObject", "s3:GetObject"] }), ["s3:PutObject"]);
    assert.deepEqual(await m({ Action: "s3:PutBucketTagging" }), ["s3:PutBucketTagging"]);
    assert.deepEqual(await m({ Action: "s3:PutBucketPolicy" }), ["s3:PutBucketPolicy"]);
    assert.deepEqual(await m({ Action: "s3:*" }).then((a) => a.includes("s3:PutObject") && !a.includes("s3:GetObject")), true);
    assert.deepEqual(await m({ Action: "*" }), ["*"]);
    assert.deepEqual(await m({ NotAction: "iam:*" }), ["*"]);
    // Read and List actions, and actions AWS cannot scope to a resource, are not findings.
    assert.deepEqual(await m({ Action: ["s3:GetObject", "ec2:DescribeInstances"] }), []);
    // Deny, or a scoped resource, grants nothing on every resource.
    assert.deepEqual(mutatingOnAllResources(await analyzed({ Effect: "Deny", Action: "*", Resource: "*" })), []);
    assert.deepEqual(mutatingOnAllResources(await analyzed({ Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::b" })), []);
  });

  it("mutatingOnAllResources: an action limited by one of its own service's condition keys is as narrow as it gets", async () => {
    const m = async (c?: Record<string, unknown>) =>
      mutatingOnAllResources(
        await analyzed({ Effect: "Allow", Action: ["cloudwatch:PutMetricData", "s3:PutObject"], Resource: "*", Condition: c }),
      );
    assert.deepEqual(await m(), ["cloudwatch:PutMetricData", "s3:PutObject"]);
    assert.deepEqual(await m({ StringEquals: { "CloudWatch:namespace": "App" } }), ["s3:PutObject"]);
    // One of the action's keys is enough (s3:PutObject has dozens).
    assert.deepEqual(await m({ StringEquals: { "s3:x-amz-acl": "private" } }), ["cloudwatch:PutMetricData"]);
    // Global aws: keys do not count, even those the action lists (sts:AssumeRole lists aws:TagKeys).
    assert.deepEqual(
      mutatingOnAllResources(
        await analyzed({
          Effect: "Allow",
          Action: "sts:AssumeRole",
          Resource: "*",
          Condition: { "ForAllValues:StringEquals": { "aws:TagKeys": "a" } },
        }),
      ),
      ["sts:AssumeRole"],
    );
  });

  it("unknownPatterns lists the typos of Allow and Deny statements", async () => {
    assert.deepEqual(unknownPatterns(await analyzed({ Effect: "Deny", Action: ["s3:GetObjekt", "s3:GetObject", "GetObject"] })), [
      "s3:GetObjekt",
      "GetObject",
    ]);
    assert.deepEqual(unknownPatterns(await analyzed({ Action: "*" })), []);
  });

  it("sample: up to n distinct items, then a count of the rest", () => {
    assert.equal(sample(["a", "b", "c", "d", "e"]), "a, b, c, d, e");
    assert.equal(sample(["a", "b", "c", "d", "e", "f", "g"]), "a, b, c, d, e and 2 more");
    assert.equal(sample(["a", "a", "b"], 2), "a, b");
    assert.equal(sample(["a", "b", "c"], 2), "a, b and 1 more");
    assert.equal(sample([]), "");
  });
});
