/** RDS clusters and snapshots, copies, S3 access points and objects, EC2 and EBS, NLBs, ACM, KMS, Secrets Manager rotation and CloudFront headers. */
import { acmCertificateRequireStrongKey } from "../policies/acm/certificate-require-strong-key";
import { acmCertificateRequireTransparencyLogging } from "../policies/acm/certificate-require-transparency-logging";
import { cloudfrontResponseHeadersPolicyRequireHsts } from "../policies/cloudfront/response-headers-policy-require-hsts";
import { ebsEncryptionByDefaultRequireEnabled } from "../policies/ebs/encryption-by-default-require-enabled";
import { ebsSnapshotCopyRequireKms } from "../policies/ebs/snapshot-copy-require-kms";
import { ec2DefaultVpcDisallowAdoption } from "../policies/ec2/default-vpc-disallow-adoption";
import { ec2InstanceRequireImdsv2 } from "../policies/ec2/instance-require-imdsv2";
import { ec2LaunchTemplateDisallowPublicIp } from "../policies/ec2/launch-template-disallow-public-ip";
import { ec2LaunchTemplateDisallowSecretsInUserData } from "../policies/ec2/launch-template-disallow-secrets-in-user-data";
import { ec2LaunchTemplateRestrictMetadataHopLimit } from "../policies/ec2/launch-template-restrict-metadata-hop-limit";
import { ec2NetworkAclRuleDisallowWorldAdminPorts } from "../policies/ec2/network-acl-rule-disallow-world-admin-ports";
import { ec2RouteRestrictPeeringDestination } from "../policies/ec2/route-restrict-peering-destination";
import { ec2VpcEndpointServiceRequireAcceptance } from "../policies/ec2/vpc-endpoint-service-require-acceptance";
import { eksNodeGroupDisallowOpenRemoteAccess } from "../policies/eks/node-group-disallow-open-remote-access";
import { kmsKeyRequireEnabled } from "../policies/kms/key-require-enabled";
import { lbLoadBalancerRequireCrossZone } from "../policies/lb/load-balancer-require-cross-zone";
import { rdsClusterInstanceDisallowPublicAccess } from "../policies/rds/cluster-instance-disallow-public-access";
import { rdsClusterInstancePerformanceInsightsRequireKms } from "../policies/rds/cluster-instance-performance-insights-require-kms";
import { rdsClusterRequireCopyTagsToSnapshot } from "../policies/rds/cluster-require-copy-tags-to-snapshot";
import { rdsClusterRequireIamAuthentication } from "../policies/rds/cluster-require-iam-authentication";
import { rdsClusterRequireLogExports } from "../policies/rds/cluster-require-log-exports";
import { rdsClusterRequireStorageEncryption } from "../policies/rds/cluster-require-storage-encryption";
import { rdsClusterSnapshotDisallowPublicSharing } from "../policies/rds/cluster-snapshot-disallow-public-sharing";
import { rdsGlobalClusterRequireStorageEncryption } from "../policies/rds/global-cluster-require-storage-encryption";
import { rdsInstanceAutomatedBackupsReplicationRequireKms } from "../policies/rds/instance-automated-backups-replication-require-kms";
import { rdsInstanceRequireCopyTagsToSnapshot } from "../policies/rds/instance-require-copy-tags-to-snapshot";
import { rdsInstanceRequireIamAuthentication } from "../policies/rds/instance-require-iam-authentication";
import { rdsInstanceRequireModernCa } from "../policies/rds/instance-require-modern-ca";
import { rdsSnapshotCopyRequireKms } from "../policies/rds/snapshot-copy-require-kms";
import { rdsSnapshotDisallowPublicSharing } from "../policies/rds/snapshot-disallow-public-sharing";
import { s3AccessPointRequirePublicAccessBlock } from "../policies/s3/access-point-require-public-access-block";
import { s3AccessPointRequireVpcOrigin } from "../policies/s3/access-point-require-vpc-origin";
import { s3BucketLifecycleRequireAbortIncompleteUploads } from "../policies/s3/bucket-lifecycle-require-abort-incomplete-uploads";
import { s3BucketObjectRequireKms } from "../policies/s3/bucket-object-require-kms";
import { s3ObjectCopyRequireKms } from "../policies/s3/object-copy-require-kms";
import { secretsmanagerSecretRotationRestrictInterval } from "../policies/secretsmanager/secret-rotation-restrict-interval";
import { describePolicy, Props } from "./helpers";

describe("policy-pack more-aws", () => {
  describePolicy({
    policy: rdsClusterRequireStorageEncryption,
    type: "aws:rds/cluster:Cluster",
    compliant: {
      clusterIdentifier: "shop",
      engine: "aurora-postgresql",
      engineVersion: "16.6",
      storageEncrypted: true,
      kmsKeyId: "arn:aws:kms:eu-central-1:111122223333:key/db",
      iamDatabaseAuthenticationEnabled: true,
      enabledCloudwatchLogsExports: ["postgresql"],
      copyTagsToSnapshot: true,
      deletionProtection: true,
      backupRetentionPeriod: 14,
      finalSnapshotIdentifier: "shop-final",
    },
    alsoCompliant: [
      {
        name: "a cross-region replica with its key",
        change: (p) => (
          delete p.storageEncrypted,
          (p.replicationSourceIdentifier = "arn:aws:rds:eu-west-1:111122223333:cluster:shop")
        ),
      },
    ],
    violations: [
      { name: "unencrypted", change: (p) => (p.storageEncrypted = false), expect: "storageEncrypted is not true" },
      { name: "managed key", change: (p) => delete p.kmsKeyId, expect: "No kmsKeyId" },
      {
        name: "a replica without key",
        change: (p) => (delete p.kmsKeyId, (p.globalClusterIdentifier = "g")),
        expect: "replica or global cluster member",
      },
    ],
    unknown: ["storageEncrypted"],
  });

  describePolicy({
    policy: rdsClusterRequireIamAuthentication,
    type: "aws:rds/cluster:Cluster",
    compliant: {
      clusterIdentifier: "shop",
      engine: "aurora-postgresql",
      engineVersion: "16.6",
      storageEncrypted: true,
      kmsKeyId: "arn:aws:kms:eu-central-1:111122223333:key/db",
      iamDatabaseAuthenticationEnabled: true,
      enabledCloudwatchLogsExports: ["postgresql"],
      copyTagsToSnapshot: true,
      deletionProtection: true,
      backupRetentionPeriod: 14,
      finalSnapshotIdentifier: "shop-final",
    },
    violations: [
      {
        name: "off",
        change: (p) => delete p.iamDatabaseAuthenticationEnabled,
        expect: "iamDatabaseAuthenticationEnabled is off",
      },
    ],
    unknown: ["iamDatabaseAuthenticationEnabled"],
  });

  describePolicy({
    policy: rdsClusterRequireLogExports,
    type: "aws:rds/cluster:Cluster",
    compliant: {
      clusterIdentifier: "shop",
      engine: "aurora-postgresql",
      engineVersion: "16.6",
      storageEncrypted: true,
      kmsKeyId: "arn:aws:kms:eu-central-1:111122223333:key/db",
      iamDatabaseAuthenticationEnabled: true,
      enabledCloudwatchLogsExports: ["postgresql"],
      copyTagsToSnapshot: true,
      deletionProtection: true,
      backupRetentionPeriod: 14,
      finalSnapshotIdentifier: "shop-final",
    },
    alsoCompliant: [
      {
        name: "Aurora MySQL with its logs",
        change: (p) => ((p.engine = "aurora-mysql"), (p.enabledCloudwatchLogsExports = ["audit", "error", "slowquery"])),
      },
    ],
    violations: [
      { name: "none", change: (p) => delete p.enabledCloudwatchLogsExports, expect: "lacks postgresql" },
      {
        name: "MySQL without audit",
        change: (p) => ((p.engine = "aurora-mysql"), (p.enabledCloudwatchLogsExports = ["error", "slowquery"])),
        expect: "lacks audit",
      },
    ],
    unknown: ["engine", "enabledCloudwatchLogsExports"],
  });

  describePolicy({
    policy: rdsClusterRequireCopyTagsToSnapshot,
    type: "aws:rds/cluster:Cluster",
    compliant: {
      clusterIdentifier: "shop",
      engine: "aurora-postgresql",
      engineVersion: "16.6",
      storageEncrypted: true,
      kmsKeyId: "arn:aws:kms:eu-central-1:111122223333:key/db",
      iamDatabaseAuthenticationEnabled: true,
      enabledCloudwatchLogsExports: ["postgresql"],
      copyTagsToSnapshot: true,
      deletionProtection: true,
      backupRetentionPeriod: 14,
      finalSnapshotIdentifier: "shop-final",
    },
    violations: [{ name: "off", change: (p) => delete p.copyTagsToSnapshot, expect: "copyTagsToSnapshot is off" }],
    unknown: ["copyTagsToSnapshot"],
  });

  describePolicy({
    policy: rdsInstanceRequireCopyTagsToSnapshot,
    type: "aws:rds/instance:Instance",
    compliant: { engine: "postgres", instanceClass: "db.r7g.large", copyTagsToSnapshot: true },
    violations: [{ name: "off", change: (p) => delete p.copyTagsToSnapshot, expect: "copyTagsToSnapshot is off" }],
    unknown: ["copyTagsToSnapshot"],
  });

  describePolicy({
    policy: rdsInstanceRequireIamAuthentication,
    type: "aws:rds/instance:Instance",
    compliant: { engine: "postgres", instanceClass: "db.r7g.large", iamDatabaseAuthenticationEnabled: true },
    alsoCompliant: [
      { name: "SQL Server", change: (p) => ((p.engine = "sqlserver-se"), delete p.iamDatabaseAuthenticationEnabled) },
      { name: "a replica (engine inherited)", change: (p) => delete p.engine },
    ],
    violations: [
      {
        name: "off",
        change: (p) => delete p.iamDatabaseAuthenticationEnabled,
        expect: "iamDatabaseAuthenticationEnabled is off",
      },
    ],
    unknown: ["engine", "iamDatabaseAuthenticationEnabled"],
  });

  describePolicy({
    policy: rdsInstanceRequireModernCa,
    type: "aws:rds/instance:Instance",
    compliant: { engine: "postgres", instanceClass: "db.r7g.large", caCertIdentifier: "rds-ca-rsa2048-g1" },
    alsoCompliant: [{ name: "the default", change: (p) => delete p.caCertIdentifier }],
    violations: [
      { name: "2019", change: (p) => (p.caCertIdentifier = "rds-ca-2019"), expect: "caCertIdentifier is rds-ca-2019" },
    ],
    unknown: ["caCertIdentifier"],
  });

  describePolicy({
    policy: rdsClusterInstanceDisallowPublicAccess,
    type: "aws:rds/clusterInstance:ClusterInstance",
    compliant: {
      clusterIdentifier: "shop",
      instanceClass: "db.r7g.large",
      engine: "aurora-postgresql",
      publiclyAccessible: false,
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: "arn:aws:kms:eu-central-1:111122223333:key/db",
    },
    violations: [{ name: "public", change: (p) => (p.publiclyAccessible = true), expect: "publiclyAccessible is true" }],
    unknown: ["publiclyAccessible"],
  });

  describePolicy({
    policy: rdsClusterInstancePerformanceInsightsRequireKms,
    type: "aws:rds/clusterInstance:ClusterInstance",
    compliant: {
      clusterIdentifier: "shop",
      instanceClass: "db.r7g.large",
      engine: "aurora-postgresql",
      publiclyAccessible: false,
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: "arn:aws:kms:eu-central-1:111122223333:key/db",
    },
    alsoCompliant: [
      {
        name: "Performance Insights off",
        change: (p) => ((p.performanceInsightsEnabled = false), delete p.performanceInsightsKmsKeyId),
      },
    ],
    violations: [
      { name: "managed key", change: (p) => delete p.performanceInsightsKmsKeyId, expect: "without performanceInsightsKmsKeyId" },
    ],
    unknown: ["performanceInsightsEnabled"],
  });

  describePolicy({
    policy: rdsSnapshotDisallowPublicSharing,
    type: "aws:rds/snapshot:Snapshot",
    compliant: { dbSnapshotIdentifier: "s", dbClusterSnapshotIdentifier: "s", sharedAccounts: ["444455556666"] },
    alsoCompliant: [{ name: "not shared", change: (p) => delete p.sharedAccounts }],
    violations: [{ name: "public", change: (p) => (p.sharedAccounts = ["all"]), expect: "sharedAccounts includes all" }],
    unknown: ["sharedAccounts"],
  });

  describePolicy({
    policy: rdsClusterSnapshotDisallowPublicSharing,
    type: "aws:rds/clusterSnapshot:ClusterSnapshot",
    compliant: { dbSnapshotIdentifier: "s", dbClusterSnapshotIdentifier: "s", sharedAccounts: ["444455556666"] },
    alsoCompliant: [{ name: "not shared", change: (p) => delete p.sharedAccounts }],
    violations: [{ name: "public", change: (p) => (p.sharedAccounts = ["all"]), expect: "sharedAccounts includes all" }],
    unknown: ["sharedAccounts"],
  });

  describePolicy({
    policy: rdsSnapshotCopyRequireKms,
    type: "aws:rds/snapshotCopy:SnapshotCopy",
    compliant: {
      kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:key/dr",
      sourceDbSnapshotIdentifier: "s",
      targetDbSnapshotIdentifier: "t",
    },
    violations: [{ name: "missing", change: (p) => delete p.kmsKeyId, expect: "No kmsKeyId" }],
  });

  describePolicy({
    policy: rdsInstanceAutomatedBackupsReplicationRequireKms,
    type: "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication",
    compliant: {
      kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:key/dr",
      sourceDbInstanceArn: "arn:aws:rds:eu-central-1:111122223333:db:shop",
      retentionPeriod: 14,
    },
    violations: [{ name: "missing", change: (p) => delete p.kmsKeyId, expect: "No kmsKeyId" }],
  });

  describePolicy({
    policy: ebsSnapshotCopyRequireKms,
    type: "aws:ebs/snapshotCopy:SnapshotCopy",
    compliant: {
      kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:key/dr",
      sourceSnapshotId: "snap-1",
      sourceRegion: "eu-central-1",
      encrypted: true,
    },
    violations: [{ name: "missing", change: (p) => delete p.kmsKeyId, expect: "No kmsKeyId" }],
  });

  describePolicy({
    policy: s3ObjectCopyRequireKms,
    type: "aws:s3/objectCopy:ObjectCopy",
    compliant: {
      kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:key/dr",
      bucket: "b",
      key: "k",
      source: "src/k",
      serverSideEncryption: "aws:kms",
    },
    violations: [{ name: "missing", change: (p) => delete p.kmsKeyId, expect: "No kmsKeyId" }],
  });

  describePolicy({
    policy: rdsGlobalClusterRequireStorageEncryption,
    type: "aws:rds/globalCluster:GlobalCluster",
    compliant: { globalClusterIdentifier: "shop", engine: "aurora-postgresql", storageEncrypted: true },
    violations: [{ name: "missing", change: (p) => delete p.storageEncrypted, expect: "storageEncrypted is not true" }],
    unknown: ["storageEncrypted"],
  });

  describePolicy({
    policy: s3AccessPointRequirePublicAccessBlock,
    type: "aws:s3/accessPoint:AccessPoint",
    compliant: {
      bucket: "b",
      name: "ap",
      vpcConfiguration: { vpcId: "vpc-1" },
      publicAccessBlockConfiguration: {
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
    },
    alsoCompliant: [{ name: "defaults", change: (p) => delete p.publicAccessBlockConfiguration }],
    violations: [
      {
        name: "public policies allowed",
        change: (p) => (p.publicAccessBlockConfiguration.blockPublicPolicy = false),
        expect: "blockPublicPolicy is false",
      },
      {
        name: "public buckets not restricted",
        change: (p) => (p.publicAccessBlockConfiguration.restrictPublicBuckets = false),
        expect: "restrictPublicBuckets is false",
      },
    ],
    unknown: ["publicAccessBlockConfiguration", "publicAccessBlockConfiguration.blockPublicAcls"],
  });

  describePolicy({
    policy: s3AccessPointRequireVpcOrigin,
    type: "aws:s3/accessPoint:AccessPoint",
    compliant: { bucket: "b", name: "ap", vpcConfiguration: { vpcId: "vpc-1" } },
    alsoCompliant: [
      { name: "listed for internet origin", change: (p) => delete p.vpcConfiguration, config: { internetAccessPoints: ["ap"] } },
    ],
    violations: [{ name: "internet origin", change: (p) => delete p.vpcConfiguration, expect: "has internet origin" }],
    unknown: ["name", "vpcConfiguration.vpcId"],
  });

  describePolicy({
    policy: s3BucketObjectRequireKms,
    type: "aws:s3/bucketObjectv2:BucketObjectv2",
    compliant: {
      bucket: "b",
      key: "k",
      serverSideEncryption: "aws:kms",
      kmsKeyId: "arn:aws:kms:eu-central-1:111122223333:key/s3",
    },
    alsoCompliant: [
      { name: "bucket default", change: (p) => (delete p.serverSideEncryption, delete p.kmsKeyId) },
      { name: "the v1 type", change: (p) => void p, type: "aws:s3/bucketObject:BucketObject" },
    ],
    violations: [
      {
        name: "AES256",
        change: (p) => ((p.serverSideEncryption = "AES256"), delete p.kmsKeyId),
        expect: "serverSideEncryption is AES256",
      },
      { name: "managed key", change: (p) => delete p.kmsKeyId, expect: "without kmsKeyId" },
    ],
    unknown: ["serverSideEncryption", "kmsKeyId"],
  });

  describePolicy({
    policy: s3BucketLifecycleRequireAbortIncompleteUploads,
    type: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    compliant: {
      bucket: "b",
      rules: [{ id: "r", status: "Enabled", filter: {}, abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } }],
    },
    violations: [
      { name: "missing", change: (p) => delete p.rules[0].abortIncompleteMultipartUpload, expect: "No enabled rule aborts" },
      { name: "rule disabled", change: (p) => (p.rules[0].status = "Disabled"), expect: "No enabled rule aborts" },
    ],
    unknown: ["rules"],
  });

  describePolicy({
    policy: ebsEncryptionByDefaultRequireEnabled,
    type: "aws:ebs/encryptionByDefault:EncryptionByDefault",
    compliant: { enabled: true },
    violations: [{ name: "off", change: (p) => (p.enabled = false), expect: "enabled is false" }],
    unknown: ["enabled"],
  });

  describePolicy({
    policy: ec2DefaultVpcDisallowAdoption,
    type: "aws:ec2/defaultVpc:DefaultVpc",
    compliant: { forceDestroy: true },
    violations: [{ name: "adopted", change: (p) => delete p.forceDestroy, expect: "The default VPC is adopted" }],
    unknown: ["forceDestroy"],
  });

  describePolicy({
    policy: ec2LaunchTemplateRestrictMetadataHopLimit,
    type: "aws:ec2/launchTemplate:LaunchTemplate",
    compliant: {
      name: "nodes",
      metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 },
      userData: "IyEvYmluL2Jhc2gKZWNobyBoZWxsbw==",
    },
    alsoCompliant: [
      { name: "2 where allowed", change: (p) => (p.metadataOptions.httpPutResponseHopLimit = 2), config: { maximumHops: 2 } },
      { name: "an instance", change: (p) => void p, type: "aws:ec2/instance:Instance" },
    ],
    violations: [
      { name: "2", change: (p) => (p.metadataOptions.httpPutResponseHopLimit = 2), expect: "httpPutResponseHopLimit is 2" },
    ],
    unknown: ["metadataOptions", "metadataOptions.httpPutResponseHopLimit"],
  });

  describePolicy({
    policy: ec2LaunchTemplateDisallowPublicIp,
    type: "aws:ec2/launchTemplate:LaunchTemplate",
    compliant: {
      name: "nodes",
      metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 },
      userData: "IyEvYmluL2Jhc2gKZWNobyBoZWxsbw==",
      networkInterfaces: [{ deviceIndex: 0, associatePublicIpAddress: "false" }],
    },
    alsoCompliant: [
      {
        name: "an instance without public IP",
        change: (p) => (p.associatePublicIpAddress = false),
        type: "aws:ec2/instance:Instance",
      },
    ],
    violations: [
      {
        name: "public",
        change: (p) => (p.networkInterfaces[0].associatePublicIpAddress = "true"),
        expect: "associatePublicIpAddress is true",
      },
    ],
    unknown: ["networkInterfaces", "networkInterfaces.0.associatePublicIpAddress"],
  });

  describePolicy({
    policy: ec2LaunchTemplateDisallowSecretsInUserData,
    type: "aws:ec2/launchTemplate:LaunchTemplate",
    compliant: {
      name: "nodes",
      metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 },
      userData: "IyEvYmluL2Jhc2gKZWNobyBoZWxsbw==",
    },
    alsoCompliant: [{ name: "no user data", change: (p) => delete p.userData }],
    violations: [
      {
        name: "an access key (base64)",
        change: (p) =>
          (p.userData = Buffer.from("#!/bin/bash\nexport AWS_ACCESS_KEY_ID=AKIAABCDEFGHIJKLMNOP\n").toString("base64")),
        expect: "an AWS access key id",
      },
      {
        name: "a literal password",
        change: (p) => (p.userData = Buffer.from("#!/bin/bash\nDB_PASSWORD=hunter2\n").toString("base64")),
        expect: "DB_PASSWORD to a literal value",
      },
    ],
    unknown: ["userData"],
  });

  describePolicy({
    policy: ec2InstanceRequireImdsv2,
    type: "aws:ec2/instance:Instance",
    compliant: { ami: "ami-1", instanceType: "t4g.small", metadataOptions: { httpTokens: "required" } },
    alsoCompliant: [
      { name: "from a launch template", change: (p) => (delete p.metadataOptions, (p.launchTemplate = { id: "lt-1" })) },
    ],
    violations: [
      { name: "optional", change: (p) => (p.metadataOptions.httpTokens = "optional"), expect: "httpTokens is optional" },
      { name: "unset", change: (p) => delete p.metadataOptions, expect: "unset (optional)" },
    ],
    unknown: ["metadataOptions.httpTokens"],
  });

  describePolicy({
    policy: ec2NetworkAclRuleDisallowWorldAdminPorts,
    type: "aws:ec2/networkAclRule:NetworkAclRule",
    compliant: {
      networkAclId: "acl-1",
      ruleNumber: 100,
      egress: false,
      protocol: "tcp",
      ruleAction: "allow",
      cidrBlock: "0.0.0.0/0",
      fromPort: 443,
      toPort: 443,
    },
    alsoCompliant: [
      { name: "egress", change: (p) => ((p.egress = true), (p.fromPort = 0), (p.toPort = 65535)) },
      { name: "a deny", change: (p) => ((p.ruleAction = "deny"), (p.fromPort = 22), (p.toPort = 22)) },
      { name: "a deny of everything", change: (p) => ((p.ruleAction = "deny"), (p.protocol = "-1")) },
      { name: "SSH from the office", change: (p) => ((p.cidrBlock = "203.0.113.0/24"), (p.fromPort = 22), (p.toPort = 22)) },
      {
        name: "SSH from a narrow IPv6 range",
        change: (p) => (delete p.cidrBlock, (p.ipv6CidrBlock = "2001:db8::/32"), (p.fromPort = 22), (p.toPort = 22)),
      },
      { name: "ICMP from anywhere", change: (p) => ((p.protocol = "icmp"), (p.fromPort = 0), (p.toPort = 0)) },
      { name: "just above SSH", change: (p) => ((p.fromPort = 23), (p.toPort = 3388)) },
      { name: "just below SSH", change: (p) => ((p.fromPort = 0), (p.toPort = 19)) },
      { name: "ports the config leaves out", change: (p) => ((p.fromPort = 20), (p.toPort = 21)), config: { ports: [22, 3389] } },
    ],
    violations: [
      {
        name: "SSH",
        change: (p) => ((p.fromPort = 22), (p.toPort = 22)),
        expect: "rule allows ingress from 0.0.0.0/0 to port(s) 22.",
      },
      {
        name: "SSH by protocol number",
        change: (p) => ((p.protocol = "6"), (p.fromPort = 22), (p.toPort = 22)),
        expect: "port(s) 22.",
      },
      {
        name: "RDP over UDP",
        change: (p) => ((p.protocol = "udp"), (p.fromPort = 3389), (p.toPort = 3389)),
        expect: "port(s) 3389.",
      },
      {
        name: "RDP by protocol number 17",
        change: (p) => ((p.protocol = "17"), (p.fromPort = 3389), (p.toPort = 3389)),
        expect: "port(s) 3389.",
      },
      { name: "a range over RDP", change: (p) => ((p.fromPort = 1024), (p.toPort = 4000)), expect: "port(s) 3389." },
      { name: "a range ending on FTP", change: (p) => ((p.fromPort = 0), (p.toPort = 20)), expect: "port(s) 20." },
      {
        name: "FTP control, in upper case",
        change: (p) => ((p.protocol = "TCP"), (p.fromPort = 21), (p.toPort = 21)),
        expect: "port(s) 21.",
      },
      {
        name: "all traffic",
        change: (p) => (p.protocol = "-1"),
        expect: "rule allows ingress from 0.0.0.0/0 on all protocols and ports",
      },
      { name: "all traffic by name", change: (p) => (p.protocol = "all"), expect: "on all protocols and ports" },
      {
        name: "IPv6",
        change: (p) => (delete p.cidrBlock, (p.ipv6CidrBlock = "::/0"), delete p.fromPort, delete p.toPort),
        expect: "rule allows ingress from ::/0 to port(s) 20, 21, 22, 3389.",
      },
      {
        name: "a port the config adds",
        change: (p) => ((p.fromPort = 8080), (p.toPort = 8080)),
        config: { ports: [8080] },
        expect: "port(s) 8080.",
      },
    ],
    unknown: ["egress", "ruleAction", "cidrBlock", "ipv6CidrBlock", "protocol", "fromPort", "toPort"],
  });

  const aclEntry = (ruleNo: number, action: string, fromPort: number, toPort: number, extra: Props = {}) => ({
    ruleNo,
    action,
    protocol: "tcp",
    cidrBlock: "0.0.0.0/0",
    fromPort,
    toPort,
    ...extra,
  });
  describePolicy({
    policy: ec2NetworkAclRuleDisallowWorldAdminPorts,
    type: "aws:ec2/networkAcl:NetworkAcl",
    compliant: {
      vpcId: "vpc-1",
      ingress: [
        aclEntry(100, "allow", 443, 443),
        aclEntry(110, "allow", 32768, 65535),
        aclEntry(120, "allow", 22, 22, { cidrBlock: "10.0.0.0/16" }),
      ],
      egress: [aclEntry(100, "allow", 0, 0, { protocol: "-1" })],
    },
    alsoCompliant: [
      { name: "no entries", change: (p) => (delete p.ingress, delete p.egress) },
      {
        name: "a deny before a wide allow (rule numbers, not list order, decide)",
        change: (p) => (p.ingress = [aclEntry(200, "allow", 0, 65535), aclEntry(100, "deny", 0, 3389)]),
      },
      {
        name: "the default ACL with a deny of everything first",
        type: "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl",
        change: (p) =>
          (p.ingress = [aclEntry(1, "deny", 0, 0, { protocol: "-1" }), aclEntry(2, "allow", 0, 0, { protocol: "-1" })]),
      },
      {
        name: "a narrower deny first does not hide a later world deny",
        change: (p) =>
          (p.ingress = [
            aclEntry(90, "allow", 22, 22, { cidrBlock: "203.0.113.0/24" }),
            aclEntry(100, "deny", 22, 22),
            aclEntry(110, "allow", 22, 22),
          ]),
      },
    ],
    violations: [
      {
        name: "SSH allowed before a deny",
        change: (p) => (p.ingress = [aclEntry(100, "allow", 22, 22), aclEntry(110, "deny", 0, 65535)]),
        expect: "ingress.0 allows ingress from 0.0.0.0/0 to port(s) 22.",
      },
      {
        name: "a wide allow numbered before the deny, though listed after it",
        change: (p) => (p.ingress = [aclEntry(200, "deny", 0, 65535), aclEntry(150, "allow", 3000, 4000)]),
        expect: "ingress.1 allows ingress from 0.0.0.0/0 to port(s) 3389.",
      },
      {
        name: "FTP and SSH through two entries, IPv6",
        change: (p) =>
          (p.ingress = [
            aclEntry(100, "allow", 20, 21, { cidrBlock: undefined, ipv6CidrBlock: "::/0" }),
            aclEntry(101, "allow", 22, 22, { cidrBlock: undefined, ipv6CidrBlock: "::/0" }),
          ]),
        expect: "ingress.1 allows ingress from ::/0 to port(s) 22.",
      },
      {
        name: "all traffic (the entry AWS puts in a default ACL)",
        change: (p) => (p.ingress = [aclEntry(100, "allow", 0, 0, { protocol: "-1" })]),
        expect: "ingress.0 allows ingress from 0.0.0.0/0 on all protocols and ports",
      },
    ],
    unknown: [
      "ingress",
      "ingress.0.ruleNo",
      "ingress.0.action",
      "ingress.0.cidrBlock",
      "ingress.0.protocol",
      "ingress.0.fromPort",
      "ingress.0.toPort",
      "ingress.2.ipv6CidrBlock",
    ],
    otherType: "aws:ec2/networkAclAssociation:NetworkAclAssociation",
  });

  describePolicy({
    policy: ec2VpcEndpointServiceRequireAcceptance,
    type: "aws:ec2/vpcEndpointService:VpcEndpointService",
    compliant: {
      acceptanceRequired: true,
      networkLoadBalancerArns: ["arn:aws:elasticloadbalancing:eu-central-1:111122223333:loadbalancer/net/x/1"],
    },
    violations: [{ name: "auto accept", change: (p) => (p.acceptanceRequired = false), expect: "acceptanceRequired is false" }],
    unknown: ["acceptanceRequired"],
  });

  describePolicy({
    policy: ec2RouteRestrictPeeringDestination,
    type: "aws:ec2/route:Route",
    compliant: { routeTableId: "rtb-1", destinationCidrBlock: "10.20.0.0/16", vpcPeeringConnectionId: "pcx-1" },
    alsoCompliant: [
      {
        name: "a default route to a NAT gateway",
        change: (p) => (delete p.vpcPeeringConnectionId, (p.destinationCidrBlock = "0.0.0.0/0"), (p.natGatewayId = "nat-1")),
      },
    ],
    violations: [
      { name: "everything", change: (p) => (p.destinationCidrBlock = "0.0.0.0/0"), expect: "sends all traffic to the peer" },
    ],
    unknown: ["vpcPeeringConnectionId", "destinationCidrBlock"],
  });

  describePolicy({
    policy: eksNodeGroupDisallowOpenRemoteAccess,
    type: "aws:eks/nodeGroup:NodeGroup",
    compliant: {
      clusterName: "c",
      nodeRoleArn: "r",
      subnetIds: ["a", "b"],
      scalingConfig: { minSize: 2, maxSize: 4, desiredSize: 2 },
      remoteAccess: { ec2SshKey: "ops", sourceSecurityGroupIds: ["sg-bastion"] },
    },
    alsoCompliant: [{ name: "no remote access", change: (p) => delete p.remoteAccess }],
    violations: [
      { name: "open SSH", change: (p) => delete p.remoteAccess.sourceSecurityGroupIds, expect: "no sourceSecurityGroupIds" },
    ],
    unknown: ["remoteAccess.ec2SshKey", "remoteAccess.sourceSecurityGroupIds"],
  });

  describePolicy({
    policy: lbLoadBalancerRequireCrossZone,
    type: "aws:lb/loadBalancer:LoadBalancer",
    compliant: { loadBalancerType: "network", internal: true, enableCrossZoneLoadBalancing: true },
    alsoCompliant: [
      { name: "an ALB", change: (p) => ((p.loadBalancerType = "application"), delete p.enableCrossZoneLoadBalancing) },
    ],
    violations: [
      {
        name: "off",
        change: (p) => delete p.enableCrossZoneLoadBalancing,
        expect: "enableCrossZoneLoadBalancing is off on this network",
      },
    ],
    unknown: ["loadBalancerType", "enableCrossZoneLoadBalancing"],
  });

  describePolicy({
    policy: acmCertificateRequireTransparencyLogging,
    type: "aws:acm/certificate:Certificate",
    compliant: {
      domainName: "shop.example.com",
      validationMethod: "DNS",
      keyAlgorithm: "RSA_2048",
      options: { certificateTransparencyLoggingPreference: "ENABLED" },
    },
    violations: [
      { name: "disabled", change: (p) => (p.options.certificateTransparencyLoggingPreference = "DISABLED"), expect: "DISABLED" },
    ],
    unknown: ["options.certificateTransparencyLoggingPreference"],
  });

  describePolicy({
    policy: acmCertificateRequireStrongKey,
    type: "aws:acm/certificate:Certificate",
    compliant: { domainName: "shop.example.com", validationMethod: "DNS", keyAlgorithm: "RSA_2048" },
    alsoCompliant: [{ name: "ECDSA", change: (p) => (p.keyAlgorithm = "EC_prime256v1") }],
    violations: [{ name: "1024-bit", change: (p) => (p.keyAlgorithm = "RSA_1024"), expect: "RSA_1024 is too weak" }],
    unknown: ["keyAlgorithm"],
  });

  describePolicy({
    policy: kmsKeyRequireEnabled,
    type: "aws:kms/key:Key",
    compliant: { description: "k", enableKeyRotation: true, isEnabled: true },
    violations: [{ name: "disabled", change: (p) => (p.isEnabled = false), expect: "isEnabled is false" }],
    unknown: ["isEnabled"],
    otherType: "aws:sqs/queue:Queue",
  });

  describePolicy({
    policy: secretsmanagerSecretRotationRestrictInterval,
    type: "aws:secretsmanager/secretRotation:SecretRotation",
    compliant: {
      secretId: "s",
      rotationLambdaArn: "arn:aws:lambda:eu-central-1:111122223333:function:rot",
      rotationRules: { automaticallyAfterDays: 30 },
    },
    alsoCompliant: [
      { name: "a cron schedule", change: (p) => (p.rotationRules = { scheduleExpression: "cron(0 3 ? * SUN *)" }) },
      { name: "rate(90 days)", change: (p) => (p.rotationRules = { scheduleExpression: "rate(90 days)" }) },
    ],
    violations: [
      { name: "yearly", change: (p) => (p.rotationRules.automaticallyAfterDays = 365), expect: "automaticallyAfterDays is 365" },
      {
        name: "rate(120 days)",
        change: (p) => (p.rotationRules = { scheduleExpression: "rate(120 days)" }),
        expect: "rate(120 days) rotates less often",
      },
    ],
    unknown: ["rotationRules.automaticallyAfterDays", "rotationRules.scheduleExpression"],
  });

  describePolicy({
    policy: cloudfrontResponseHeadersPolicyRequireHsts,
    type: "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy",
    compliant: {
      name: "sec",
      securityHeadersConfig: {
        strictTransportSecurity: { accessControlMaxAgeSec: 63072000, includeSubdomains: true, override: true },
      },
    },
    alsoCompliant: [
      {
        name: "exactly a year",
        change: (p) => (p.securityHeadersConfig.strictTransportSecurity.accessControlMaxAgeSec = 31536000),
      },
    ],
    violations: [
      { name: "none", change: (p) => delete p.securityHeadersConfig, expect: "No Strict-Transport-Security" },
      {
        name: "a day",
        change: (p) => (p.securityHeadersConfig.strictTransportSecurity.accessControlMaxAgeSec = 86400),
        expect: "86400 s is below",
      },
      {
        name: "no override",
        change: (p) => (p.securityHeadersConfig.strictTransportSecurity.override = false),
        expect: "override is off",
      },
    ],
    unknown: [
      "securityHeadersConfig.strictTransportSecurity.accessControlMaxAgeSec",
      "securityHeadersConfig.strictTransportSecurity.override",
    ],
  });
});
