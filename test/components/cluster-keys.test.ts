/**
 * The EBS key names the EC2 Auto Scaling service-linked role, which exists only after an account's
 * first Auto Scaling group; KMS rejects a key policy whose principal does not exist. In a fresh
 * account the program creates the role first and the key takes its ARN from it; in an account that
 * has it, nothing is created.
 */
import { strict as assert } from "node:assert";
import { RegisteredResource, StackRun } from "../../tools/harness";
import { MOCK_ACCOUNT_ID } from "../../tools/mocks";
import { stackRun, stackRunWith } from "../support/stacks";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SLR_ARN = `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;

const one = (run: StackRun, type: string, name: string): RegisteredResource => {
  const found = run.resources.filter((r) => r.type === type && r.name === name);
  assert.equal(found.length, 1, `${type} ${name}`);
  return found[0];
};
const autoScalingStatements = (key: RegisteredResource): Json[] =>
  (JSON.parse(key.inputs.policy as string).Statement as Json[]).filter((s) => String(s.Sid).startsWith("AutoScaling"));

describe("EBS key and the Auto Scaling service-linked role", () => {
  it("fresh account: creates AWSServiceRoleForAutoScaling (kept on delete) and orders the EBS key after it", async () => {
    const run = await stackRun("prod");
    const slr = one(run, "aws:iam/serviceLinkedRole:ServiceLinkedRole", "autoscaling-service-linked-role");
    assert.equal(slr.inputs.awsServiceName, "autoscaling.amazonaws.com");
    assert.equal(slr.retainOnDelete, true, "the account's role outlives the stack");
    const key = one(run, "aws:kms/key:Key", "ebs-key");
    const statements = autoScalingStatements(key);
    assert.equal(statements.length, 2);
    for (const s of statements) assert.equal(s.Principal.AWS, SLR_ARN);
    assert.ok((key.propertyDependencies?.policy ?? []).includes(slr.urn), "the key policy waits for the role");
  });

  const roleExists = stackRunWith("dev", {
    invokes: { "aws:iam/getRoles:getRoles": { arns: [SLR_ARN], names: ["AWSServiceRoleForAutoScaling"], id: "roles" } },
  });
  it("account that has the role: creates none and names the existing role", async () => {
    const run = await roleExists;
    const autoscaling = run.resources.filter(
      (r) => r.type === "aws:iam/serviceLinkedRole:ServiceLinkedRole" && r.inputs.awsServiceName === "autoscaling.amazonaws.com",
    );
    assert.equal(autoscaling.length, 0);
    for (const s of autoScalingStatements(one(run, "aws:kms/key:Key", "ebs-key"))) assert.equal(s.Principal.AWS, SLR_ARN);
  });
});
