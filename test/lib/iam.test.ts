import { strict as assert } from "node:assert";
import { SERVICE_TRUST } from "../../lib/iam";
import { STACKS, stackRun } from "../support/stacks";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The condition keys each service's own documentation shows in the trust policy of the role it
 * assumes (pages cited in lib/iam.ts). A condition a service does not send makes AssumeRole fail.
 */
const DOCUMENTED: Record<string, string[]> = {
  "ec2.amazonaws.com": [],
  "eks.amazonaws.com": [],
  "lambda.amazonaws.com": [],
  "rds.amazonaws.com": [],
  "backup.amazonaws.com": [],
  "monitoring.rds.amazonaws.com": ["aws:SourceAccount"],
  "firehose.amazonaws.com": ["sts:ExternalId"],
  "logs.amazonaws.com": ["aws:SourceArn"],
  "vpc-flow-logs.amazonaws.com": ["aws:SourceAccount", "aws:SourceArn"],
  "events.amazonaws.com": ["aws:SourceAccount"],
  "cloudtrail.amazonaws.com": ["aws:SourceAccount"],
  "scheduler.amazonaws.com": ["aws:SourceAccount"],
  "fis.amazonaws.com": ["aws:SourceAccount", "aws:SourceArn"],
};

const conditionKeys = (s: Json) =>
  Object.values((s.Condition ?? {}) as Record<string, Json>)
    .flatMap((c) => Object.keys(c))
    .sort();

describe("service trust policies", () => {
  it("the trust table covers exactly the documented services", () => {
    assert.deepEqual(Object.keys(SERVICE_TRUST).sort(), Object.keys(DOCUMENTED).sort());
  });

  for (const stack of STACKS) {
    it(`${stack}: every service role trusts one service with only the conditions its documentation shows`, async () => {
      const run = await stackRun(stack);
      const seen = new Set<string>();
      for (const role of run.resources.filter((r) => r.type === "aws:iam/role:Role")) {
        const doc = JSON.parse(role.inputs.assumeRolePolicy as string);
        for (const s of doc.Statement as Json[]) {
          const service = s.Principal?.Service as string | undefined;
          if (!service) continue;
          assert.ok(service in DOCUMENTED, `${role.name}: ${service} is not in lib/iam.ts SERVICE_TRUST`);
          assert.deepEqual(conditionKeys(s), DOCUMENTED[service], `${role.name} (${service})`);
          seen.add(service);
        }
      }
      assert.ok(seen.has("ec2.amazonaws.com"), "the node role was checked");
    });
  }

  it("scopes the flow-log and subscription roles to the account's own ARNs in the region", async () => {
    const run = await stackRun("prod");
    const trust = (name: string) =>
      JSON.parse(run.resources.find((r) => r.type === "aws:iam/role:Role" && r.name === name)!.inputs.assumeRolePolicy as string)
        .Statement[0];
    assert.deepEqual(trust("flow-logs-role").Condition, {
      StringEquals: { "aws:SourceAccount": "111122223333" },
      ArnLike: { "aws:SourceArn": "arn:*:ec2:eu-central-1:111122223333:vpc-flow-log/*" },
    });
    assert.deepEqual(trust("log-archive-subscription-role").Condition, {
      ArnLike: { "aws:SourceArn": "arn:*:logs:eu-central-1:111122223333:*" },
    });
  });
});
