import * as fs from "node:fs";
import * as path from "node:path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Naming } from "../../lib/naming";
import { AccountContext, PREFIX } from "./archive";
import { STANDARDS, StandardKey, standardArn } from "./standards";

/** The platform's PCI DSS conformance pack (AWS managed Config rules; see the file's header). */
export const CONFORMANCE_PACK_FILE = path.join(__dirname, "pci-conformance-pack.yaml");
/** `templateBody` limit of PutConformancePack (AWS Config API reference). */
export const TEMPLATE_BODY_LIMIT = 51_200;

/**
 * Security Hub CSPM with the default standards off (they would add CIS v1.2.0) and explicit
 * subscriptions to FSBP, CIS AWS Foundations and PCI DSS v4.0.1 in this region; consolidated
 * control findings (one finding per control across standards).
 */
export function createSecurityHub(parent: pulumi.Resource, ctx: AccountContext) {
  const hub = new aws.securityhub.Account(
    "security-hub",
    { enableDefaultStandards: false, controlFindingGenerator: "SECURITY_CONTROL", autoEnableControls: true },
    { parent },
  );
  const subscriptions = (Object.keys(STANDARDS) as StandardKey[]).map(
    (key) =>
      new aws.securityhub.StandardsSubscription(
        `standard-${key}`,
        { standardsArn: ctx.partition.apply((p) => standardArn(p, ctx.region, key)) },
        { parent, dependsOn: [hub] },
      ),
  );
  return { hub, subscriptions };
}

export interface ConfigRecorderArgs {
  naming: Naming;
  bucket: aws.s3.Bucket;
  bucketPolicy: aws.s3.BucketPolicy;
  keyArn: pulumi.Input<string>;
  /** Record IAM and other global resource types here (true in exactly one region of the account). */
  recordGlobalResourceTypes: boolean;
}

/**
 * AWS Config: a continuous recorder of all supported resource types through the service-linked
 * role (Security Hub Config.1 checks for it), a delivery channel to the audit archive (SSE-KMS),
 * and the PCI DSS conformance pack. Global types (IAM) are recorded in one region only, so their
 * configuration items are not billed once per region.
 */
export function createConfigRecorder(parent: pulumi.Resource, args: ConfigRecorderArgs) {
  const { naming } = args;
  const role = new aws.iam.ServiceLinkedRole("config-service-role", { awsServiceName: "config.amazonaws.com" }, { parent });
  const recorder = new aws.cfg.Recorder(
    "config-recorder",
    {
      name: naming.physical("config"),
      roleArn: role.arn,
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: args.recordGlobalResourceTypes },
      recordingMode: { recordingFrequency: "CONTINUOUS" },
    },
    { parent },
  );
  const channel = new aws.cfg.DeliveryChannel(
    "config-delivery",
    {
      name: naming.physical("config"),
      s3BucketName: args.bucket.bucket,
      s3KeyPrefix: PREFIX.config,
      s3KmsKeyArn: args.keyArn,
      snapshotDeliveryProperties: { deliveryFrequency: "TwentyFour_Hours" },
    },
    { parent, dependsOn: [recorder, args.bucketPolicy] },
  );
  const status = new aws.cfg.RecorderStatus(
    "config-recorder-status",
    { name: recorder.name, isEnabled: true },
    { parent, dependsOn: [channel] },
  );
  const templateBody = fs.readFileSync(CONFORMANCE_PACK_FILE, "utf8");
  const pack = new aws.cfg.ConformancePack(
    "pci-dss-pack",
    { name: naming.physical("pci-dss"), templateBody },
    // Conformance pack rules evaluate only what a running recorder records.
    { parent, dependsOn: [status] },
  );
  return { recorder, channel, status, pack, role };
}
