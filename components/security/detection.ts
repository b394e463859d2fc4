import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Naming } from "../../lib/naming";
import { AccountContext, PREFIX } from "./archive";

/**
 * GuardDuty protection plans as `DetectorFeature` names of @pulumi/aws 7.48 (the detector's
 * `datasources` argument is deprecated). RUNTIME_MONITORING already covers EKS: it must not be
 * combined with EKS_RUNTIME_MONITORING (GuardDuty API reference, DetectorFeatureConfiguration).
 * The managed agent is installed on EKS (add-on) and EC2 nodes (SSM) by GuardDuty itself.
 */
export const GUARDDUTY_FEATURES: { name: string; additionalConfiguration?: string[] }[] = [
  { name: "S3_DATA_EVENTS" },
  { name: "EKS_AUDIT_LOGS" },
  { name: "EBS_MALWARE_PROTECTION" },
  { name: "RDS_LOGIN_EVENTS" },
  { name: "LAMBDA_NETWORK_LOGS" },
  { name: "RUNTIME_MONITORING", additionalConfiguration: ["EKS_ADDON_MANAGEMENT", "EC2_AGENT_MANAGEMENT"] },
];

export interface GuardDutyArgs {
  naming: Naming;
  ctx: AccountContext;
  bucketArn: pulumi.Input<string>;
  bucketPolicy: aws.s3.BucketPolicy;
  keyArn: pulumi.Input<string>;
}

/** The account's detector with every current protection plan, exporting findings to the audit archive. */
export function createGuardDuty(parent: pulumi.Resource, args: GuardDutyArgs) {
  const detector = new aws.guardduty.Detector(
    "guardduty",
    // Findings reach EventBridge (and people) within 15 minutes instead of the default 6 hours.
    { enable: true, findingPublishingFrequency: "FIFTEEN_MINUTES", tags: { Name: args.naming.physical("guardduty") } },
    { parent },
  );
  for (const f of GUARDDUTY_FEATURES) {
    new aws.guardduty.DetectorFeature(
      `guardduty-${f.name.toLowerCase().replace(/_/g, "-")}`,
      {
        detectorId: detector.id,
        name: f.name,
        status: "ENABLED",
        ...(f.additionalConfiguration
          ? { additionalConfigurations: f.additionalConfiguration.map((name) => ({ name, status: "ENABLED" })) }
          : {}),
      },
      { parent },
    );
  }
  new aws.guardduty.PublishingDestination(
    "guardduty-export",
    {
      detectorId: detector.id,
      destinationType: "S3",
      destinationArn: pulumi.interpolate`${args.bucketArn}/${PREFIX.guardDuty}`,
      kmsKeyArn: args.keyArn,
    },
    // GuardDuty checks the bucket and key policies when the destination is created.
    { parent, dependsOn: [args.bucketPolicy] },
  );
  return detector;
}

/** Amazon Inspector scanning of ECR images and EC2 instances (the cluster's nodes). */
export function createInspector(parent: pulumi.Resource, ctx: AccountContext) {
  return new aws.inspector2.Enabler("inspector", { accountIds: [ctx.accountId], resourceTypes: ["ECR", "EC2"] }, { parent });
}

/** Days after which an unused role, key, password or permission is a finding (PCI DSS 8.2.6: 90 days). */
export const UNUSED_ACCESS_AGE_DAYS = 90;

/** IAM Access Analyzer: resources shared outside the account, and access granted but unused. */
export function createAccessAnalyzers(parent: pulumi.Resource, naming: Naming) {
  const external = new aws.accessanalyzer.Analyzer(
    "external-access",
    { analyzerName: naming.physical("external-access"), type: "ACCOUNT", tags: { Name: naming.physical("external-access") } },
    { parent },
  );
  const unused = new aws.accessanalyzer.Analyzer(
    "unused-access",
    {
      analyzerName: naming.physical("unused-access"),
      type: "ACCOUNT_UNUSED_ACCESS",
      configuration: { unusedAccess: { unusedAccessAge: UNUSED_ACCESS_AGE_DAYS } },
      tags: { Name: naming.physical("unused-access") },
    },
    { parent },
  );
  return { external, unused };
}
