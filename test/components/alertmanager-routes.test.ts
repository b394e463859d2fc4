/**
 * The Alertmanager configuration held against the real amtool: `check-config` accepts it and
 * `config routes test` sends each kind of alert to the receivers docs/observability.md names,
 * with and without the Slack and PagerDuty secrets.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import { alertmanagerConfig, ReceiverValues, routeSummary } from "../../components/observability/alertmanager";
import { needTool, run, tempFiles } from "../support/real-tools";

const BASE: ReceiverValues = {
  topicArn: "arn:aws:sns:eu-central-1:123456789012:alerts",
  region: "eu-central-1",
  slackChannel: "#alerts",
};
const SLACK = "https://hooks.slack.com/services/T0000/B0000/planted-webhook";
const PAGERDUTY = "planted-routing-key-0123456789abcdef";

/** Labels of each kind of alert (Watchdog and InfoInhibitor as the chart's general rules fire them). */
const ALERTS: Record<string, string[]> = {
  critical: ["alertname=ApiSloAvailabilityBurnRateFast", "severity=critical", "namespace=api"],
  warning: ["alertname=NodePressure", "severity=warning"],
  info: ["alertname=KubeletTooManyPods", "severity=info", "namespace=kube-system"],
  Watchdog: ["alertname=Watchdog", "severity=none"],
  InfoInhibitor: ["alertname=InfoInhibitor", "severity=none", "namespace=kube-system"],
};

const VARIANTS: { name: string; values: ReceiverValues; want: Record<string, string> }[] = [
  {
    name: "Slack and PagerDuty set",
    values: { ...BASE, slackWebhookUrl: SLACK, pagerDutyRoutingKey: PAGERDUTY },
    want: { critical: "email,pagerduty", warning: "email,slack", info: "slack", Watchdog: "null", InfoInhibitor: "null" },
  },
  {
    name: "only Slack set",
    values: { ...BASE, slackWebhookUrl: SLACK },
    want: { critical: "email", warning: "email,slack", info: "slack", Watchdog: "null", InfoInhibitor: "null" },
  },
  {
    name: "only PagerDuty set",
    values: { ...BASE, pagerDutyRoutingKey: PAGERDUTY },
    want: { critical: "email,pagerduty", warning: "email", info: "null", Watchdog: "null", InfoInhibitor: "null" },
  },
  {
    name: "no receiver secret",
    values: BASE,
    want: { critical: "email", warning: "email", info: "null", Watchdog: "null", InfoInhibitor: "null" },
  },
];

describe("Alertmanager routes (amtool)", () => {
  for (const v of VARIANTS) {
    describe(v.name, () => {
      let dir: string;
      before(() => {
        dir = tempFiles({ "alertmanager.yaml": JSON.stringify(alertmanagerConfig(v.values), null, 2) });
      });
      after(() => fs.rmSync(dir, { recursive: true, force: true }));

      it("amtool check-config accepts the configuration", function () {
        needTool(this, "amtool");
        const r = run("amtool", ["check-config", "alertmanager.yaml"], dir);
        assert.equal(r.status, 0, r.output);
      });

      for (const [kind, labels] of Object.entries(ALERTS)) {
        it(`${kind} alerts reach ${v.want[kind]}`, function () {
          needTool(this, "amtool");
          const r = run("amtool", ["config", "routes", "test", "--config.file=alertmanager.yaml", ...labels], dir);
          assert.equal(r.status, 0, r.output);
          assert.equal(r.stdout.trim(), v.want[kind], r.output);
        });
      }

      it("the route summary (stack output alertRoutes) says the same", () => {
        const s = routeSummary(v.values.pagerDutyRoutingKey !== undefined, v.values.slackWebhookUrl !== undefined);
        assert.equal(s.info, v.want.info);
        assert.equal([s.all, s.critical].filter(Boolean).join(","), v.want.critical);
        assert.equal([s.all, s.warning].filter(Boolean).join(","), v.want.warning);
      });
    });
  }
});
