import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Naming } from "../../lib/naming";
import { createClientVpn, createSessionAccess } from "./admin-access";
import { AccountContext, auditArchive } from "./archive";
import { deadLetterAlarm, deadLetterQueue } from "./dead-letters";
import { createAccessAnalyzers, createGuardDuty, createInspector } from "./detection";
import { createFindingRules } from "./findings";
import { createIdentityControls } from "./identity";
import { createConfigRecorder, createSecurityHub } from "./posture";
import { createResponders } from "./responders";
import { createTrail } from "./trail";
import type { SecuritySettings } from "../../infra/sections/security";
import { Runbooks } from "../../lib/runbooks";
import { ORGANIZATION_OWNED_SERVICES } from "./types";

export * from "./types";

export interface SecurityArgs extends SecuritySettings {
  /** Builds physical names. */
  naming: Naming;
  region: string;
  /** Links each finding route to its page in docs/runbooks. */
  runbooks: Runbooks;
  /** Buckets holding customer data: CloudTrail records their object-level events. */
  customerDataBucketNames: pulumi.Input<string>[];
  /** The stack's alert topic and its key (components/alerting). */
  alertTopicArn: pulumi.Input<string>;
  alertTopicKeyArn: pulumi.Input<string>;
  vpcId: pulumi.Input<string>;
  vpcCidr: pulumi.Input<string>;
  privateSubnetIds: pulumi.Output<string[]>;
  /** The nodes' IAM role (Session Manager agent permissions). */
  nodeRoleName: pulumi.Input<string>;
  /** Where the port-forwarding document points: the RDS Proxy, or the writer without one. */
  database: { host: pulumi.Input<string>; port: number };
  /** us-east-1, where global-service events arrive (forwarded to this region's bus). */
  usEast1Provider?: pulumi.ProviderResource;
}

/**
 * The account's detective controls, findings routed to people by severity, automated first
 * responses, and administrative access without SSH. See docs/security.md for the control matrix.
 *
 * `member` mode creates only what a member account owns (identity controls, the archive for its
 * own session transcripts, the finding rules and responses, admin access, account analyzers);
 * the organisation's delegated administrator runs the trail, detector, hub, recorder and
 * Inspector. The component refuses an organisation-owned service in member mode even if config
 * validation was bypassed.
 */
export class Security extends pulumi.ComponentResource {
  /** The trail (standalone) or the organisation trail (member). */
  readonly trailArn: pulumi.Output<string>;
  readonly auditBucketName: pulumi.Output<string>;
  readonly breakGlassRoleArn: pulumi.Output<string>;
  /** The GuardDuty detector: created (standalone) or the organisation-managed one read back (member). */
  readonly detectorId: pulumi.Output<string | undefined>;
  readonly quarantineSecurityGroupId: pulumi.Output<string>;

  constructor(name: string, args: SecurityArgs, opts?: pulumi.ComponentResourceOptions) {
    super("b2b:security:Security", name, {}, opts);
    const { naming, services } = args;
    if (args.mode === "member") {
      const owned = ORGANIZATION_OWNED_SERVICES.filter((s) => services[s]);
      if (owned.length > 0) throw new Error(`Security ${name}: member mode cannot create organisation-owned ${owned.join(", ")}`);
      if (!args.organization) throw new Error(`Security ${name}: member mode needs the organisation trail and log archive`);
    }
    const parent = { parent: this };
    const identity = aws.getCallerIdentityOutput({}, parent);
    const ctx: AccountContext = {
      accountId: identity.accountId,
      callerArn: identity.arn,
      partition: aws.getPartitionOutput({}, parent).partition,
      region: args.region,
    };
    const trailName = naming.physical("trail");

    const archive = auditArchive(this, {
      naming,
      ctx,
      trailName,
      objectLockMode: args.objectLockMode,
      retentionDays: args.auditLogRetentionDays,
      immediateDays: args.auditLogImmediateDays,
      writers: { cloudTrail: services.cloudTrail, guardDuty: services.guardDuty, config: services.config },
    });

    let trailArn: pulumi.Output<string>;
    if (services.cloudTrail) {
      trailArn = createTrail(this, {
        naming,
        ctx,
        trailName,
        bucket: archive.bucket,
        bucketPolicy: archive.bucketPolicy,
        keyArn: archive.key.arn,
        logRetentionDays: args.auditLogImmediateDays,
        customerDataBucketNames: args.customerDataBucketNames,
      }).trail.arn;
    } else {
      trailArn = pulumi.output(args.organization?.trailArn ?? "");
    }

    let detectorId: pulumi.Output<string | undefined>;
    if (services.guardDuty) {
      detectorId = createGuardDuty(this, {
        naming,
        ctx,
        bucketArn: archive.bucket.arn,
        bucketPolicy: archive.bucketPolicy,
        keyArn: archive.key.arn,
      }).id;
    } else if (args.mode === "member") {
      // The organisation's detector in this account and region (fails the run if there is none).
      detectorId = aws.guardduty.getDetectorOutput({}, parent).id;
    } else {
      detectorId = pulumi.output(undefined);
    }
    if (services.securityHub) createSecurityHub(this, ctx);
    else if (args.mode === "member") aws.securityhub.getEnabledStandardsOutput({}, parent);
    if (services.config) {
      createConfigRecorder(this, {
        naming,
        bucket: archive.bucket,
        bucketPolicy: archive.bucketPolicy,
        keyArn: archive.key.arn,
        recordGlobalResourceTypes: true,
      });
    }
    if (services.inspector) createInspector(this, ctx);
    if (services.accessAnalyzer) createAccessAnalyzers(this, naming);

    const idc = createIdentityControls(this, naming, ctx);
    createSessionAccess(this, {
      naming,
      ctx,
      bucket: archive.bucket,
      keyArn: archive.key.arn,
      logRetentionDays: args.auditLogImmediateDays,
      nodeRoleName: args.nodeRoleName,
      database: args.database,
    });
    if (args.clientVpn) {
      createClientVpn(this, {
        naming,
        vpcId: args.vpcId,
        vpcCidr: args.vpcCidr,
        subnetIds: args.privateSubnetIds,
        ...args.clientVpn,
        keyArn: archive.key.arn,
        logRetentionDays: args.auditLogImmediateDays,
      });
    }
    const deadLetters = deadLetterQueue(this, {
      naming,
      ctx,
      region: args.region,
      name: "security-events-dlq",
      rulePrefixes: ["finding", "respond"],
    });
    deadLetterAlarm(this, naming, args.runbooks, args.alertTopicArn, deadLetters);
    createFindingRules(this, {
      deadLetterArn: deadLetters.arn,
      naming,
      ctx,
      alertTopicArn: args.alertTopicArn,
      runbooks: args.runbooks,
      breakGlass: { arn: idc.breakGlass.arn, name: idc.breakGlassName },
      usEast1Provider: args.usEast1Provider,
    });
    const responders = createResponders(this, {
      naming,
      ctx,
      mode: args.responses,
      deadLetterArn: deadLetters.arn,
      runbooks: args.runbooks,
      alertTopicArn: args.alertTopicArn,
      alertTopicKeyArn: args.alertTopicKeyArn,
      logKeyArn: archive.key.arn,
      logRetentionDays: args.auditLogImmediateDays,
      vpcId: args.vpcId,
    });

    this.trailArn = trailArn;
    this.auditBucketName = archive.bucket.bucket;
    this.breakGlassRoleArn = idc.breakGlass.arn;
    this.detectorId = detectorId;
    this.quarantineSecurityGroupId = responders.quarantine.id;
    this.registerOutputs({
      trailArn: this.trailArn,
      auditBucketName: this.auditBucketName,
      breakGlassRoleArn: this.breakGlassRoleArn,
      detectorId: this.detectorId,
      quarantineSecurityGroupId: this.quarantineSecurityGroupId,
    });
  }
}
