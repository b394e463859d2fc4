/**
 * On-call as code (components/oncall) per stack with `onCall.enabled`: the PagerDuty provider,
 * schedules, escalation policy, service and integrations, and that the integrations' generated
 * routing keys reach Alertmanager's PagerDuty receiver and the alert topic's PagerDuty function
 * as secrets only: the raw registrations carry them inside Pulumi's secret wrapper, nothing shows
 * them in clear, and a planted leak of such a key is found by the same search.
 */
import * as assert from "node:assert/strict";
import * as k8s from "@pulumi/kubernetes";
import * as pagerduty from "@pulumi/pagerduty";
import * as pulumi from "@pulumi/pulumi";
import { ESCALATION_DELAY_MINUTES, EVENTS_API_V2, handoverStart, ROTATION_SECONDS } from "../../components/oncall";
import { ConfigError, loadConfig } from "../../infra/config";
import { projectName, readStackConfig, RegisteredResource, runStack, SECRET_MASK, StackRun } from "../../tools/harness";
import { mockPagerDutyKey } from "../../tools/mocks";
import { plaintextLeaks } from "../support/secrets";
import { STACKS, stackRun } from "../support/stacks";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const USERS = ["PABC123", "PDEF456", "PGHI789"];
const TOKEN = "u+PlantedPagerDutyTk"; // 20 characters, like a PagerDuty REST API key
const ON_CALL = { enabled: true, users: USERS, timeZone: "Europe/Berlin" };
const ALERTMANAGER_KEY = mockPagerDutyKey("alertmanager-id");
const ALERT_TOPIC_KEY = mockPagerDutyKey("alert-topic-id");
/** The secret wrapper of Pulumi's wire format (a secret input arrives as `{ [SIG]: SECRET, value }`). */
const SIG = "4dabf18193072939515e22adb298388d";
const SECRET = "1b47061264138c4ac30d75fd1eb44270";

const realProgram = () => (require("../../infra") as () => Promise<Record<string, unknown>>)();

/** Runs the real program (plus `extra`) and keeps the raw, unmasked inputs of every registration. */
async function runRaw(stack: string, extra?: () => void) {
  const raw = new Map<string, { inputs: Json; secretOutputs: string[] }>();
  const run = await runStack(stack, {
    config: { onCall: JSON.stringify(ON_CALL) },
    secrets: { pagerDutyToken: TOKEN },
    program: async () => {
      const monitor = pulumi.runtime.getMonitor() as any; // eslint-disable-line @typescript-eslint/no-explicit-any
      const register = monitor.registerResource.bind(monitor);
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      monitor.registerResource = (req: any, cb: unknown) => {
        raw.set(`${req.getType()} ${req.getName()}`, {
          inputs: req.getObject()?.toJavaScript() ?? {},
          secretOutputs: req.getAdditionalsecretoutputsList(),
        });
        return register(req, cb);
      };
      const outputs = await realProgram();
      extra?.();
      return outputs;
    },
  });
  return { run, raw };
}

const isSecretWrapper = (v: unknown, value?: (s: unknown) => boolean): boolean =>
  typeof v === "object" && v !== null && (v as Json)[SIG] === SECRET && (value ? value((v as Json).value) : true);

function named(run: StackRun, type: string, name: string): Json {
  const r = run.resources.find((x: RegisteredResource) => x.type === type && x.name === name);
  assert.ok(r, `${type} ${name} registered`);
  return r.inputs as Json;
}

for (const stack of STACKS) {
  describe(`on-call as code (${stack}, onCall.enabled)`, () => {
    let run: StackRun;
    let raw: Map<string, { inputs: Json; secretOutputs: string[] }>;
    before(async () => ({ run, raw } = await runRaw(stack)));

    it("configures the PagerDuty provider with the secret token only", () => {
      const provider = named(run, "pulumi:providers:pagerduty", "pagerduty");
      assert.equal(provider.token, SECRET_MASK);
      for (const r of run.resources.filter((x) => x.type.startsWith("pagerduty:")))
        assert.match(
          r.provider ?? "",
          /pulumi:providers:pagerduty::pagerduty$/,
          `${r.type} ${r.name} uses the explicit provider`,
        );
    });

    it("rotates weekly from a fixed Monday 09:00 handover; the secondary is the next person", () => {
      const primary = named(run, "pagerduty:index/schedule:Schedule", "primary");
      const secondary = named(run, "pagerduty:index/schedule:Schedule", "secondary");
      for (const s of [primary, secondary]) {
        assert.equal(s.timeZone, "Europe/Berlin");
        assert.equal(s.layers[0].rotationTurnLengthSeconds, ROTATION_SECONDS);
        assert.equal(s.layers[0].start, "2026-01-05T09:00:00+01:00");
        assert.equal(s.layers[0].rotationVirtualStart, s.layers[0].start);
      }
      assert.deepEqual(primary.layers[0].users, USERS);
      assert.deepEqual(secondary.layers[0].users, ["PDEF456", "PGHI789", "PABC123"]);
    });

    it("escalates primary -> secondary after 15 minutes, twice round, for the platform service", () => {
      const policy = named(run, "pagerduty:index/escalationPolicy:EscalationPolicy", "escalation");
      assert.equal(policy.numLoops, 2);
      assert.deepEqual(
        policy.rules.map((r: Json) => [r.escalationDelayInMinutes, r.targets]),
        [
          [ESCALATION_DELAY_MINUTES, [{ type: "schedule_reference", id: "primary-id" }]],
          [ESCALATION_DELAY_MINUTES, [{ type: "schedule_reference", id: "secondary-id" }]],
        ],
      );
      const service = named(run, "pagerduty:index/service:Service", "service");
      assert.equal(service.name, `b2b-commerce-${stack}-platform`);
      assert.equal(service.escalationPolicy, "escalation-id");
      assert.deepEqual(service.incidentUrgencyRule, { type: "constant", urgency: "high" });
    });

    it("creates one Events API v2 integration per sender, its key declared a secret output", () => {
      for (const name of ["alertmanager", "alert-topic"]) {
        const i = named(run, "pagerduty:index/serviceIntegration:ServiceIntegration", name);
        assert.deepEqual([i.type, i.service], [EVENTS_API_V2, "service-id"]);
        assert.deepEqual(raw.get(`pagerduty:index/serviceIntegration:ServiceIntegration ${name}`)!.secretOutputs, [
          "integrationKey",
        ]);
      }
    });

    it("wires the generated keys, as secrets, into Alertmanager's receiver and the alert topic's PagerDuty function", () => {
      // The Kubernetes SDK marks a Secret's whole stringData secret; the config inside holds the key.
      const data = raw.get("kubernetes:core/v1:Secret alertmanager-config")!.inputs.stringData;
      assert.ok(
        isSecretWrapper(data, (v) =>
          JSON.parse((v as Json)["alertmanager.yaml"]).receivers.some(
            (r: Json) => r.pagerduty_configs?.[0].routing_key === ALERTMANAGER_KEY,
          ),
        ),
        "Alertmanager's config is a secret holding the alertmanager integration's key",
      );
      const version = raw.get("aws:secretsmanager/secretVersion:SecretVersion alerts-pagerduty-secret-value")!.inputs;
      assert.ok(
        isSecretWrapper(version.secretString, (v) => v === ALERT_TOPIC_KEY),
        "the function's secret holds the alert-topic key",
      );
      assert.deepEqual(plaintextLeaks(run, [ALERTMANAGER_KEY, ALERT_TOPIC_KEY, TOKEN]), [], "no key or token in clear");
    });
  });
}

describe("on-call as code: the leak check can fail, and it is off by default", () => {
  it("finds a PagerDuty-generated key written, unsecreted, into an annotation", async () => {
    const { run } = await runRaw("dev", () => {
      const leaked = new pagerduty.ServiceIntegration("planted", { service: "planted", type: EVENTS_API_V2 });
      new k8s.core.v1.ConfigMap("planted-leak", { metadata: { annotations: { key: leaked.integrationKey } } });
    });
    assert.deepEqual(plaintextLeaks(run, [mockPagerDutyKey("planted-id"), ALERTMANAGER_KEY]), [mockPagerDutyKey("planted-id")]);
  });

  it("creates no PagerDuty resource in the committed stacks (onCall.enabled is false)", async () => {
    for (const stack of STACKS) {
      const run = await stackRun(stack);
      assert.deepEqual(
        run.resources.filter((r) => r.type.includes("pagerduty")).map((r) => r.type),
        [],
        stack,
      );
    }
  });

  it("computes the handover's offset from the time zone", () => {
    assert.equal(handoverStart("UTC"), "2026-01-05T09:00:00+00:00");
    assert.equal(handoverStart("America/New_York"), "2026-01-05T09:00:00-05:00");
    assert.equal(handoverStart("Asia/Kolkata"), "2026-01-05T09:00:00+05:30");
  });

  it("rejects onCall.enabled without the token or with one user, naming the key", () => {
    const project = projectName();
    const problems = (onCall: unknown, token?: string): string[] => {
      const raw = { ...readStackConfig("staging"), [`${project}:onCall`]: JSON.stringify(onCall) };
      if (token) raw[`${project}:pagerDutyToken`] = token;
      try {
        loadConfig(project, "staging", raw);
        return [];
      } catch (e) {
        assert.ok(e instanceof ConfigError);
        return e.problems;
      }
    };
    assert.deepEqual(problems(ON_CALL, TOKEN), []);
    assert.ok(
      problems(ON_CALL).some((p) => p.includes("pagerDutyToken")),
      "token required",
    );
    assert.ok(
      problems({ ...ON_CALL, users: ["PABC123"] }, TOKEN).some((p) => p.includes("onCall.users")),
      "two users",
    );
  });
});
