/** EventBridge, SQS/SNS/ECR/Backup resource policies, SSM, Client VPN, ElastiCache, budgets, cost anomalies and Cognito identity pools. */
import { backupVaultPolicyDisallowPublicPrincipal } from "../policies/backup/vault-policy-disallow-public-principal";
import { budgetsBudgetRequireNotification } from "../policies/budgets/budget-require-notification";
import { cloudwatchEventBusPolicyDisallowPublicPrincipal } from "../policies/cloudwatch/event-bus-policy-disallow-public-principal";
import { cloudwatchEventTargetRequireDeadLetterQueue } from "../policies/cloudwatch/event-target-require-dead-letter-queue";
import { cloudwatchMetricAlarmRequireActions } from "../policies/cloudwatch/metric-alarm-require-actions";
import { cognitoIdentityPoolDisallowClassicFlow } from "../policies/cognito/identity-pool-disallow-classic-flow";
import { cognitoIdentityPoolRestrictUnauthenticatedIdentities } from "../policies/cognito/identity-pool-restrict-unauthenticated-identities";
import { costexplorerAnomalySubscriptionRequireSubscriber } from "../policies/costexplorer/anomaly-subscription-require-subscriber";
import { ec2clientvpnAuthorizationRuleDisallowAllGroups } from "../policies/ec2clientvpn/authorization-rule-disallow-all-groups";
import { ec2clientvpnEndpointRequireConnectionLogs } from "../policies/ec2clientvpn/endpoint-require-connection-logs";
import { ec2clientvpnEndpointRestrictSessionTimeout } from "../policies/ec2clientvpn/endpoint-restrict-session-timeout";
import { ecrLifecyclePolicyRequireExpiryRule } from "../policies/ecr/lifecycle-policy-require-expiry-rule";
import { ecrRepositoryPolicyDisallowPublicPrincipal } from "../policies/ecr/repository-policy-disallow-public-principal";
import { elasticacheClusterRequireAutoMinorUpgrade } from "../policies/elasticache/cluster-require-auto-minor-upgrade";
import { elasticacheClusterRequireSnapshotRetention } from "../policies/elasticache/cluster-require-snapshot-retention";
import { elasticacheReplicationGroupRequireAtRestEncryption } from "../policies/elasticache/replication-group-require-at-rest-encryption";
import { elasticacheReplicationGroupRequireAuth } from "../policies/elasticache/replication-group-require-auth";
import { elasticacheReplicationGroupRequireAutoMinorUpgrade } from "../policies/elasticache/replication-group-require-auto-minor-upgrade";
import { elasticacheReplicationGroupRequireAutomaticFailover } from "../policies/elasticache/replication-group-require-automatic-failover";
import { elasticacheReplicationGroupRequireKms } from "../policies/elasticache/replication-group-require-kms";
import { elasticacheReplicationGroupRequireSnapshotRetention } from "../policies/elasticache/replication-group-require-snapshot-retention";
import { elasticacheReplicationGroupRequireSubnetGroup } from "../policies/elasticache/replication-group-require-subnet-group";
import { elasticacheReplicationGroupRequireTransitEncryption } from "../policies/elasticache/replication-group-require-transit-encryption";
import { elasticacheUserRequireAuthentication } from "../policies/elasticache/user-require-authentication";
import { snsTopicPolicyDisallowPublicPrincipal } from "../policies/sns/topic-policy-disallow-public-principal";
import { sqsQueuePolicyDisallowPublicPrincipal } from "../policies/sqs/queue-policy-disallow-public-principal";
import { sqsQueuePolicyDisallowWildcardAction } from "../policies/sqs/queue-policy-disallow-wildcard-action";
import { ssmDocumentDisallowPublicSharing } from "../policies/ssm/document-disallow-public-sharing";
import { ssmParameterRequireSecureStringKms } from "../policies/ssm/parameter-require-secure-string-kms";
import { describePolicy } from "./helpers";

describe("policy-pack app-services", () => {
  describePolicy({
    policy: cloudwatchEventBusPolicyDisallowPublicPrincipal,
    type: "aws:cloudwatch/eventBusPolicy:EventBusPolicy",
    compliant: {
      policy:
        '{"Version": "2012-10-17", "Statement": [{"Sid": "SameAccount", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "*", "Resource": "*"}]}',
      eventBusName: "orders",
    },
    alsoCompliant: [
      {
        name: '"*" bound to the organisation',
        change: (p) =>
          (p.policy = JSON.stringify({
            Statement: [
              {
                Effect: "Allow",
                Principal: "*",
                Action: "*",
                Resource: "*",
                Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } },
              },
            ],
          })),
      },
      {
        name: 'a Deny for "*"',
        change: (p) =>
          (p.policy = JSON.stringify({ Statement: [{ Effect: "Deny", Principal: "*", Action: "*", Resource: "*" }] })),
      },
    ],
    violations: [
      {
        name: 'public "*"',
        change: (p) =>
          (p.policy = JSON.stringify({
            Statement: [{ Sid: "Open", Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }],
          })),
        expect: 'statement Open allows principal "*"',
      },
      {
        name: '{AWS: "*"} with a condition key set to "*"',
        change: (p) =>
          (p.policy = JSON.stringify({
            Statement: [
              {
                Effect: "Allow",
                Principal: { AWS: "*" },
                Action: "*",
                Resource: "*",
                Condition: { StringEquals: { "aws:SourceAccount": "*" } },
              },
            ],
          })),
        expect: 'allows principal "*"',
      },
      { name: "not JSON", change: (p) => (p.policy = "{not json"), expect: "is invalid" },
    ],
    unknown: ["policy"],
  });

  describePolicy({
    policy: sqsQueuePolicyDisallowPublicPrincipal,
    type: "aws:sqs/queuePolicy:QueuePolicy",
    compliant: {
      policy:
        '{"Version": "2012-10-17", "Statement": [{"Sid": "SameAccount", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "*", "Resource": "*"}]}',
      queueUrl: "https://sqs.eu-central-1.amazonaws.com/111122223333/orders",
    },
    alsoCompliant: [
      {
        name: '"*" bound to the organisation',
        change: (p) =>
          (p.policy = JSON.stringify({
            Statement: [
              {
                Effect: "Allow",
                Principal: "*",
                Action: "*",
                Resource: "*",
                Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } },
              },
            ],
          })),
      },
      {
        name: 'a Deny for "*"',
        change: (p) =>
          (p.policy = JSON.stringify({ Statement: [{ Effect: "Deny", Principal: "*", Action: "*", Resource: "*" }] })),
      },
    ],
    violations: [
      {
        name: 'public "*"',
        change: (p) =>
          (p.policy = JSON.stringify({
            Statement: [{ Sid: "Open", Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }],
          })),
        expect: 'statement Open allows principal "*"',
      },
      {
        name: '{AWS: "*"} with a condition key set to "*"',
        change: (p) =>
          (p.policy = JSON.stringify({
            Statement: [
              {
                Effect: "Allow",
                Principal: { AWS: "*" },
                Action: "*",
                Resource: "*",
                Condition: { StringEquals: { "aws:SourceAccount": "*" } },
              },
            ],
          })),
        expect: 'allows principal "*"',
      },
      { name: "not JSON", change: (p) => (p.policy = "{not json"), expect: "is invalid" },
    ],
    unknown: ["policy"],
  });

  describePolicy({
    policy: snsTopicPolicyDisallowPublicPrincipal,
    type: "aws:sns/topicPolicy:TopicPolicy",
    compliant: {
      policy:
        '{"Version": "2012-10-17", "Statement": [{"Sid": "SameAccount", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "*", "Resource": "*"}]}',
      arn: "arn:aws:sns:eu-central-1:111122223333:alerts",
    },
    alsoCompliant: [
      {
        name: '"*" bound to the organisation',
        change: (p) =>
          (p.policy = JSON.stringify({
            Statement: [
              {
                Effect: "Allow",
                Principal: "*",
                Action: "*",
                Resource: "*",
                Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } },
              },
            ],
          })),
      },
      {
        name: 'a Deny for "*"',
        change: (p) =>
          (p.policy = JSON.stringify({ Statement: [{ Effect: "Deny", Principal: "*", Action: "*", Resource: "*" }] })),
      },
    ],
    violations: [
      {
        name: 'public "*"',
        change: (p) =>
          (p.policy = JSON.stringify({
            Statement: [{ Sid: "Open", Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }],
          })),
        expect: 'statement Open allows principal "*"',
      },
      {
        name: '{AWS: "*"} with a condition key set to "*"',
        change: (p) =>
          (p.policy = JSON.stringify({
            Statement: [
              {
                Effect: "Allow",
                Principal: { AWS: "*" },
                Action: "*",
                Resource: "*",
                Condition: { StringEquals: { "aws:SourceAccount": "*" } },
              },
            ],
          })),
        expect: 'allows principal "*"',
      },
      { name: "not JSON", change: (p) => (p.policy = "{not json"), expect: "is invalid" },
    ],
    unknown: ["policy"],
  });

  describePolicy({
    policy: ecrRepositoryPolicyDisallowPublicPrincipal,
    type: "aws:ecr/repositoryPolicy:RepositoryPolicy",
    compliant: {
      policy:
        '{"Version": "2012-10-17", "Statement": [{"Sid": "SameAccount", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "*", "Resource": "*"}]}',
      repository: "shop",
    },
    alsoCompliant: [
      {
        name: '"*" bound to the organisation',
        change: (p) =>
          (p.policy = JSON.stringify({
            Statement: [
              {
                Effect: "Allow",
                Principal: "*",
                Action: "*",
                Resource: "*",
                Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } },
              },
            ],
          })),
      },
      {
        name: 'a Deny for "*"',
        change: (p) =>
          (p.policy = JSON.stringify({ Statement: [{ Effect: "Deny", Principal: "*", Action: "*", Resource: "*" }] })),
      },
    ],
    violations: [
      {
        name: 'public "*"',
        change: (p) =>
          (p.policy = JSON.stringify({
            Statement: [{ Sid: "Open", Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }],
          })),
        expect: 'statement Open allows principal "*"',
      },
      {
        name: '{AWS: "*"} with a condition key set to "*"',
        change: (p) =>
          (p.policy = JSON.stringify({
            Statement: [
              {
                Effect: "Allow",
                Principal: { AWS: "*" },
                Action: "*",
                Resource: "*",
                Condition: { StringEquals: { "aws:SourceAccount": "*" } },
              },
            ],
          })),
        expect: 'allows principal "*"',
      },
      { name: "not JSON", change: (p) => (p.policy = "{not json"), expect: "is invalid" },
    ],
    unknown: ["policy"],
  });

  describePolicy({
    policy: backupVaultPolicyDisallowPublicPrincipal,
    type: "aws:backup/vaultPolicy:VaultPolicy",
    compliant: {
      policy:
        '{"Version": "2012-10-17", "Statement": [{"Sid": "SameAccount", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "*", "Resource": "*"}]}',
      backupVaultName: "prod",
    },
    alsoCompliant: [
      {
        name: '"*" bound to the organisation',
        change: (p) =>
          (p.policy = JSON.stringify({
            Statement: [
              {
                Effect: "Allow",
                Principal: "*",
                Action: "*",
                Resource: "*",
                Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } },
              },
            ],
          })),
      },
      {
        name: 'a Deny for "*"',
        change: (p) =>
          (p.policy = JSON.stringify({ Statement: [{ Effect: "Deny", Principal: "*", Action: "*", Resource: "*" }] })),
      },
    ],
    violations: [
      {
        name: 'public "*"',
        change: (p) =>
          (p.policy = JSON.stringify({
            Statement: [{ Sid: "Open", Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }],
          })),
        expect: 'statement Open allows principal "*"',
      },
      {
        name: '{AWS: "*"} with a condition key set to "*"',
        change: (p) =>
          (p.policy = JSON.stringify({
            Statement: [
              {
                Effect: "Allow",
                Principal: { AWS: "*" },
                Action: "*",
                Resource: "*",
                Condition: { StringEquals: { "aws:SourceAccount": "*" } },
              },
            ],
          })),
        expect: 'allows principal "*"',
      },
      { name: "not JSON", change: (p) => (p.policy = "{not json"), expect: "is invalid" },
    ],
    unknown: ["policy"],
  });

  describePolicy({
    policy: sqsQueuePolicyDisallowWildcardAction,
    type: "aws:sqs/queuePolicy:QueuePolicy",
    compliant: {
      queueUrl: "https://sqs.eu-central-1.amazonaws.com/111122223333/orders",
      policy:
        '{"Statement": [{"Sid": "Producer", "Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": "*", "Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:sns:eu-central-1:111122223333:orders"}}}]}',
    },
    alsoCompliant: [
      {
        name: "a Deny of sqs:*",
        change: (p) =>
          (p.policy = JSON.stringify({
            Statement: [
              {
                Effect: "Deny",
                Principal: "*",
                Action: "sqs:*",
                Resource: "*",
                Condition: { Bool: { "aws:SecureTransport": "false" } },
              },
            ],
          })),
      },
    ],
    violations: [
      {
        name: "sqs:*",
        change: (p) =>
          (p.policy = JSON.stringify({
            Statement: [
              {
                Sid: "All",
                Effect: "Allow",
                Principal: { AWS: "arn:aws:iam::111122223333:root" },
                Action: "sqs:*",
                Resource: "*",
              },
            ],
          })),
        expect: "statement All allows sqs:*",
      },
      {
        name: '"*"',
        change: (p) =>
          (p.policy = JSON.stringify({
            Statement: [
              {
                Effect: "Allow",
                Principal: { AWS: "arn:aws:iam::111122223333:root" },
                Action: ["sqs:SendMessage", "*"],
                Resource: "*",
              },
            ],
          })),
        expect: "allows *",
      },
      {
        name: "NotAction",
        change: (p) =>
          (p.policy = JSON.stringify({
            Statement: [
              {
                Effect: "Allow",
                Principal: { AWS: "arn:aws:iam::111122223333:root" },
                NotAction: "sqs:DeleteQueue",
                Resource: "*",
              },
            ],
          })),
        expect: "NotAction",
      },
    ],
    unknown: ["policy"],
  });

  describePolicy({
    policy: cloudwatchEventTargetRequireDeadLetterQueue,
    type: "aws:cloudwatch/eventTarget:EventTarget",
    compliant: {
      rule: "orders",
      arn: "arn:aws:lambda:eu-central-1:111122223333:function:handler",
      deadLetterConfig: { arn: "arn:aws:sqs:eu-central-1:111122223333:orders-dlq" },
      retryPolicy: { maximumRetryAttempts: 8, maximumEventAgeInSeconds: 3600 },
    },
    violations: [{ name: "no dead-letter queue", change: (p) => delete p.deadLetterConfig, expect: "No deadLetterConfig" }],
    unknown: ["deadLetterConfig", "deadLetterConfig.arn"],
  });

  describePolicy({
    policy: cloudwatchMetricAlarmRequireActions,
    type: "aws:cloudwatch/metricAlarm:MetricAlarm",
    compliant: {
      comparisonOperator: "GreaterThanThreshold",
      evaluationPeriods: 3,
      threshold: 5,
      metricName: "Errors",
      namespace: "AWS/Lambda",
      period: 300,
      statistic: "Sum",
      alarmActions: ["arn:aws:sns:eu-central-1:111122223333:alerts"],
    },
    violations: [
      { name: "actions disabled", change: (p) => (p.actionsEnabled = false), expect: "actionsEnabled is false" },
      { name: "no actions", change: (p) => delete p.alarmActions, expect: "No alarmActions" },
      { name: "an empty list", change: (p) => (p.alarmActions = []), expect: "No alarmActions" },
    ],
    unknown: ["actionsEnabled", "alarmActions"],
  });

  describePolicy({
    policy: ssmDocumentDisallowPublicSharing,
    type: "aws:ssm/document:Document",
    compliant: {
      name: "patch",
      documentType: "Command",
      content: "{}",
      permissions: { type: "Share", accountIds: "111122223333,444455556666" },
    },
    alsoCompliant: [{ name: "not shared", change: (p) => delete p.permissions }],
    violations: [
      { name: "shared with All", change: (p) => (p.permissions.accountIds = "All"), expect: "accountIds is All" },
      { name: "All in a list", change: (p) => (p.permissions.accountIds = "111122223333, all"), expect: "accountIds is All" },
    ],
    unknown: ["permissions", "permissions.accountIds"],
  });

  describePolicy({
    policy: ssmParameterRequireSecureStringKms,
    type: "aws:ssm/parameter:Parameter",
    compliant: {
      name: "/shop/stripe-api-key",
      type: "SecureString",
      keyId: "arn:aws:kms:eu-central-1:111122223333:key/params",
      value: "x",
    },
    alsoCompliant: [
      { name: "a plain setting", change: (p) => ((p.name = "/shop/log-level"), (p.type = "String"), delete p.keyId) },
    ],
    violations: [
      { name: "a secret as String", change: (p) => ((p.type = "String"), delete p.keyId), expect: "has type String" },
      { name: "SecureString with the AWS managed key", change: (p) => delete p.keyId, expect: "alias/aws/ssm" },
      {
        name: "any SecureString without a key",
        change: (p) => ((p.name = "/shop/config"), delete p.keyId),
        expect: "uses the AWS managed key",
      },
      {
        name: "a password as String",
        change: (p) => ((p.name = "/shop/db/password"), (p.type = "String"), delete p.keyId),
        expect: "Parameter /shop/db/password is named like a secret but has type String. Use SecureString.",
      },
      {
        name: "a pass as String",
        change: (p) => ((p.name = "/shop/smtp-pass"), (p.type = "String"), delete p.keyId),
        expect: "named like a secret",
      },
      {
        name: "an apikey as String",
        change: (p) => ((p.name = "/shop/maps-apikey"), (p.type = "String"), delete p.keyId),
        expect: "named like a secret",
      },
      {
        name: "a private_key as String",
        change: (p) => ((p.name = "/shop/tls/private_key"), (p.type = "String"), delete p.keyId),
        expect: "named like a secret",
      },
      {
        name: "a privatekey as String",
        change: (p) => ((p.name = "/shop/tls/privatekey"), (p.type = "String"), delete p.keyId),
        expect: "named like a secret",
      },
      {
        name: "credentials as StringList",
        change: (p) => ((p.name = "/shop/credentials"), (p.type = "StringList"), delete p.keyId),
        expect: "has type StringList",
      },
    ],
    unknown: ["name", "type", "keyId"],
  });

  describePolicy({
    policy: ec2clientvpnEndpointRequireConnectionLogs,
    type: "aws:ec2clientvpn/endpoint:Endpoint",
    compliant: {
      serverCertificateArn: "arn:aws:acm:eu-central-1:111122223333:certificate/vpn",
      clientCidrBlock: "10.100.0.0/22",
      authenticationOptions: [
        { type: "federated-authentication", samlProviderArn: "arn:aws:iam::111122223333:saml-provider/idp" },
      ],
      connectionLogOptions: { enabled: true, cloudwatchLogGroup: "/vpn/connections" },
      splitTunnel: true,
      sessionTimeoutHours: 8,
    },
    violations: [
      {
        name: "logging off",
        change: (p) => (p.connectionLogOptions.enabled = false),
        expect: "connectionLogOptions.enabled is off",
      },
      { name: "no group", change: (p) => delete p.connectionLogOptions.cloudwatchLogGroup, expect: "without cloudwatchLogGroup" },
    ],
    unknown: ["connectionLogOptions", "connectionLogOptions.enabled", "connectionLogOptions.cloudwatchLogGroup"],
  });

  describePolicy({
    policy: ec2clientvpnAuthorizationRuleDisallowAllGroups,
    type: "aws:ec2clientvpn/authorizationRule:AuthorizationRule",
    compliant: { clientVpnEndpointId: "cvpn-1", targetNetworkCidr: "10.0.0.0/16", accessGroupId: "platform-admins" },
    violations: [
      {
        name: "all groups",
        change: (p) => ((p.authorizeAllGroups = true), delete p.accessGroupId),
        expect: "authorizeAllGroups is true",
      },
      { name: "no group", change: (p) => delete p.accessGroupId, expect: "No accessGroupId" },
    ],
    unknown: ["authorizeAllGroups", "accessGroupId"],
  });

  describePolicy({
    policy: ec2clientvpnEndpointRestrictSessionTimeout,
    type: "aws:ec2clientvpn/endpoint:Endpoint",
    compliant: {
      serverCertificateArn: "arn:aws:acm:eu-central-1:111122223333:certificate/vpn",
      clientCidrBlock: "10.100.0.0/22",
      authenticationOptions: [],
      connectionLogOptions: { enabled: true, cloudwatchLogGroup: "/vpn" },
      sessionTimeoutHours: 12,
    },
    violations: [
      { name: "24 hours", change: (p) => (p.sessionTimeoutHours = 24), expect: "allow at most 12" },
      { name: "default", change: (p) => delete p.sessionTimeoutHours, expect: "unset (24)" },
    ],
    unknown: ["sessionTimeoutHours"],
  });

  describePolicy({
    policy: ecrLifecyclePolicyRequireExpiryRule,
    type: "aws:ecr/lifecyclePolicy:LifecyclePolicy",
    compliant: {
      repository: "shop",
      policy:
        '{"rules": [{"rulePriority": 1, "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 14}, "action": {"type": "expire"}}]}',
    },
    violations: [
      { name: "no rules", change: (p) => (p.policy = JSON.stringify({ rules: [] })), expect: "no expire rule" },
      { name: "not JSON", change: (p) => (p.policy = "{"), expect: "not valid JSON" },
      {
        name: "rules without an action",
        change: (p) => (p.policy = JSON.stringify({ rules: [{ rulePriority: 1 }] })),
        expect: "The lifecycle policy has no expire rule. Add one.",
      },
      { name: "no rules key", change: (p) => (p.policy = JSON.stringify({})), expect: "no expire rule" },
      { name: "a null document", change: (p) => (p.policy = "null"), expect: "no expire rule" },
    ],
    unknown: ["policy"],
    alsoCompliant: [
      {
        name: "the document as an object",
        change: (p) => (p.policy = { rules: [{ rulePriority: 1, action: { type: "expire" } }] }),
      },
    ],
  });

  describePolicy({
    policy: elasticacheReplicationGroupRequireAtRestEncryption,
    type: "aws:elasticache/replicationGroup:ReplicationGroup",
    compliant: {
      replicationGroupId: "shop-cache",
      description: "sessions",
      engine: "valkey",
      engineVersion: "8.0",
      nodeType: "cache.r7g.large",
      numCacheClusters: 2,
      atRestEncryptionEnabled: true,
      kmsKeyId: "arn:aws:kms:eu-central-1:111122223333:key/cache",
      transitEncryptionEnabled: true,
      transitEncryptionMode: "required",
      userGroupIds: ["shop-users"],
      automaticFailoverEnabled: true,
      multiAzEnabled: true,
      snapshotRetentionLimit: 7,
      autoMinorVersionUpgrade: true,
      subnetGroupName: "shop-cache",
    },
    violations: [{ name: "off", change: (p) => (p.atRestEncryptionEnabled = false), expect: "atRestEncryptionEnabled is off" }],
    unknown: ["atRestEncryptionEnabled"],
  });

  describePolicy({
    policy: elasticacheReplicationGroupRequireKms,
    type: "aws:elasticache/replicationGroup:ReplicationGroup",
    compliant: {
      replicationGroupId: "shop-cache",
      description: "sessions",
      engine: "valkey",
      engineVersion: "8.0",
      nodeType: "cache.r7g.large",
      numCacheClusters: 2,
      atRestEncryptionEnabled: true,
      kmsKeyId: "arn:aws:kms:eu-central-1:111122223333:key/cache",
      transitEncryptionEnabled: true,
      transitEncryptionMode: "required",
      userGroupIds: ["shop-users"],
      automaticFailoverEnabled: true,
      multiAzEnabled: true,
      snapshotRetentionLimit: 7,
      autoMinorVersionUpgrade: true,
      subnetGroupName: "shop-cache",
    },
    violations: [{ name: "no key", change: (p) => delete p.kmsKeyId, expect: "No kmsKeyId" }],
  });

  describePolicy({
    policy: elasticacheReplicationGroupRequireTransitEncryption,
    type: "aws:elasticache/replicationGroup:ReplicationGroup",
    compliant: {
      replicationGroupId: "shop-cache",
      description: "sessions",
      engine: "valkey",
      engineVersion: "8.0",
      nodeType: "cache.r7g.large",
      numCacheClusters: 2,
      atRestEncryptionEnabled: true,
      kmsKeyId: "arn:aws:kms:eu-central-1:111122223333:key/cache",
      transitEncryptionEnabled: true,
      transitEncryptionMode: "required",
      userGroupIds: ["shop-users"],
      automaticFailoverEnabled: true,
      multiAzEnabled: true,
      snapshotRetentionLimit: 7,
      autoMinorVersionUpgrade: true,
      subnetGroupName: "shop-cache",
    },
    violations: [
      { name: "TLS off", change: (p) => (p.transitEncryptionEnabled = false), expect: "transitEncryptionEnabled is off" },
      {
        name: "TLS preferred",
        change: (p) => (p.transitEncryptionMode = "preferred"),
        expect: "transitEncryptionMode is preferred",
      },
    ],
    unknown: ["transitEncryptionEnabled", "transitEncryptionMode"],
  });

  describePolicy({
    policy: elasticacheReplicationGroupRequireAuth,
    type: "aws:elasticache/replicationGroup:ReplicationGroup",
    compliant: {
      replicationGroupId: "shop-cache",
      description: "sessions",
      engine: "valkey",
      engineVersion: "8.0",
      nodeType: "cache.r7g.large",
      numCacheClusters: 2,
      atRestEncryptionEnabled: true,
      kmsKeyId: "arn:aws:kms:eu-central-1:111122223333:key/cache",
      transitEncryptionEnabled: true,
      transitEncryptionMode: "required",
      userGroupIds: ["shop-users"],
      automaticFailoverEnabled: true,
      multiAzEnabled: true,
      snapshotRetentionLimit: 7,
      autoMinorVersionUpgrade: true,
      subnetGroupName: "shop-cache",
    },
    alsoCompliant: [{ name: "an AUTH token", change: (p) => (delete p.userGroupIds, (p.authToken = "from-a-secret")) }],
    violations: [
      { name: "no authentication", change: (p) => delete p.userGroupIds, expect: "Neither userGroupIds nor authToken" },
    ],
    unknown: ["userGroupIds"],
  });

  describePolicy({
    policy: elasticacheReplicationGroupRequireAutomaticFailover,
    type: "aws:elasticache/replicationGroup:ReplicationGroup",
    compliant: {
      replicationGroupId: "shop-cache",
      description: "sessions",
      engine: "valkey",
      engineVersion: "8.0",
      nodeType: "cache.r7g.large",
      numCacheClusters: 2,
      atRestEncryptionEnabled: true,
      kmsKeyId: "arn:aws:kms:eu-central-1:111122223333:key/cache",
      transitEncryptionEnabled: true,
      transitEncryptionMode: "required",
      userGroupIds: ["shop-users"],
      automaticFailoverEnabled: true,
      multiAzEnabled: true,
      snapshotRetentionLimit: 7,
      autoMinorVersionUpgrade: true,
      subnetGroupName: "shop-cache",
    },
    violations: [
      { name: "no failover", change: (p) => (p.automaticFailoverEnabled = false), expect: "automaticFailoverEnabled is off" },
      { name: "single zone", change: (p) => (p.multiAzEnabled = false), expect: "multiAzEnabled is off" },
    ],
    unknown: ["automaticFailoverEnabled", "multiAzEnabled"],
  });

  describePolicy({
    policy: elasticacheReplicationGroupRequireSnapshotRetention,
    type: "aws:elasticache/replicationGroup:ReplicationGroup",
    compliant: {
      replicationGroupId: "shop-cache",
      description: "sessions",
      engine: "valkey",
      engineVersion: "8.0",
      nodeType: "cache.r7g.large",
      numCacheClusters: 2,
      atRestEncryptionEnabled: true,
      kmsKeyId: "arn:aws:kms:eu-central-1:111122223333:key/cache",
      transitEncryptionEnabled: true,
      transitEncryptionMode: "required",
      userGroupIds: ["shop-users"],
      automaticFailoverEnabled: true,
      multiAzEnabled: true,
      snapshotRetentionLimit: 7,
      autoMinorVersionUpgrade: true,
      subnetGroupName: "shop-cache",
    },
    violations: [
      { name: "no snapshots", change: (p) => delete p.snapshotRetentionLimit, expect: "unset (0, no snapshots)" },
      { name: "zero", change: (p) => (p.snapshotRetentionLimit = 0), expect: "snapshotRetentionLimit is 0" },
      {
        name: "below config",
        change: (p) => (p.snapshotRetentionLimit = 6),
        expect: "keep at least 7",
        config: { minimumDays: 7 },
      },
    ],
    unknown: ["snapshotRetentionLimit"],
  });

  describePolicy({
    policy: elasticacheReplicationGroupRequireAutoMinorUpgrade,
    type: "aws:elasticache/replicationGroup:ReplicationGroup",
    compliant: {
      replicationGroupId: "shop-cache",
      description: "sessions",
      engine: "valkey",
      engineVersion: "8.0",
      nodeType: "cache.r7g.large",
      numCacheClusters: 2,
      atRestEncryptionEnabled: true,
      kmsKeyId: "arn:aws:kms:eu-central-1:111122223333:key/cache",
      transitEncryptionEnabled: true,
      transitEncryptionMode: "required",
      userGroupIds: ["shop-users"],
      automaticFailoverEnabled: true,
      multiAzEnabled: true,
      snapshotRetentionLimit: 7,
      autoMinorVersionUpgrade: true,
      subnetGroupName: "shop-cache",
    },
    violations: [{ name: "off", change: (p) => (p.autoMinorVersionUpgrade = false), expect: "autoMinorVersionUpgrade is false" }],
    unknown: ["autoMinorVersionUpgrade"],
  });

  describePolicy({
    policy: elasticacheReplicationGroupRequireSubnetGroup,
    type: "aws:elasticache/replicationGroup:ReplicationGroup",
    compliant: {
      replicationGroupId: "shop-cache",
      description: "sessions",
      engine: "valkey",
      engineVersion: "8.0",
      nodeType: "cache.r7g.large",
      numCacheClusters: 2,
      atRestEncryptionEnabled: true,
      kmsKeyId: "arn:aws:kms:eu-central-1:111122223333:key/cache",
      transitEncryptionEnabled: true,
      transitEncryptionMode: "required",
      userGroupIds: ["shop-users"],
      automaticFailoverEnabled: true,
      multiAzEnabled: true,
      snapshotRetentionLimit: 7,
      autoMinorVersionUpgrade: true,
      subnetGroupName: "shop-cache",
    },
    violations: [
      { name: "default group", change: (p) => (p.subnetGroupName = "default"), expect: "No subnetGroupName" },
      { name: "none", change: (p) => delete p.subnetGroupName, expect: "No subnetGroupName" },
    ],
    unknown: ["subnetGroupName"],
  });

  describePolicy({
    policy: elasticacheClusterRequireSnapshotRetention,
    type: "aws:elasticache/cluster:Cluster",
    compliant: {
      clusterId: "cache",
      engine: "redis",
      nodeType: "cache.t4g.small",
      numCacheNodes: 1,
      snapshotRetentionLimit: 3,
      autoMinorVersionUpgrade: "true",
    },
    alsoCompliant: [
      { name: "memcached", change: (p) => ((p.engine = "memcached"), delete p.snapshotRetentionLimit) },
      {
        name: "a member of a replication group",
        change: (p) => ((p.replicationGroupId = "rg"), delete p.snapshotRetentionLimit),
      },
    ],
    violations: [{ name: "no snapshots", change: (p) => delete p.snapshotRetentionLimit, expect: "unset (0)" }],
    unknown: ["engine", "snapshotRetentionLimit"],
  });

  describePolicy({
    policy: elasticacheClusterRequireAutoMinorUpgrade,
    type: "aws:elasticache/cluster:Cluster",
    compliant: {
      clusterId: "cache",
      engine: "redis",
      nodeType: "cache.t4g.small",
      numCacheNodes: 1,
      snapshotRetentionLimit: 3,
      autoMinorVersionUpgrade: "true",
    },
    violations: [
      { name: "off", change: (p) => (p.autoMinorVersionUpgrade = "false"), expect: "autoMinorVersionUpgrade is false" },
    ],
    unknown: ["autoMinorVersionUpgrade"],
  });

  describePolicy({
    policy: elasticacheUserRequireAuthentication,
    type: "aws:elasticache/user:User",
    compliant: {
      userId: "shop",
      userName: "shop",
      engine: "valkey",
      accessString: "on ~shop:* +@read +@write",
      authenticationMode: { type: "iam" },
    },
    alsoCompliant: [{ name: "passwords", change: (p) => (p.authenticationMode = { type: "password", passwords: ["x"] }) }],
    violations: [
      { name: "no password", change: (p) => (p.authenticationMode.type = "no-password-required"), expect: "needs no password" },
      {
        name: "the legacy flag",
        change: (p) => (delete p.authenticationMode, (p.noPasswordRequired = true)),
        expect: "needs no password",
      },
    ],
    unknown: ["authenticationMode", "authenticationMode.type"],
  });

  describePolicy({
    policy: budgetsBudgetRequireNotification,
    type: "aws:budgets/budget:Budget",
    compliant: {
      budgetType: "COST",
      limitAmount: "5000",
      limitUnit: "USD",
      timeUnit: "MONTHLY",
      notifications: [
        {
          comparisonOperator: "GREATER_THAN",
          threshold: 80,
          thresholdType: "PERCENTAGE",
          notificationType: "ACTUAL",
          subscriberSnsTopicArns: ["arn:aws:sns:us-east-1:111122223333:budget"],
        },
      ],
    },
    violations: [
      { name: "no notifications", change: (p) => delete p.notifications, expect: "No notifications" },
      { name: "no subscriber", change: (p) => (p.notifications[0].subscriberSnsTopicArns = []), expect: "has no subscriber" },
    ],
    unknown: ["notifications", "notifications.0.subscriberSnsTopicArns"],
  });

  describePolicy({
    policy: costexplorerAnomalySubscriptionRequireSubscriber,
    type: "aws:costexplorer/anomalySubscription:AnomalySubscription",
    compliant: {
      name: "daily",
      frequency: "DAILY",
      monitorArnLists: ["arn:aws:ce::111122223333:anomalymonitor/m"],
      subscribers: [{ type: "EMAIL", address: "finops@example.com" }],
      thresholdExpression: {
        dimension: { key: "ANOMALY_TOTAL_IMPACT_ABSOLUTE", matchOptions: ["GREATER_THAN_OR_EQUAL"], values: ["100"] },
      },
    },
    violations: [
      { name: "no subscribers", change: (p) => (p.subscribers = []), expect: "No subscribers" },
      { name: "no threshold", change: (p) => delete p.thresholdExpression, expect: "No thresholdExpression" },
    ],
    unknown: ["subscribers", "thresholdExpression"],
  });

  describePolicy({
    policy: cognitoIdentityPoolDisallowClassicFlow,
    type: "aws:cognito/identityPool:IdentityPool",
    compliant: { identityPoolName: "rum", allowUnauthenticatedIdentities: true, allowClassicFlow: false },
    violations: [{ name: "classic flow", change: (p) => (p.allowClassicFlow = true), expect: "allowClassicFlow is true" }],
    unknown: ["allowClassicFlow"],
  });

  describePolicy({
    policy: cognitoIdentityPoolRestrictUnauthenticatedIdentities,
    type: "aws:cognito/identityPool:IdentityPool",
    compliant: { identityPoolName: "rum", allowUnauthenticatedIdentities: true },
    alsoCompliant: [
      { name: "no guests", change: (p) => ((p.identityPoolName = "app"), (p.allowUnauthenticatedIdentities = false)) },
    ],
    violations: [
      {
        name: "another pool with guests",
        change: (p) => (p.identityPoolName = "app"),
        expect: "Pool app allows unauthenticated identities",
      },
      {
        name: "guests not configured",
        change: (p) => (p.identityPoolName = "rum"),
        expect: "Pool rum allows",
        config: { guestPools: [] },
      },
    ],
    unknown: ["identityPoolName", "allowUnauthenticatedIdentities"],
    config: { guestPools: ["rum"] },
  });
});
