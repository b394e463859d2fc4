import { allowedTagValues } from "../policies/tagging/allowed-tag-values";
import { dataStoreClassification } from "../policies/tagging/datastore-require-classification";
import { requiredTags } from "../policies/tagging/required-tags";
import { UNKNOWN_STRING } from "../lib/props";
import { analyze, assertEqual, describePolicy } from "./helpers";

const tagsAll = {
  Project: "b2b-commerce",
  Environment: "prod",
  Owner: "platform",
  CostCenter: "cc-1",
  ManagedBy: "pulumi",
  Name: "x",
};

describe("policy-pack tagging", () => {
  describePolicy({
    policy: requiredTags,
    type: "aws:sqs/queue:Queue",
    otherType: "kubernetes:core/v1:Namespace",
    compliant: { name: "q", tagsAll },
    alsoCompliant: [{ name: "tags only (no tagsAll, as under mocks)", change: (p) => ((p.tags = p.tagsAll), delete p.tagsAll) }],
    violations: [
      { name: "Owner missing", change: (p) => delete p.tagsAll.Owner, expect: "Missing required tags: Owner" },
      { name: "no tags at all", change: (p) => delete p.tagsAll, expect: "Project, Environment, Owner, CostCenter, ManagedBy" },
      {
        name: "a configured extra tag missing",
        change: () => undefined,
        expect: "Missing required tags: Team",
        config: { requiredTags: ["Team"] },
      },
    ],
  });
  it("tagsAll unknown at preview is undecided, not a violation", async () => {
    const r = await analyze(requiredTags, { type: "aws:sqs/queue:Queue", props: { tagsAll: UNKNOWN_STRING } });
    assertEqual([r.violations, r.cannotRunAtPreview], [[], true], "result");
  });
  describePolicy({
    policy: allowedTagValues,
    type: "aws:sqs/queue:Queue",
    otherType: "kubernetes:core/v1:Namespace",
    compliant: { tagsAll: { ...tagsAll, DataClassification: "internal" } },
    violations: [
      {
        name: "Environment production",
        change: (p) => (p.tagsAll.Environment = "production"),
        expect: 'Environment="production"',
      },
      {
        name: "DataClassification secret",
        change: (p) => (p.tagsAll.DataClassification = "secret"),
        expect: "public, internal, confidential, restricted",
      },
    ],
    unknown: ["tagsAll"],
  });
  describePolicy({
    policy: dataStoreClassification,
    type: "aws:rds/instance:Instance",
    compliant: { tagsAll: { ...tagsAll, DataClassification: "confidential" } },
    alsoCompliant: [{ name: "a bucket with tags", type: "aws:s3/bucket:Bucket", change: () => undefined }],
    violations: [
      { name: "no DataClassification", change: (p) => delete p.tagsAll.DataClassification, expect: "No DataClassification tag" },
    ],
    unknown: ["tagsAll"],
  });
});
