/**
 * Every policy of the pack, grouped by service area (one concern per file). The pack entry point
 * (../index.ts) serves this list; tests and the README table generator read it without serving.
 */
import type { PackPolicy } from "../lib/policy";
import { allowedTagValues } from "./tagging/allowed-tag-values";
import { dataStoreClassification } from "./tagging/datastore-require-classification";
import { requiredTags } from "./tagging/required-tags";
import { iamNoIamPermissionsManagement } from "./iam/policy-disallow-iam-permissions-management";
import { iamNoPassRoleWildcard } from "./iam/policy-disallow-passrole-wildcard";
import { iamNoUnknownActions } from "./iam/policy-disallow-unknown-actions";
import { iamNoWildcardAction } from "./iam/policy-disallow-wildcard-action";
import { iamNoWildcardResourceOnSecretReads } from "./iam/policy-disallow-wildcard-resource-on-secret-reads";
import { iamNoWildcardResourceOnWrite } from "./iam/policy-disallow-wildcard-resource-on-write";
import { iamNoAdminManagedPolicies } from "./iam/role-disallow-admin-policies";
import { iamNoPublicTrust } from "./iam/role-disallow-public-trust";
import { iamScopedWebIdentityTrust } from "./iam/role-require-scoped-web-identity-trust";
import { iamNoUserPolicies } from "./iam/user-disallow-policies";
import { kmsKeyNoPublicPrincipal } from "./kms/key-disallow-public-principal";
import { kmsKeyDeletionWindow } from "./kms/key-require-deletion-window";
import { kmsKeyRequireRotation } from "./kms/key-require-rotation";
import { s3AclNoPublic } from "./s3/bucket-acl-disallow-public";
import { s3OwnershipEnforced } from "./s3/bucket-ownership-require-enforced";
import { s3PolicyNoPublicPrincipal } from "./s3/bucket-policy-disallow-public-principal";
import { s3PolicyRequireTls } from "./s3/bucket-policy-require-tls";
import { s3PublicAccessBlockAll } from "./s3/bucket-public-access-block-require-all";
import { s3SseRequireKms } from "./s3/bucket-sse-require-kms";
import { s3VersioningEnabled } from "./s3/bucket-versioning-require-enabled";
import { rdsNotPublic } from "./rds/instance-disallow-public-access";
import { rdsPerformanceInsightsKms } from "./rds/instance-performance-insights-require-kms";
import { rdsBackupRetention } from "./rds/instance-require-backup-retention";
import { rdsDeletionProtection } from "./rds/instance-require-deletion-protection";
import { rdsFinalSnapshot } from "./rds/instance-require-final-snapshot";
import { rdsLogExports } from "./rds/instance-require-log-exports";
import { rdsMultiAz } from "./rds/instance-require-multi-az";
import { rdsPinnedEngineVersion } from "./rds/instance-require-pinned-engine-version";
import { rdsStorageEncryption } from "./rds/instance-require-storage-encryption";
import { rdsForceSsl } from "./rds/parameter-group-require-force-ssl";
import { defaultSgClosed } from "./ec2/default-security-group-require-no-rules";
import { ebsVolumeEncryption } from "./ec2/ebs-volume-require-encryption";
import { flowLogAllTraffic } from "./ec2/flow-log-require-all-traffic";
import { launchTemplateEbsEncryption } from "./ec2/launch-template-require-ebs-encryption";
import { launchTemplateImdsv2 } from "./ec2/launch-template-require-imdsv2";
import { sgNoWorldIngress } from "./ec2/security-group-disallow-world-ingress";
import { subnetNoPublicIp } from "./ec2/subnet-disallow-public-ip-mapping";
import { vpcMultiAz } from "./ec2/vpc-require-multi-az";
import { vpcPrivateSubnets } from "./ec2/vpc-require-private-subnets";
import { vpcNatPerAz } from "./ec2/vpc-require-nat-gateway-per-az";
import { listenerHttpsRedirect } from "./elb/listener-require-https-redirect";
import { listenerTls13 } from "./elb/listener-require-tls13-policy";
import { lbAccessLogs } from "./elb/load-balancer-require-access-logs";
import { lbDeletionProtection } from "./elb/load-balancer-require-deletion-protection";
import { lbDesyncMitigation } from "./elb/load-balancer-require-desync-mitigation";
import { lbDropInvalidHeaders } from "./elb/load-balancer-require-drop-invalid-headers";
import { cfHttpsOrigins } from "./cloudfront/distribution-require-https-origins";
import { cfHttpsViewers } from "./cloudfront/distribution-require-https-viewers";
import { cfLogging } from "./cloudfront/distribution-require-logging";
import { cfTls } from "./cloudfront/distribution-require-tls12-2021";
import { cfWaf } from "./cloudfront/distribution-require-waf";
import { wafManagedRules } from "./wafv2/web-acl-require-managed-rules";
import { wafMetrics } from "./wafv2/web-acl-require-metrics";
import { logGroupKms } from "./logs/log-group-require-kms";
import { logGroupRetention } from "./logs/log-group-require-retention";
import { secretKms } from "./secretsmanager/secret-require-kms";
import { secretRecoveryWindow } from "./secretsmanager/secret-require-recovery-window";
import { snsKms } from "./sns/topic-require-kms";
import { ecrImmutableTags } from "./ecr/repository-require-immutable-tags";
import { ecrKms } from "./ecr/repository-require-kms";
import { ecrScanOnPush } from "./ecr/repository-require-scan-on-push";
import { addonPinnedVersion } from "./eks/addon-require-pinned-version";
import { eksNoPublicEndpoint } from "./eks/cluster-disallow-public-endpoint";
import { eksNoWorldEndpoint } from "./eks/cluster-disallow-world-public-access";
import { eksApiAuthentication } from "./eks/cluster-require-api-authentication";
import { eksControlPlaneLogs } from "./eks/cluster-require-control-plane-logs";
import { eksPinnedVersion } from "./eks/cluster-require-pinned-version";
import { eksSecretsEncryption } from "./eks/cluster-require-secrets-encryption";
import { nodeGroupMinSize } from "./eks/node-group-require-min-size";
import { nodeGroupMultiAz } from "./eks/node-group-require-multi-az";
import { helmAllowedRepository } from "./kubernetes/helm-release-require-allowed-repository";
import { helmPinnedVersion } from "./kubernetes/helm-release-require-pinned-version";
import { k8sPodSecurityLabels } from "./kubernetes/namespace-require-pod-security-labels";
import { k8sNoHostNamespaces } from "./kubernetes/pod-disallow-host-namespaces";
import { k8sNoHostPath } from "./kubernetes/pod-disallow-host-path";
import { k8sNoPrivilegeEscalation } from "./kubernetes/pod-disallow-privilege-escalation";
import { k8sNoPrivileged } from "./kubernetes/pod-disallow-privileged";
import { k8sDropAllCapabilities } from "./kubernetes/pod-require-drop-all-capabilities";
import { k8sPinnedImage } from "./kubernetes/pod-require-pinned-image";
import { k8sProbes } from "./kubernetes/pod-require-probes";
import { k8sReadOnlyRootFs } from "./kubernetes/pod-require-read-only-root-filesystem";
import { k8sResources } from "./kubernetes/pod-require-resources";
import { k8sRunAsNonRoot } from "./kubernetes/pod-require-run-as-non-root";
import { k8sNoDefaultNamespace } from "./kubernetes/resource-disallow-default-namespace";
import { ingressAccessLogs } from "./kubernetes/ingress-require-access-logs";
import { ingressDeletionProtection } from "./kubernetes/ingress-require-deletion-protection";
import { ingressHttpsRedirect } from "./kubernetes/ingress-require-https-redirect";
import { ingressTls13 } from "./kubernetes/ingress-require-tls13-policy";
import { ingressWafAcl } from "./kubernetes/ingress-require-waf-acl";
import { bucketHasSse } from "./stack/bucket-require-encryption-configuration";
import { bucketHasPab } from "./stack/bucket-require-public-access-block";
import { lbWafAssociation } from "./stack/load-balancer-require-waf-association";
import { logKeyRotation } from "./stack/log-group-kms-key-require-rotation";
import { rdsReadReplicas } from "./stack/rds-instance-require-read-replica";
import { worldWebOnlyOnPublicAlb } from "./stack/security-group-restrict-world-web-to-public-alb";
import { statefulProtect } from "./stack/stateful-resource-require-protect";
import { vpcFlowLog } from "./stack/vpc-require-flow-log";
import { wafLogging } from "./stack/web-acl-require-logging";
import { apigatewayStageWafAssociation } from "./stack/api-gateway-stage-require-waf-association";
import { cloudfrontS3OriginAccessControl } from "./stack/cloudfront-distribution-require-s3-origin-access-control";
import { route53ZoneDnssecSigning } from "./stack/route53-zone-require-dnssec-signing";
import { route53ZoneQueryLogging } from "./stack/route53-zone-require-query-logging";
import { cloudwatchEventBusPolicyDisallowPublicPrincipal } from "./cloudwatch/event-bus-policy-disallow-public-principal";
import { sqsQueuePolicyDisallowPublicPrincipal } from "./sqs/queue-policy-disallow-public-principal";
import { snsTopicPolicyDisallowPublicPrincipal } from "./sns/topic-policy-disallow-public-principal";
import { ecrRepositoryPolicyDisallowPublicPrincipal } from "./ecr/repository-policy-disallow-public-principal";
import { backupVaultPolicyDisallowPublicPrincipal } from "./backup/vault-policy-disallow-public-principal";
import { sqsQueuePolicyDisallowWildcardAction } from "./sqs/queue-policy-disallow-wildcard-action";
import { cloudwatchEventTargetRequireDeadLetterQueue } from "./cloudwatch/event-target-require-dead-letter-queue";
import { cloudwatchMetricAlarmRequireActions } from "./cloudwatch/metric-alarm-require-actions";
import { ssmDocumentDisallowPublicSharing } from "./ssm/document-disallow-public-sharing";
import { ssmParameterRequireSecureStringKms } from "./ssm/parameter-require-secure-string-kms";
import { ec2clientvpnEndpointRequireConnectionLogs } from "./ec2clientvpn/endpoint-require-connection-logs";
import { ec2clientvpnAuthorizationRuleDisallowAllGroups } from "./ec2clientvpn/authorization-rule-disallow-all-groups";
import { ec2clientvpnEndpointRestrictSessionTimeout } from "./ec2clientvpn/endpoint-restrict-session-timeout";
import { ecrLifecyclePolicyRequireExpiryRule } from "./ecr/lifecycle-policy-require-expiry-rule";
import { elasticacheReplicationGroupRequireAtRestEncryption } from "./elasticache/replication-group-require-at-rest-encryption";
import { elasticacheReplicationGroupRequireKms } from "./elasticache/replication-group-require-kms";
import { elasticacheReplicationGroupRequireTransitEncryption } from "./elasticache/replication-group-require-transit-encryption";
import { elasticacheReplicationGroupRequireAuth } from "./elasticache/replication-group-require-auth";
import { elasticacheReplicationGroupRequireAutomaticFailover } from "./elasticache/replication-group-require-automatic-failover";
import { elasticacheReplicationGroupRequireSnapshotRetention } from "./elasticache/replication-group-require-snapshot-retention";
import { elasticacheReplicationGroupRequireAutoMinorUpgrade } from "./elasticache/replication-group-require-auto-minor-upgrade";
import { elasticacheReplicationGroupRequireSubnetGroup } from "./elasticache/replication-group-require-subnet-group";
import { elasticacheClusterRequireSnapshotRetention } from "./elasticache/cluster-require-snapshot-retention";
import { elasticacheClusterRequireAutoMinorUpgrade } from "./elasticache/cluster-require-auto-minor-upgrade";
import { elasticacheUserRequireAuthentication } from "./elasticache/user-require-authentication";
import { budgetsBudgetRequireNotification } from "./budgets/budget-require-notification";
import { costexplorerAnomalySubscriptionRequireSubscriber } from "./costexplorer/anomaly-subscription-require-subscriber";
import { cognitoIdentityPoolDisallowClassicFlow } from "./cognito/identity-pool-disallow-classic-flow";
import { cognitoIdentityPoolRestrictUnauthenticatedIdentities } from "./cognito/identity-pool-restrict-unauthenticated-identities";
import { backupVaultRequireKms } from "./backup/vault-require-kms";
import { backupVaultLockRequireMinRetention } from "./backup/vault-lock-require-min-retention";
import { backupVaultLockRequireComplianceMode } from "./backup/vault-lock-require-compliance-mode";
import { backupPlanRequireRetention } from "./backup/plan-require-retention";
import { fisExperimentTemplateRequireStopCondition } from "./fis/experiment-template-require-stop-condition";
import { fisExperimentTemplateRequireLogConfiguration } from "./fis/experiment-template-require-log-configuration";
import { fisExperimentTemplateRestrictTargetSelection } from "./fis/experiment-template-restrict-target-selection";
import { route53HealthCheckRequireHttps } from "./route53/health-check-require-https";
import { route53HealthCheckRestrictFailureThreshold } from "./route53/health-check-restrict-failure-threshold";
import { lambdaFunctionDisallowDeprecatedRuntime } from "./lambda/function-disallow-deprecated-runtime";
import { lambdaFunctionDisallowSecretsInEnvironment } from "./lambda/function-disallow-secrets-in-environment";
import { lambdaFunctionRequireMultiAz } from "./lambda/function-require-multi-az";
import { lambdaFunctionUrlRequireAuth } from "./lambda/function-url-require-auth";
import { lambdaPermissionDisallowPublicPrincipal } from "./lambda/permission-disallow-public-principal";
import { sqsQueueRequireKms } from "./sqs/queue-require-kms";
import { apigatewayStageRequireAccessLogs } from "./apigateway/stage-require-access-logs";
import { apigatewayStageRequireXrayTracing } from "./apigateway/stage-require-xray-tracing";
import { apigatewayMethodSettingsRequireExecutionLogging } from "./apigateway/method-settings-require-execution-logging";
import { apigatewayMethodSettingsDisallowDataTrace } from "./apigateway/method-settings-disallow-data-trace";
import { apigatewayMethodSettingsRequireCacheEncryption } from "./apigateway/method-settings-require-cache-encryption";
import { apigatewayMethodRequireAuthorization } from "./apigateway/method-require-authorization";
import { apigatewayDomainNameRequireTls12 } from "./apigateway/domain-name-require-tls12";
import { apigatewayv2RouteRequireAuthorization } from "./apigatewayv2/route-require-authorization";
import { apigatewayv2StageRequireAccessLogs } from "./apigatewayv2/stage-require-access-logs";
import { dynamodbTableRequirePointInTimeRecovery } from "./dynamodb/table-require-point-in-time-recovery";
import { dynamodbTableRequireKms } from "./dynamodb/table-require-kms";
import { dynamodbTableRequireDeletionProtection } from "./dynamodb/table-require-deletion-protection";
import { dynamodbTableReplicaRequireKms } from "./dynamodb/table-replica-require-kms";
import { efsFileSystemRequireKms } from "./efs/file-system-require-kms";
import { efsAccessPointRequireRootDirectory } from "./efs/access-point-require-root-directory";
import { efsAccessPointRequirePosixUser } from "./efs/access-point-require-posix-user";
import { efsBackupPolicyRequireEnabled } from "./efs/backup-policy-require-enabled";
import { kinesisStreamRequireKms } from "./kinesis/stream-require-kms";
import { kinesisFirehoseDeliveryStreamRequireKms } from "./kinesis/firehose-delivery-stream-require-kms";
import { podRequireSeccompProfile } from "./kubernetes/pod-require-seccomp-profile";
import { podRestrictApparmorProfile } from "./kubernetes/pod-restrict-apparmor-profile";
import { podRestrictSysctls } from "./kubernetes/pod-restrict-sysctls";
import { podDisallowProcMount } from "./kubernetes/pod-disallow-proc-mount";
import { podRestrictVolumeTypes } from "./kubernetes/pod-restrict-volume-types";
import { podDisallowHostPorts } from "./kubernetes/pod-disallow-host-ports";
import { podRestrictSelinuxOptions } from "./kubernetes/pod-restrict-selinux-options";
import { podRestrictAddedCapabilities } from "./kubernetes/pod-restrict-added-capabilities";
import { podDisallowHostProcess } from "./kubernetes/pod-disallow-host-process";
import { podDisallowRootUser } from "./kubernetes/pod-disallow-root-user";
import { podRequireNoServiceAccountToken } from "./kubernetes/pod-require-no-service-account-token";
import { serviceDisallowNodePort } from "./kubernetes/service-disallow-node-port";
import { serviceDisallowExternalIps } from "./kubernetes/service-disallow-external-ips";
import { rdsClusterRequireStorageEncryption } from "./rds/cluster-require-storage-encryption";
import { rdsClusterRequireIamAuthentication } from "./rds/cluster-require-iam-authentication";
import { rdsClusterRequireLogExports } from "./rds/cluster-require-log-exports";
import { rdsClusterRequireCopyTagsToSnapshot } from "./rds/cluster-require-copy-tags-to-snapshot";
import { rdsInstanceRequireCopyTagsToSnapshot } from "./rds/instance-require-copy-tags-to-snapshot";
import { rdsInstanceRequireIamAuthentication } from "./rds/instance-require-iam-authentication";
import { rdsInstanceRequireModernCa } from "./rds/instance-require-modern-ca";
import { rdsClusterInstanceDisallowPublicAccess } from "./rds/cluster-instance-disallow-public-access";
import { rdsClusterInstancePerformanceInsightsRequireKms } from "./rds/cluster-instance-performance-insights-require-kms";
import { rdsSnapshotDisallowPublicSharing } from "./rds/snapshot-disallow-public-sharing";
import { rdsClusterSnapshotDisallowPublicSharing } from "./rds/cluster-snapshot-disallow-public-sharing";
import { rdsSnapshotCopyRequireKms } from "./rds/snapshot-copy-require-kms";
import { rdsInstanceAutomatedBackupsReplicationRequireKms } from "./rds/instance-automated-backups-replication-require-kms";
import { ebsSnapshotCopyRequireKms } from "./ebs/snapshot-copy-require-kms";
import { s3ObjectCopyRequireKms } from "./s3/object-copy-require-kms";
import { rdsGlobalClusterRequireStorageEncryption } from "./rds/global-cluster-require-storage-encryption";
import { s3AccessPointRequirePublicAccessBlock } from "./s3/access-point-require-public-access-block";
import { s3AccessPointRequireVpcOrigin } from "./s3/access-point-require-vpc-origin";
import { s3BucketObjectRequireKms } from "./s3/bucket-object-require-kms";
import { s3BucketLifecycleRequireAbortIncompleteUploads } from "./s3/bucket-lifecycle-require-abort-incomplete-uploads";
import { ebsEncryptionByDefaultRequireEnabled } from "./ebs/encryption-by-default-require-enabled";
import { ec2DefaultVpcDisallowAdoption } from "./ec2/default-vpc-disallow-adoption";
import { ec2LaunchTemplateRestrictMetadataHopLimit } from "./ec2/launch-template-restrict-metadata-hop-limit";
import { ec2LaunchTemplateDisallowPublicIp } from "./ec2/launch-template-disallow-public-ip";
import { ec2LaunchTemplateDisallowSecretsInUserData } from "./ec2/launch-template-disallow-secrets-in-user-data";
import { ec2InstanceRequireImdsv2 } from "./ec2/instance-require-imdsv2";
import { ec2NetworkAclRuleDisallowWorldAdminPorts } from "./ec2/network-acl-rule-disallow-world-admin-ports";
import { ec2VpcEndpointServiceRequireAcceptance } from "./ec2/vpc-endpoint-service-require-acceptance";
import { ec2RouteRestrictPeeringDestination } from "./ec2/route-restrict-peering-destination";
import { eksNodeGroupDisallowOpenRemoteAccess } from "./eks/node-group-disallow-open-remote-access";
import { lbLoadBalancerRequireCrossZone } from "./lb/load-balancer-require-cross-zone";
import { acmCertificateRequireTransparencyLogging } from "./acm/certificate-require-transparency-logging";
import { acmCertificateRequireStrongKey } from "./acm/certificate-require-strong-key";
import { kmsKeyRequireEnabled } from "./kms/key-require-enabled";
import { secretsmanagerSecretRotationRestrictInterval } from "./secretsmanager/secret-rotation-restrict-interval";
import { cloudfrontResponseHeadersPolicyRequireHsts } from "./cloudfront/response-headers-policy-require-hsts";
import { cloudtrailTrailRequireMultiRegion } from "./cloudtrail/trail-require-multi-region";
import { cloudtrailTrailRequireLogFileValidation } from "./cloudtrail/trail-require-log-file-validation";
import { cloudtrailTrailRequireKms } from "./cloudtrail/trail-require-kms";
import { cloudtrailTrailRequireCloudwatchLogs } from "./cloudtrail/trail-require-cloudwatch-logs";
import { cloudtrailTrailRequireLoggingEnabled } from "./cloudtrail/trail-require-logging-enabled";
import { cloudtrailEventDataStoreRequireKms } from "./cloudtrail/event-data-store-require-kms";
import { guarddutyDetectorRequireEnabled } from "./guardduty/detector-require-enabled";
import { guarddutyDetectorFeatureRequireEnabled } from "./guardduty/detector-feature-require-enabled";
import { securityhubAccountRequireAutoEnableControls } from "./securityhub/account-require-auto-enable-controls";
import { securityhubAccountRequireConsolidatedFindings } from "./securityhub/account-require-consolidated-findings";
import { cfgRecorderRequireAllResources } from "./cfg/recorder-require-all-resources";
import { cfgRecorderStatusRequireEnabled } from "./cfg/recorder-status-require-enabled";
import { accessanalyzerAnalyzerRequireExternalAccess } from "./accessanalyzer/analyzer-require-external-access";
import { inspector2EnablerRequireEc2AndEcr } from "./inspector2/enabler-require-ec2-and-ecr";
import { iamPasswordPolicyRequireMinLength } from "./iam/password-policy-require-min-length";
import { iamPasswordPolicyRequireReusePrevention } from "./iam/password-policy-require-reuse-prevention";
import { iamPasswordPolicyRequireMaxAge } from "./iam/password-policy-require-max-age";
import { iamPasswordPolicyRequireLowercase } from "./iam/password-policy-require-lowercase";
import { iamPasswordPolicyRequireUppercase } from "./iam/password-policy-require-uppercase";
import { iamPasswordPolicyRequireNumbers } from "./iam/password-policy-require-numbers";
import { iamPasswordPolicyRequireSymbols } from "./iam/password-policy-require-symbols";
import { iamUserDisallowConsoleLogin } from "./iam/user-disallow-console-login";
import { iamAccessKeyDisallowCreation } from "./iam/access-key-disallow-creation";

import { kyvernoDigestVerification } from "./kyverno/cluster-policy-require-digest-verification";
import { kyvernoEnforceAction } from "./kyverno/cluster-policy-require-enforce-action";
import { kyvernoImageAttestors } from "./kyverno/cluster-policy-require-image-attestors";
import { kyvernoWorkloadCoverage } from "./kyverno/workload-require-verified-images";
/** Policies by area, in README order. */
export const policiesByArea: Record<string, PackPolicy[]> = {
  tagging: [allowedTagValues, dataStoreClassification, requiredTags],
  iam: [
    iamNoIamPermissionsManagement,
    iamNoPassRoleWildcard,
    iamNoUnknownActions,
    iamNoWildcardAction,
    iamNoWildcardResourceOnWrite,
    iamNoWildcardResourceOnSecretReads,
    iamNoAdminManagedPolicies,
    iamNoPublicTrust,
    iamScopedWebIdentityTrust,
    iamNoUserPolicies,
    iamPasswordPolicyRequireMinLength,
    iamPasswordPolicyRequireReusePrevention,
    iamPasswordPolicyRequireMaxAge,
    iamPasswordPolicyRequireLowercase,
    iamPasswordPolicyRequireUppercase,
    iamPasswordPolicyRequireNumbers,
    iamPasswordPolicyRequireSymbols,
    iamUserDisallowConsoleLogin,
    iamAccessKeyDisallowCreation,
  ],
  kms: [kmsKeyNoPublicPrincipal, kmsKeyDeletionWindow, kmsKeyRequireRotation, kmsKeyRequireEnabled],
  s3: [
    s3AclNoPublic,
    s3OwnershipEnforced,
    s3PolicyNoPublicPrincipal,
    s3PolicyRequireTls,
    s3PublicAccessBlockAll,
    s3SseRequireKms,
    s3VersioningEnabled,
    s3ObjectCopyRequireKms,
    s3AccessPointRequirePublicAccessBlock,
    s3AccessPointRequireVpcOrigin,
    s3BucketObjectRequireKms,
    s3BucketLifecycleRequireAbortIncompleteUploads,
  ],
  rds: [
    rdsNotPublic,
    rdsPerformanceInsightsKms,
    rdsBackupRetention,
    rdsDeletionProtection,
    rdsFinalSnapshot,
    rdsLogExports,
    rdsMultiAz,
    rdsPinnedEngineVersion,
    rdsStorageEncryption,
    rdsForceSsl,
    rdsClusterRequireStorageEncryption,
    rdsClusterRequireIamAuthentication,
    rdsClusterRequireLogExports,
    rdsClusterRequireCopyTagsToSnapshot,
    rdsInstanceRequireCopyTagsToSnapshot,
    rdsInstanceRequireIamAuthentication,
    rdsInstanceRequireModernCa,
    rdsClusterInstanceDisallowPublicAccess,
    rdsClusterInstancePerformanceInsightsRequireKms,
    rdsSnapshotDisallowPublicSharing,
    rdsClusterSnapshotDisallowPublicSharing,
    rdsSnapshotCopyRequireKms,
    rdsInstanceAutomatedBackupsReplicationRequireKms,
    rdsGlobalClusterRequireStorageEncryption,
  ],
  ec2: [
    defaultSgClosed,
    ebsVolumeEncryption,
    flowLogAllTraffic,
    launchTemplateEbsEncryption,
    launchTemplateImdsv2,
    sgNoWorldIngress,
    subnetNoPublicIp,
    vpcMultiAz,
    vpcNatPerAz,
    vpcPrivateSubnets,
    ec2DefaultVpcDisallowAdoption,
    ec2LaunchTemplateRestrictMetadataHopLimit,
    ec2LaunchTemplateDisallowPublicIp,
    ec2LaunchTemplateDisallowSecretsInUserData,
    ec2InstanceRequireImdsv2,
    ec2NetworkAclRuleDisallowWorldAdminPorts,
    ec2VpcEndpointServiceRequireAcceptance,
    ec2RouteRestrictPeeringDestination,
  ],
  elb: [listenerHttpsRedirect, listenerTls13, lbAccessLogs, lbDeletionProtection, lbDesyncMitigation, lbDropInvalidHeaders],
  cloudfront: [cfHttpsOrigins, cfHttpsViewers, cfLogging, cfTls, cfWaf, cloudfrontResponseHeadersPolicyRequireHsts],
  wafv2: [wafManagedRules, wafMetrics],
  logs: [logGroupKms, logGroupRetention],
  secretsmanager: [secretKms, secretRecoveryWindow, secretsmanagerSecretRotationRestrictInterval],
  sns: [snsKms, snsTopicPolicyDisallowPublicPrincipal],
  ecr: [ecrImmutableTags, ecrKms, ecrScanOnPush, ecrRepositoryPolicyDisallowPublicPrincipal, ecrLifecyclePolicyRequireExpiryRule],
  eks: [
    addonPinnedVersion,
    eksNoPublicEndpoint,
    eksNoWorldEndpoint,
    eksApiAuthentication,
    eksControlPlaneLogs,
    eksPinnedVersion,
    eksSecretsEncryption,
    nodeGroupMinSize,
    nodeGroupMultiAz,
    eksNodeGroupDisallowOpenRemoteAccess,
  ],
  kubernetes: [
    ingressAccessLogs,
    ingressDeletionProtection,
    ingressHttpsRedirect,
    ingressTls13,
    ingressWafAcl,
    helmAllowedRepository,
    helmPinnedVersion,
    k8sPodSecurityLabels,
    k8sNoHostNamespaces,
    k8sNoHostPath,
    k8sNoPrivilegeEscalation,
    k8sNoPrivileged,
    k8sDropAllCapabilities,
    k8sPinnedImage,
    k8sProbes,
    k8sReadOnlyRootFs,
    k8sResources,
    k8sRunAsNonRoot,
    k8sNoDefaultNamespace,
    podRequireSeccompProfile,
    podRestrictApparmorProfile,
    podRestrictSysctls,
    podDisallowProcMount,
    podRestrictVolumeTypes,
    podDisallowHostPorts,
    podRestrictSelinuxOptions,
    podRestrictAddedCapabilities,
    podDisallowHostProcess,
    podDisallowRootUser,
    podRequireNoServiceAccountToken,
    serviceDisallowNodePort,
    serviceDisallowExternalIps,
  ],
  kyverno: [kyvernoImageAttestors, kyvernoDigestVerification, kyvernoEnforceAction, kyvernoWorkloadCoverage],
  cloudwatch: [
    cloudwatchEventBusPolicyDisallowPublicPrincipal,
    cloudwatchEventTargetRequireDeadLetterQueue,
    cloudwatchMetricAlarmRequireActions,
  ],
  sqs: [sqsQueuePolicyDisallowPublicPrincipal, sqsQueuePolicyDisallowWildcardAction, sqsQueueRequireKms],
  backup: [
    backupVaultPolicyDisallowPublicPrincipal,
    backupVaultRequireKms,
    backupVaultLockRequireMinRetention,
    backupVaultLockRequireComplianceMode,
    backupPlanRequireRetention,
  ],
  ssm: [ssmDocumentDisallowPublicSharing, ssmParameterRequireSecureStringKms],
  ec2clientvpn: [
    ec2clientvpnEndpointRequireConnectionLogs,
    ec2clientvpnAuthorizationRuleDisallowAllGroups,
    ec2clientvpnEndpointRestrictSessionTimeout,
  ],
  elasticache: [
    elasticacheReplicationGroupRequireAtRestEncryption,
    elasticacheReplicationGroupRequireKms,
    elasticacheReplicationGroupRequireTransitEncryption,
    elasticacheReplicationGroupRequireAuth,
    elasticacheReplicationGroupRequireAutomaticFailover,
    elasticacheReplicationGroupRequireSnapshotRetention,
    elasticacheReplicationGroupRequireAutoMinorUpgrade,
    elasticacheReplicationGroupRequireSubnetGroup,
    elasticacheClusterRequireSnapshotRetention,
    elasticacheClusterRequireAutoMinorUpgrade,
    elasticacheUserRequireAuthentication,
  ],
  budgets: [budgetsBudgetRequireNotification],
  costexplorer: [costexplorerAnomalySubscriptionRequireSubscriber],
  cognito: [cognitoIdentityPoolDisallowClassicFlow, cognitoIdentityPoolRestrictUnauthenticatedIdentities],
  fis: [
    fisExperimentTemplateRequireStopCondition,
    fisExperimentTemplateRequireLogConfiguration,
    fisExperimentTemplateRestrictTargetSelection,
  ],
  route53: [route53HealthCheckRequireHttps, route53HealthCheckRestrictFailureThreshold],
  lambda: [
    lambdaFunctionDisallowDeprecatedRuntime,
    lambdaFunctionDisallowSecretsInEnvironment,
    lambdaFunctionRequireMultiAz,
    lambdaFunctionUrlRequireAuth,
    lambdaPermissionDisallowPublicPrincipal,
  ],
  apigateway: [
    apigatewayStageRequireAccessLogs,
    apigatewayStageRequireXrayTracing,
    apigatewayMethodSettingsRequireExecutionLogging,
    apigatewayMethodSettingsDisallowDataTrace,
    apigatewayMethodSettingsRequireCacheEncryption,
    apigatewayMethodRequireAuthorization,
    apigatewayDomainNameRequireTls12,
  ],
  apigatewayv2: [apigatewayv2RouteRequireAuthorization, apigatewayv2StageRequireAccessLogs],
  dynamodb: [
    dynamodbTableRequirePointInTimeRecovery,
    dynamodbTableRequireKms,
    dynamodbTableRequireDeletionProtection,
    dynamodbTableReplicaRequireKms,
  ],
  efs: [
    efsFileSystemRequireKms,
    efsAccessPointRequireRootDirectory,
    efsAccessPointRequirePosixUser,
    efsBackupPolicyRequireEnabled,
  ],
  kinesis: [kinesisStreamRequireKms, kinesisFirehoseDeliveryStreamRequireKms],
  ebs: [ebsSnapshotCopyRequireKms, ebsEncryptionByDefaultRequireEnabled],
  lb: [lbLoadBalancerRequireCrossZone],
  acm: [acmCertificateRequireTransparencyLogging, acmCertificateRequireStrongKey],
  cloudtrail: [
    cloudtrailTrailRequireMultiRegion,
    cloudtrailTrailRequireLogFileValidation,
    cloudtrailTrailRequireKms,
    cloudtrailTrailRequireCloudwatchLogs,
    cloudtrailTrailRequireLoggingEnabled,
    cloudtrailEventDataStoreRequireKms,
  ],
  guardduty: [guarddutyDetectorRequireEnabled, guarddutyDetectorFeatureRequireEnabled],
  securityhub: [securityhubAccountRequireAutoEnableControls, securityhubAccountRequireConsolidatedFindings],
  cfg: [cfgRecorderRequireAllResources, cfgRecorderStatusRequireEnabled],
  accessanalyzer: [accessanalyzerAnalyzerRequireExternalAccess],
  inspector2: [inspector2EnablerRequireEc2AndEcr],
  stack: [
    bucketHasSse,
    bucketHasPab,
    lbWafAssociation,
    logKeyRotation,
    rdsReadReplicas,
    worldWebOnlyOnPublicAlb,
    statefulProtect,
    vpcFlowLog,
    wafLogging,
    apigatewayStageWafAssociation,
    cloudfrontS3OriginAccessControl,
    route53ZoneDnssecSigning,
    route53ZoneQueryLogging,
  ],
};

/** Every policy of the pack. */
export const allPolicies: PackPolicy[] = Object.values(policiesByArea).flat();
