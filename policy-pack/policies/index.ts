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
import { bucketHasSse } from "./stack/bucket-require-encryption-configuration";
import { bucketHasPab } from "./stack/bucket-require-public-access-block";
import { lbWafAssociation } from "./stack/load-balancer-require-waf-association";
import { logKeyRotation } from "./stack/log-group-kms-key-require-rotation";
import { rdsReadReplicas } from "./stack/rds-instance-require-read-replica";
import { worldWebOnlyOnPublicAlb } from "./stack/security-group-restrict-world-web-to-public-alb";
import { statefulProtect } from "./stack/stateful-resource-require-protect";
import { vpcFlowLog } from "./stack/vpc-require-flow-log";
import { wafLogging } from "./stack/web-acl-require-logging";

/** Policies by area, in README order. */
export const policiesByArea: Record<string, PackPolicy[]> = {
  tagging: [allowedTagValues, dataStoreClassification, requiredTags],
  iam: [
    iamNoIamPermissionsManagement,
    iamNoPassRoleWildcard,
    iamNoUnknownActions,
    iamNoWildcardAction,
    iamNoWildcardResourceOnWrite,
    iamNoAdminManagedPolicies,
    iamNoPublicTrust,
    iamScopedWebIdentityTrust,
    iamNoUserPolicies,
  ],
  kms: [kmsKeyNoPublicPrincipal, kmsKeyDeletionWindow, kmsKeyRequireRotation],
  s3: [
    s3AclNoPublic,
    s3OwnershipEnforced,
    s3PolicyNoPublicPrincipal,
    s3PolicyRequireTls,
    s3PublicAccessBlockAll,
    s3SseRequireKms,
    s3VersioningEnabled,
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
  ],
  elb: [listenerHttpsRedirect, listenerTls13, lbAccessLogs, lbDeletionProtection, lbDesyncMitigation, lbDropInvalidHeaders],
  cloudfront: [cfHttpsOrigins, cfHttpsViewers, cfLogging, cfTls, cfWaf],
  wafv2: [wafManagedRules, wafMetrics],
  logs: [logGroupKms, logGroupRetention],
  secretsmanager: [secretKms, secretRecoveryWindow],
  sns: [snsKms],
  ecr: [ecrImmutableTags, ecrKms, ecrScanOnPush],
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
  ],
  kubernetes: [
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
  ],
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
  ],
};

/** Every policy of the pack. */
export const allPolicies: PackPolicy[] = Object.values(policiesByArea).flat();
