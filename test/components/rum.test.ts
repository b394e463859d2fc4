/**
 * Real user monitoring per stack: the app monitor for the storefront domain, the guest identity pool
 * (enhanced flow only), the guest role that can do nothing but rum:PutRumEvents on that monitor
 * (evaluated by the IAM policy simulator, not by string matching), the web-vital and error-rate
 * alarms on the alert topic, and the dashboard.
 */
import { strict as assert } from "node:assert";
import { loadConfig } from "../../infra/config";
import { readStackConfig, RegisteredResource, StackRun } from "../../tools/harness";
import { rumConnectSources, withConnectSources } from "../../components/rum/csp";
import { evaluate } from "../bootstrap/iam-simulator";
import { STACKS, stackRun } from "../support/stacks";

const ACCOUNT = "111122223333";
const ofType = (run: StackRun, type: string) => run.resources.filter((r) => r.type === type);
const one = (run: StackRun, type: string): RegisteredResource => {
  const found = ofType(run, type);
  assert.equal(found.length, 1, `one ${type}, found ${found.length}`);
  return found[0];
};
const json = (v: unknown) => (typeof v === "string" ? JSON.parse(v) : v) as { Statement: Record<string, unknown>[] };

describe("real user monitoring (components/rum)", () => {
  for (const stack of STACKS) {
    describe(stack, () => {
      let run: StackRun;
      const config = () => loadConfig("b2b-commerce", stack, readStackConfig(stack));
      const monitorArn = `arn:aws:rum:eu-central-1:${ACCOUNT}:appmonitor/b2b-commerce-${stack}-storefront-rum`;
      before(async () => {
        run = await stackRun(stack);
      });

      it("one app monitor for the storefront domain, with the pool, the sample rate and no guest role (enhanced flow)", () => {
        const m = one(run, "aws:rum/appMonitor:AppMonitor").inputs;
        assert.equal(m.name, `b2b-commerce-${stack}-storefront-rum`);
        assert.equal(m.domain, config().edge.storefrontHost);
        const c = m.appMonitorConfiguration as Record<string, unknown>;
        assert.equal(c.identityPoolId, one(run, "aws:cognito/identityPool:IdentityPool").name + "-id");
        assert.equal(c.sessionSampleRate, config().rum.sessionSamplePercent / 100);
        assert.deepEqual(c.telemetries, ["performance", "errors", "http"]);
        // aws-rum-web takes the classic flow whenever guestRoleArn is set; the pool refuses it.
        assert.equal(c.guestRoleArn, undefined);
        assert.equal(m.cwLogEnabled, false);
      });

      it("the identity pool allows guests through the enhanced flow only, and hands them the guest role", () => {
        const pool = one(run, "aws:cognito/identityPool:IdentityPool").inputs;
        assert.equal(pool.identityPoolName, `b2b-commerce-${stack}-rum-guests`);
        assert.equal(pool.allowUnauthenticatedIdentities, true);
        assert.equal(pool.allowClassicFlow, false);
        const att = one(run, "aws:cognito/identityPoolRoleAttachment:IdentityPoolRoleAttachment").inputs;
        assert.deepEqual(att.roles, { unauthenticated: `arn:aws:iam::${ACCOUNT}:role/b2b-commerce-${stack}-rum-guest` });
        assert.equal(att.identityPoolId, "guests-id");
      });

      it("the guest role is assumable only by this pool's unauthenticated identities (IAM simulator)", () => {
        const role = ofType(run, "aws:iam/role:Role").find((r) => r.inputs.name === `b2b-commerce-${stack}-rum-guest`);
        assert.ok(role);
        const trust = json(role.inputs.assumeRolePolicy);
        const assume = (aud: string, amr: string[]) =>
          evaluate({
            principal: "cognito-identity.amazonaws.com",
            action: "sts:AssumeRoleWithWebIdentity",
            resource: `arn:aws:iam::${ACCOUNT}:role/b2b-commerce-${stack}-rum-guest`,
            accountId: ACCOUNT,
            context: { "cognito-identity.amazonaws.com:aud": aud, "cognito-identity.amazonaws.com:amr": amr },
            resourcePolicy: trust,
          });
        assert.equal(assume("guests-id", ["unauthenticated"]), "Allowed");
        assert.notEqual(assume("eu-central-1:another-pool", ["unauthenticated"]), "Allowed");
        assert.notEqual(assume("guests-id", ["authenticated", "accounts.google.com"]), "Allowed");
      });

      it("the guest role may call rum:PutRumEvents on this monitor and nothing else (IAM simulator)", () => {
        const policies = ofType(run, "aws:iam/rolePolicy:RolePolicy").filter((p) => String(p.inputs.role).includes("guest-role"));
        const attached = ofType(run, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((p) =>
          String(p.inputs.role).includes("rum-guest"),
        );
        assert.equal(policies.length, 1);
        assert.equal(attached.length, 0, "no managed policy on the guest role");
        const role = ofType(run, "aws:iam/role:Role").find((r) => r.inputs.name === `b2b-commerce-${stack}-rum-guest`)!;
        assert.equal(role.inputs.managedPolicyArns, undefined);
        const doc = json(policies[0].inputs.policy);
        const can = (action: string, resource: string) =>
          evaluate({
            principal: `arn:aws:iam::${ACCOUNT}:role/b2b-commerce-${stack}-rum-guest`,
            action,
            resource,
            accountId: ACCOUNT,
            identityPolicies: [doc],
          }) === "Allowed";
        assert.ok(can("rum:PutRumEvents", monitorArn));
        assert.ok(!can("rum:PutRumEvents", `arn:aws:rum:eu-central-1:${ACCOUNT}:appmonitor/other`));
        for (const action of [
          "rum:GetAppMonitorData",
          "rum:UpdateAppMonitor",
          "rum:DeleteAppMonitor",
          "cloudwatch:PutMetricData",
        ])
          assert.ok(!can(action, monitorArn), action);
        assert.ok(!can("s3:GetObject", "arn:aws:s3:::any-bucket/key"));
        assert.deepEqual(
          doc.Statement.map((s) => [s.Effect, s.Action, s.Resource]),
          [["Allow", "rum:PutRumEvents", monitorArn]],
        );
      });

      it("alarms: p75 LCP, INP and CLS at the configured thresholds and the JS error rate, to the alert topic", () => {
        const r = config().rum;
        const alarms = ofType(run, "aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) => /-rum-/.test(String(a.inputs.name)));
        const byName = Object.fromEntries(
          alarms.map((a) => [String(a.inputs.name).replace(`b2b-commerce-${stack}-warning-`, ""), a.inputs]),
        );
        assert.deepEqual(Object.keys(byName).sort(), ["rum-cls-p75", "rum-inp-p75", "rum-js-error-rate", "rum-lcp-p75"]);
        const topic = `arn:aws:sns:eu-central-1:${ACCOUNT}:b2b-commerce-${stack}-alerts`;
        const vitals: [string, string, number][] = [
          ["rum-lcp-p75", "WebVitalsLargestContentfulPaint", r.lcpP75Ms],
          ["rum-inp-p75", "WebVitalsInteractionToNextPaint", r.inpP75Ms],
          ["rum-cls-p75", "WebVitalsCumulativeLayoutShift", r.clsP75],
        ];
        for (const [name, metric, threshold] of vitals) {
          const a = byName[name];
          assert.equal(a.namespace, "AWS/RUM");
          assert.equal(a.metricName, metric);
          assert.equal(a.extendedStatistic, "p75");
          assert.equal(a.statistic, undefined);
          assert.deepEqual(a.dimensions, { application_name: `b2b-commerce-${stack}-storefront-rum` });
          assert.equal(a.threshold, threshold);
          assert.equal(a.comparisonOperator, "GreaterThanThreshold");
          assert.deepEqual(a.alarmActions, [topic]);
          assert.match(String(a.alarmDescription), new RegExp(`docs/runbooks/${name}\\.md`));
        }
        const e = byName["rum-js-error-rate"];
        assert.equal(e.threshold, r.jsErrorsPer100PageViews);
        assert.deepEqual(e.alarmActions, [topic]);
        const q = e.metricQueries as { id: string; expression?: string; metric?: { metricName: string } }[];
        assert.deepEqual(
          q.map((x) => x.metric?.metricName ?? x.expression),
          ["JsErrorCount", "PageViewCount", `IF(views >= ${r.minPageViews}, 100 * FILL(errors, 0) / views, 0)`],
        );
      });

      it("a dashboard of the web vitals, page views and errors of this monitor", () => {
        const d = one(run, "aws:cloudwatch/dashboard:Dashboard").inputs;
        const body = JSON.parse(String(d.dashboardBody)) as { widgets: { properties: { metrics: unknown[][] } }[] };
        const metrics = body.widgets.flatMap((w) =>
          w.properties.metrics.map((m) => m.filter((x) => typeof x === "string").join(" ")),
        );
        for (const m of [
          "WebVitalsLargestContentfulPaint",
          "WebVitalsInteractionToNextPaint",
          "WebVitalsCumulativeLayoutShift",
          "JsErrorCount",
          "PageViewCount",
        ])
          assert.ok(
            metrics.some((x) => x.includes(`AWS/RUM ${m} application_name b2b-commerce-${stack}-storefront-rum`)),
            m,
          );
      });

      it("the stack outputs what the web client needs", () => {
        assert.equal(run.outputs.rumIdentityPoolId, "guests-id");
        assert.match(String(run.outputs.rumAppMonitorId), /^[0-9a-f-]{36}$/);
      });
    });
  }
});

describe("real user monitoring: bad config", () => {
  it("refuses a sample rate outside 1-100 and a CLS threshold above 1, naming stack, key, value and what is allowed", () => {
    const raw = readStackConfig("prod");
    raw["b2b-commerce:rum"] = JSON.stringify({ sessionSamplePercent: 0, clsP75: 3 });
    assert.throws(
      () => loadConfig("b2b-commerce", "prod", raw),
      (e: Error) =>
        /stack "prod"/.test(e.message) &&
        /"b2b-commerce:rum.sessionSamplePercent" is 0; allowed: an integer from 1 to 100/.test(e.message) &&
        /"b2b-commerce:rum.clsP75" is 3; allowed: a cumulative layout shift score from 0.01 to 1/.test(e.message),
    );
  });
});

describe("real user monitoring: the storefront's Content-Security-Policy admits the web client", () => {
  const sources = rumConnectSources("eu-central-1");

  it("adds a connect-src from default-src when there is none, keeping every other directive", () => {
    assert.equal(
      withConnectSources("default-src 'self'; img-src https:", sources),
      `default-src 'self'; img-src https:; connect-src 'self' ${sources.join(" ")}`,
    );
    assert.equal(withConnectSources("img-src https:", sources), `img-src https:; connect-src 'self' ${sources.join(" ")}`);
  });

  it("extends an existing connect-src once", () => {
    const once = withConnectSources("default-src 'none'; connect-src 'self' https://api.example.com;", sources);
    assert.equal(once, `default-src 'none'; connect-src 'self' https://api.example.com ${sources.join(" ")}`);
    assert.equal(withConnectSources(once, sources), once);
  });

  it("every stack's CloudFront security headers allow the RUM data plane and Cognito of the stack's region", async () => {
    for (const stack of STACKS) {
      const run = await stackRun(stack);
      const h = one(run, "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy").inputs.securityHeadersConfig as {
        contentSecurityPolicy: { contentSecurityPolicy: string };
      };
      const connect = h.contentSecurityPolicy.contentSecurityPolicy.split(";").find((d) => d.trim().startsWith("connect-src"));
      for (const s of sources) assert.ok(connect?.includes(s), `${stack}: ${s} not in ${connect}`);
    }
  });
});
