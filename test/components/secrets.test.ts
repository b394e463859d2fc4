/**
 * The secrets checks can fail: the values they search for are really produced by the mocks and the
 * planted config, and a leak planted into the real program (`pulumi.unsecret` into an annotation)
 * is found by the same search the component tests use.
 */
import { strict as assert } from "node:assert";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { runStack } from "../../tools/harness";
import { MOCK_RANDOM_PASSWORD, MOCK_RANDOM_RESULT } from "../../tools/mocks";
import { plaintextLeaks } from "../support/secrets";
import { stackRun } from "../support/stacks";

const SLACK_URL = "https://hooks.slack.com/services/T0PLANT/B0PLANT/plantedSlackToken77";
const PAGERDUTY_KEY = "plantedPagerDutyKey0123456789abc";
const PLANTED = [SLACK_URL, PAGERDUTY_KEY, MOCK_RANDOM_RESULT, MOCK_RANDOM_PASSWORD];

const realProgram = () => (require("../../infra") as () => Promise<Record<string, unknown>>)();

describe("secrets checks (planted values and a planted leak)", () => {
  it("the real program leaks none of the values the mocks generate (receiver secrets: observability.test.ts)", async () => {
    const run = await stackRun("prod");
    assert.deepEqual(plaintextLeaks(run, [MOCK_RANDOM_RESULT, MOCK_RANDOM_PASSWORD]), []);
    assert.ok(
      run.resources.some((r) => r.type === "random:index/randomPassword:RandomPassword"),
      "random passwords were generated",
    );
  });

  it("finds each planted value once the program writes it, unsecreted, into an annotation", async () => {
    const run = await runStack("prod", {
      secrets: { slackWebhookUrl: SLACK_URL, pagerDutyRoutingKey: PAGERDUTY_KEY },
      program: async () => {
        const outputs = await realProgram();
        const config = new pulumi.Config();
        const generated = new random.RandomPassword("planted-leak", { length: 24 });
        const bootstrap = pulumi.output(
          // The same invoke the database's bootstrap password comes from.
          (await import("@pulumi/aws")).secretsmanager.getRandomPasswordOutput({ passwordLength: 32 }),
        ).randomPassword;
        new k8s.core.v1.ConfigMap("planted-leak", {
          metadata: {
            annotations: {
              slack: pulumi.unsecret(config.requireSecret("slackWebhookUrl")),
              pagerduty: pulumi.unsecret(config.requireSecret("pagerDutyRoutingKey")),
              random: pulumi.unsecret(generated.result),
              bootstrap: pulumi.unsecret(bootstrap),
            },
          },
        });
        return outputs;
      },
    });
    assert.deepEqual(plaintextLeaks(run, PLANTED).sort(), [...PLANTED].sort());
  });
});
