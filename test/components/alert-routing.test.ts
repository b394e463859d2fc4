/**
 * Findings to people, end to end, per stack: each sample event (test/fixtures/security) is run
 * through the EventBridge rules the program registers (their event patterns), the matching rule's
 * input transformer (the message the alert topic receives), and every subscription of the alert
 * topic (its filter policy, scope MessageBody), so the test shows who is told: e-mail always,
 * PagerDuty for critical, Slack for warnings - the same routing as Alertmanager. The receivers'
 * function then turns the message into the PagerDuty event or Slack post it sends.
 *
 * The pattern and filter semantics come from test/support/event-filter.ts, which is tested first
 * on the AWS documentation's own examples.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { filterPolicy } from "../../components/alerting";
import { NOTIFIER_DIR } from "../../components/alerting/notifier";
import { RegisteredResource, StackRun } from "../../tools/harness";
import { MOCK_ACCOUNT_ID } from "../../tools/mocks";
import { atPath, matches, snsBodyFilterAccepts, transform } from "../support/event-filter";
import { PAGERDUTY_KEY, SLACK_URL, stackRun, stackRunWith, STACKS } from "../support/stacks";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const FIXTURES = path.join(__dirname, "../fixtures/security");
const sample = (name: string, stack = "dev"): Json =>
  JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), "utf8").replaceAll("STACK", stack));

describe("event filter evaluator (the AWS documentation's examples)", () => {
  // EventBridge user guide, "Content filtering in Amazon EventBridge event patterns".
  const ec2 = {
    version: "0",
    id: "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
    "detail-type": "EC2 Instance State-change Notification",
    source: "aws.ec2",
    account: "111122223333",
    time: "2017-12-22T18:43:48Z",
    region: "us-west-1",
    resources: ["arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0"],
    detail: { "instance-id": "i-1234567890abcdef0", state: "terminated", "c-count": 5, "d-count": 3, "x-limit": 301.8 },
  };
  const cases: [string, Json, Json, boolean][] = [
    ["exact value", { source: ["aws.ec2"] }, ec2, true],
    ["exact value, other", { source: ["aws.s3"] }, ec2, false],
    ["AND over fields", { source: ["aws.ec2"], detail: { state: ["running"] } }, ec2, false],
    ["an array value matches when any element does", { resources: [ec2.resources[0]] }, ec2, true],
    ["prefix", { time: [{ prefix: "2017-12-22" }] }, ec2, true],
    ["prefix, other", { time: [{ prefix: "2018" }] }, ec2, false],
    ["prefix ignoring case", { source: [{ prefix: { "equals-ignore-case": "AWS." } }] }, ec2, true],
    ["suffix", { detail: { "instance-id": [{ suffix: "def0" }] } }, ec2, true],
    ["equals-ignore-case", { "detail-type": [{ "equals-ignore-case": "ec2 instance state-change notification" }] }, ec2, true],
    ["anything-but a value", { detail: { state: [{ "anything-but": "initializing" }] } }, ec2, true],
    ["anything-but a list", { detail: { state: [{ "anything-but": ["stopped", "terminated"] }] } }, ec2, false],
    ["anything-but a prefix", { detail: { state: [{ "anything-but": { prefix: "term" } }] } }, ec2, false],
    ["numeric range", { detail: { "c-count": [{ numeric: [">", 0, "<=", 5] }] } }, ec2, true],
    ["numeric below", { detail: { "d-count": [{ numeric: ["<", 3] }] } }, ec2, false],
    ["numeric equals", { detail: { "x-limit": [{ numeric: ["=", 3.018e2] }] } }, ec2, true],
    ["numeric on a string never matches", { source: [{ numeric: [">", 0] }] }, ec2, false],
    ["exists", { detail: { state: [{ exists: true }] } }, ec2, true],
    ["exists false on an absent field", { detail: { "e-count": [{ exists: false }] } }, ec2, true],
    ["exists false on a present field", { detail: { state: [{ exists: false }] } }, ec2, false],
    ["an absent field matches no value", { detail: { "e-count": ["x"] } }, ec2, false],
    ["wildcard", { detail: { "instance-id": [{ wildcard: "i-*ef0" }] } }, ec2, true],
    [
      "$or of alternatives",
      { detail: { $or: [{ "c-count": [{ numeric: [">", 10] }] }, { "d-count": [{ numeric: ["<", 10] }] }] } },
      ec2,
      true,
    ],
    ["$or, none", { detail: { $or: [{ "c-count": [{ numeric: [">", 10] }] }, { state: ["running"] }] } }, ec2, false],
    ["cidr", { ip: [{ cidr: "10.0.0.0/24" }] }, { ip: "10.0.0.255" }, true],
    ["cidr, outside", { ip: [{ cidr: "10.0.0.0/24" }] }, { ip: "10.0.1.0" }, false],
    ["null value", { v: [null] }, { v: null }, true],
  ];
  for (const [name, pattern, event, expected] of cases) {
    it(`${name}: ${expected ? "matches" : "does not match"}`, () => assert.equal(matches(pattern, event), expected));
  }

  // SNS developer guide, "Amazon SNS example filter policies": the transaction message in the body.
  const body = JSON.stringify({
    store: "example_corp",
    event: "order_placed",
    customer_interests: ["soccer", "rugby", "hockey"],
    price_usd: 210.75,
  });
  it("SNS: the documented policy accepts the documented message body", () => {
    const policy = {
      store: ["example_corp"],
      event: [{ "anything-but": "order_cancelled" }],
      customer_interests: ["rugby", "football", "baseball"],
      price_usd: [{ numeric: [">=", 100] }],
    };
    assert.equal(snsBodyFilterAccepts(policy, body), true);
    assert.equal(snsBodyFilterAccepts({ ...policy, price_usd: [{ numeric: [">=", 500] }] }, body), false);
  });
  it("SNS: no filter policy receives everything; a body filter rejects a body that is not JSON", () => {
    assert.equal(snsBodyFilterAccepts(undefined, "plain text"), true);
    assert.equal(snsBodyFilterAccepts({ severity: ["critical"] }, "[FIRING] severity=critical"), false);
  });
  it("input transformer: JSON paths (with [0] and '-' in names) and placeholders as JSON values", () => {
    const event = { "detail-type": "T", detail: { findings: [{ Title: 'a "quoted" title' }] } };
    assert.equal(atPath(event, "$.detail.findings[0].Title"), 'a "quoted" title');
    const out = transform(
      { inputPaths: { t: "$.detail.findings[0].Title", d: "$.detail-type" }, inputTemplate: '{"title": <t>, "dt": <d>}' },
      event,
    );
    assert.deepEqual(JSON.parse(out), { title: 'a "quoted" title', dt: "T" });
  });
});

interface Subscription {
  name: string;
  protocol: string;
  filter?: Json;
}

/** Who receives `message` on the alert topic: the names of the subscriptions that accept it. */
function receivers(subs: Subscription[], message: string): string[] {
  return subs.filter((s) => snsBodyFilterAccepts(s.filter, message)).map((s) => s.name);
}

function topicSubscriptions(run: StackRun): Subscription[] {
  const topic = `arn:aws:sns:eu-central-1:${MOCK_ACCOUNT_ID}:b2b-commerce-${run.stack}-alerts`;
  return run.resources
    .filter((r) => r.type === "aws:sns/topicSubscription:TopicSubscription" && (r.inputs as Json).topic === topic)
    .map((r) => {
      const i = r.inputs as Json;
      if (i.filterPolicy !== undefined) assert.equal(i.filterPolicyScope, "MessageBody", `${r.name}: filter on the body`);
      return { name: r.name, protocol: i.protocol, filter: i.filterPolicy ? JSON.parse(i.filterPolicy) : undefined };
    });
}

/** The messages the alert topic gets for `event`: one per home-region finding rule that matches. */
function messagesFor(run: StackRun, event: Json): { rule: string; message: string }[] {
  const targets = new Map<string, RegisteredResource>();
  for (const r of run.resources)
    if (r.type === "aws:cloudwatch/eventTarget:EventTarget") targets.set(String((r.inputs as Json).rule), r);
  const out: { rule: string; message: string }[] = [];
  for (const rule of run.resources) {
    if (rule.type !== "aws:cloudwatch/eventRule:EventRule" || !/^finding-/.test(rule.name)) continue;
    if (/aws-us-east-1$/.test(rule.provider ?? "")) continue; // the forwarder: checked separately
    const i = rule.inputs as Json;
    if (!matches(JSON.parse(i.eventPattern), event)) continue;
    const target = targets.get(String(i.name));
    assert.ok(target, `rule ${rule.name} has a target`);
    out.push({ rule: rule.name, message: transform((target.inputs as Json).inputTransformer, event) });
  }
  return out;
}

const EMAIL = "alerts-email";
const PAGE = "alerts-pagerduty-subscription";
const SLACK = "alerts-slack-subscription";

for (const stack of STACKS) {
  describe(`findings to people by severity (${stack})`, () => {
    let run: StackRun;
    let subs: Subscription[];
    before(async () => {
      run = await stackRun(stack);
      subs = topicSubscriptions(run);
    });

    it("subscribes e-mail (everything), PagerDuty (critical) and Slack (warning) to the alert topic", () => {
      assert.deepEqual(subs.map((s) => [s.name, s.protocol, s.filter]).sort(), [
        [EMAIL, "email", undefined],
        [PAGE, "lambda", filterPolicy("pagerduty", `b2b-commerce-${stack}`)],
        [SLACK, "lambda", filterPolicy("slack", `b2b-commerce-${stack}`)],
      ]);
    });

    const guardduty = (severity: number) => {
      const e = sample("guardduty-ec2-compromised");
      e.detail.severity = severity;
      return e;
    };
    const hub = (label: string, product = "Security Hub") => {
      const e = sample("securityhub-finding");
      e.detail.findings[0].Severity.Label = label;
      e.detail.findings[0].ProductName = product;
      return e;
    };
    const cases: [string, () => Json, string, string, string[]][] = [
      ["GuardDuty 9.5 (critical band)", () => guardduty(9.5), "finding-guardduty-critical", "critical", [EMAIL, PAGE]],
      ["GuardDuty 8 (high band)", () => guardduty(8), "finding-guardduty-warning", "warning", [EMAIL, SLACK]],
      ["GuardDuty 4 (medium band)", () => guardduty(4), "finding-guardduty-warning", "warning", [EMAIL, SLACK]],
      ["GuardDuty 2 (low band)", () => guardduty(2), "finding-guardduty-info", "info", [EMAIL]],
      ["Security Hub CRITICAL", () => hub("CRITICAL"), "finding-securityhub-critical", "critical", [EMAIL, PAGE]],
      ["Security Hub HIGH", () => hub("HIGH"), "finding-securityhub-warning", "warning", [EMAIL, SLACK]],
      ["Security Hub MEDIUM", () => hub("MEDIUM"), "finding-securityhub-warning", "warning", [EMAIL, SLACK]],
      ["Security Hub LOW", () => hub("LOW"), "finding-securityhub-info", "info", [EMAIL]],
      [
        "Access Analyzer public bucket",
        () => sample("access-analyzer-public-bucket"),
        "finding-access-analyzer",
        "warning",
        [EMAIL, SLACK],
      ],
      ["root console sign-in", () => sample("root-console-signin"), "finding-root-activity", "critical", [EMAIL, PAGE]],
      [
        "break-glass AssumeRole",
        () => sample("break-glass-assume-role", stack),
        "finding-break-glass-assumed",
        "critical",
        [EMAIL, PAGE],
      ],
      [
        "break-glass console",
        () => sample("break-glass-console-signin", stack),
        "finding-break-glass-console",
        "critical",
        [EMAIL, PAGE],
      ],
      [
        "exposed access key (Health)",
        () => sample("health-exposed-key"),
        "finding-credentials-exposed",
        "critical",
        [EMAIL, PAGE],
      ],
    ];
    for (const [name, event, rule, severity, expected] of cases) {
      it(`${name}: ${rule} -> ${severity} -> ${expected.join(", ")}`, () => {
        const routed = messagesFor(run, event());
        assert.deepEqual(
          routed.map((m) => m.rule),
          [rule],
          "exactly one finding rule matches",
        );
        const message = JSON.parse(routed[0].message); // the transformed message is valid JSON
        assert.equal(message.severity, severity);
        assert.match(message.runbook, /^https:\/\/\S+\/docs\/runbooks\/security-[a-z-]+\.md$/);
        assert.equal(typeof message.eventId, "string");
        assert.deepEqual(receivers(subs, routed[0].message).sort(), [...expected].sort());
      });
    }

    it("routes Security Hub copies of GuardDuty and Access Analyzer findings nowhere (their own rules did)", () => {
      assert.deepEqual(messagesFor(run, hub("CRITICAL", "GuardDuty")), []);
      assert.deepEqual(messagesFor(run, hub("HIGH", "IAM Access Analyzer")), []);
    });

    it("does not page for another role's AssumeRole or console sign-in", () => {
      const assume = sample("break-glass-assume-role", stack);
      assume.detail.requestParameters.roleArn = `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/b2b-commerce-${stack}-ci`;
      const console = sample("break-glass-console-signin", stack);
      console.detail.userIdentity.arn = `arn:aws:sts::${MOCK_ACCOUNT_ID}:assumed-role/b2b-commerce-${stack}-readonly/x`;
      assert.deepEqual([...messagesFor(run, assume), ...messagesFor(run, console)], []);
    });

    it("forwards the global-service samples from us-east-1 (where they arrive) to this region's bus", () => {
      const forward = run.resources.find((r) => r.name === "finding-forward-global")!;
      const pattern = JSON.parse((forward.inputs as Json).eventPattern);
      for (const name of ["root-console-signin", "break-glass-assume-role", "break-glass-console-signin", "health-exposed-key"])
        assert.equal(matches(pattern, sample(name, stack)), true, name);
      assert.equal(matches(pattern, sample("guardduty-ec2-compromised")), false);
    });

    it("routes the other messages on the topic the same way: responses' reports, CloudWatch alarms, plain text", () => {
      const report = JSON.stringify({ severity: "critical", alert: "respond-access-key", summary: "Deactivated", actions: [] });
      assert.deepEqual(receivers(subs, report).sort(), [EMAIL, PAGE]);
      const alarmMessage = (severity: string) =>
        JSON.stringify({ AlarmName: `b2b-commerce-${stack}-${severity}-alb-5xx`, NewStateValue: "ALARM" });
      assert.deepEqual(receivers(subs, alarmMessage("critical")).sort(), [EMAIL, PAGE]);
      assert.deepEqual(receivers(subs, alarmMessage("warning")).sort(), [EMAIL, SLACK]);
      // Alertmanager's SNS receiver publishes text: e-mail only (Alertmanager pages and posts itself).
      assert.deepEqual(receivers(subs, "[FIRING] critical: KubeNodeNotReady"), [EMAIL]);
      // Budget notifications carry no severity: e-mail only.
      assert.deepEqual(receivers(subs, JSON.stringify({ budgetName: "monthly", threshold: 80 })), [EMAIL]);
    });

    it("gives each receiver function only its own secret, SNS-only invocation and a dead-letter queue", () => {
      for (const receiver of ["pagerduty", "slack"]) {
        const fn = run.resources.find((r) => r.type === "aws:lambda/function:Function" && r.name === `alerts-${receiver}`)!;
        const i = fn.inputs as Json;
        assert.equal(i.environment.variables.RECEIVER, receiver);
        assert.match(i.environment.variables.SECRET_ARN, new RegExp(`:secret:b2b-commerce-${stack}-alerts-${receiver}-`));
        assert.match(i.deadLetterConfig.targetArn, /alerts-undelivered$/);
        const policy = JSON.parse((run.resources.find((r) => r.name === `alerts-${receiver}-policy`)!.inputs as Json).policy);
        const read = policy.Statement.find((s: Json) => s.Action === "secretsmanager:GetSecretValue");
        assert.equal(read.Resource, i.environment.variables.SECRET_ARN);
        const perm = run.resources.find((r) => r.name === `alerts-${receiver}-invoke`)!.inputs as Json;
        assert.deepEqual(
          [perm.principal, perm.sourceArn],
          ["sns.amazonaws.com", `arn:aws:sns:eu-central-1:${MOCK_ACCOUNT_ID}:b2b-commerce-${stack}-alerts`],
        );
        const sub = run.resources.find((r) => r.name === `alerts-${receiver}-subscription`)!.inputs as Json;
        assert.match(JSON.parse(sub.redrivePolicy).deadLetterTargetArn, /alerts-undelivered$/);
      }
    });
  });
}

describe("findings to people without receiver secrets", () => {
  const withoutSecrets = stackRunWith("dev", {});
  it("subscribes e-mail only and creates no receiver function when no PagerDuty key or Slack webhook is set", async () => {
    const run = await withoutSecrets;
    assert.deepEqual(
      topicSubscriptions(run).map((s) => s.name),
      [EMAIL],
    );
    assert.equal(
      run.resources.some((r) => r.type === "aws:lambda/function:Function" && /^alerts-/.test(r.name)),
      false,
    );
  });
});

describe("the receiver function (notify.mjs) on a routed finding", () => {
  type Notify = { makeHandler: (deps: Json) => (event: Json) => Promise<{ sent: string[] }>; PAGERDUTY_EVENTS_URL: string };
  const load = () => import(path.join(NOTIFIER_DIR, "notify.mjs")) as Promise<Notify>;
  const secrets = (value: string) => {
    const calls: Json[] = [];
    return {
      calls,
      send: async (c: { constructor: { name: string }; input: Json }) => {
        calls.push({ name: c.constructor.name, ...c.input });
        return { SecretString: value };
      },
    };
  };
  const posts: { url: string; body: Json }[] = [];
  const fetch = async (url: string, init: { body: string }) => {
    posts.push({ url, body: JSON.parse(init.body) });
    return { ok: true, status: 202 };
  };
  const record = (message: string) => ({ Records: [{ Sns: { MessageId: "m-1", Message: message } }] });
  let message: string;
  before(async () => {
    const run = await stackRun("prod");
    message = messagesFor(run, sample("root-console-signin"))[0].message;
  });
  // The function logs one JSON line per invocation (CloudWatch Logs in AWS); captured and asserted here.
  const logs: Json[] = [];
  const consoleLog = console.log;
  beforeEach(() => {
    posts.splice(0);
    logs.splice(0);
    console.log = (line: string) => void logs.push(JSON.parse(line));
  });
  afterEach(() => (console.log = consoleLog));

  it("pages PagerDuty (Events API v2) with the routing key from Secrets Manager, deduplicated by event id", async () => {
    const { makeHandler, PAGERDUTY_EVENTS_URL } = await load();
    const sm = secrets(PAGERDUTY_KEY);
    const handler = makeHandler({ secrets: sm, fetch, env: { RECEIVER: "pagerduty", SECRET_ARN: "arn:secret:pd" } });
    await handler(record(message));
    await handler(record(message));
    assert.deepEqual(sm.calls, [{ name: "GetSecretValueCommand", SecretId: "arn:secret:pd" }], "read once");
    assert.equal(posts.length, 2);
    const { url, body } = posts[0];
    assert.equal(url, PAGERDUTY_EVENTS_URL);
    assert.equal(body.routing_key, PAGERDUTY_KEY);
    assert.equal(body.event_action, "trigger");
    assert.equal(body.dedup_key, sample("root-console-signin").id);
    assert.equal(body.payload.severity, "critical");
    assert.match(body.payload.summary, /^\[critical\] The root user signed in or called an API: ConsoleLogin$/);
    assert.match(body.links[0].href, /security-root-activity\.md$/);
    const sent = { receiver: "pagerduty", sent: [sample("root-console-signin").id] };
    assert.deepEqual(logs, [sent, sent]);
  });

  it("posts a warning to the Slack webhook read from Secrets Manager", async () => {
    const { makeHandler } = await load();
    const handler = makeHandler({
      secrets: secrets(SLACK_URL),
      fetch,
      env: { RECEIVER: "slack", SECRET_ARN: "arn:secret:slack", SLACK_CHANNEL: "#alerts-prod" },
    });
    const warning = messagesFor(await stackRun("prod"), sample("access-analyzer-public-bucket"))[0].message;
    await handler(record(warning));
    assert.equal(posts[0].url, SLACK_URL);
    assert.equal(posts[0].body.channel, "#alerts-prod");
    assert.match(posts[0].body.text, /^\[warning\] IAM Access Analyzer/);
    assert.match(posts[0].body.text, /Runbook: https:\S+security-access-analyzer\.md/);
  });

  it("resolves the PagerDuty incident of a CloudWatch alarm when it returns to OK", async () => {
    const { makeHandler } = await load();
    const handler = makeHandler({ secrets: secrets(PAGERDUTY_KEY), fetch, env: { RECEIVER: "pagerduty", SECRET_ARN: "s" } });
    const alarm = (state: string) =>
      JSON.stringify({
        AlarmName: "b2b-commerce-prod-critical-alb-5xx",
        NewStateValue: state,
        AlarmDescription: "x Runbook: https://r/docs/runbooks/alb-5xx.md",
      });
    await handler(record(alarm("ALARM")));
    await handler(record(alarm("OK")));
    assert.deepEqual(
      posts.map((p) => [p.body.event_action, p.body.dedup_key]),
      [
        ["trigger", "b2b-commerce-prod-critical-alb-5xx"],
        ["resolve", "b2b-commerce-prod-critical-alb-5xx"],
      ],
    );
  });

  it("fails (so Lambda retries, then parks it) when the receiver refuses, and skips a message that is not JSON", async () => {
    const { makeHandler } = await load();
    const refusing = async () => ({ ok: false, status: 429 });
    const handler = makeHandler({
      secrets: secrets(PAGERDUTY_KEY),
      fetch: refusing,
      env: { RECEIVER: "pagerduty", SECRET_ARN: "s" },
    });
    await assert.rejects(handler(record(message)), /pagerduty answered 429/);
    const ok = makeHandler({ secrets: secrets(PAGERDUTY_KEY), fetch, env: { RECEIVER: "pagerduty", SECRET_ARN: "s" } });
    assert.deepEqual(await ok(record("not json")), { sent: [] });
    assert.deepEqual(logs, [
      { skipped: "not JSON", messageId: "m-1" },
      { receiver: "pagerduty", sent: [] },
    ]);
  });
});
