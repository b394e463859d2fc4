/**
 * The platform, read top to bottom: validated config, the explicit providers (which carry the
 * required tags), then one line per component, then the stack outputs. Resources live in
 * components/; nothing is created here directly.
 *
 * The program is a function so that the Pulumi CLI calls it once per run and the mock harness
 * (tools/harness.ts) can run it for dev, staging and prod in one process.
 */
import { Alerting } from "../components/alerting";
import { Cluster } from "../components/cluster";
import { Database } from "../components/database";
import { Edge } from "../components/edge";
import { Network } from "../components/network";
import { Observability } from "../components/observability";
import { OffHours } from "../components/off-hours";
import { Naming } from "../lib/naming";
import { Runbooks } from "../lib/runbooks";
import { availabilityZones } from "./availability-zones";
import { loadStackConfig } from "./config";
import { createProviders } from "./providers";
import { requiredTags } from "./tagging";

export = async function program() {
  const config = loadStackConfig();
  const naming = new Naming(config.project, config.stack);
  const runbooks = new Runbooks(config.runbookBaseUrl);
  const providers = createProviders(config);
  const withAws = { providers: [providers.aws] };
  const azs = await availabilityZones(config, providers.aws);

  const network = new Network(
    "network",
    {
      naming,
      region: config.region,
      vpcCidr: config.network.vpcCidr,
      availabilityZones: azs,
      subnetCidrs: config.network.subnetCidrs,
      natStrategy: config.network.natStrategy,
      flowLogRetentionDays: config.network.flowLogRetentionDays,
      interfaceEndpoints: config.network.interfaceEndpoints,
      protect: config.protectStatefulResources,
    },
    withAws,
  );

  const alerting = new Alerting(
    "alerting",
    { naming, alertEmail: config.alertEmail, protect: config.protectStatefulResources },
    withAws,
  );

  const cluster = new Cluster(
    "cluster",
    {
      naming,
      region: config.region,
      kubernetesVersion: config.cluster.kubernetesVersion,
      clusterAdminRoleArn: config.cluster.clusterAdminRoleArn,
      vpcId: network.vpcId,
      privateSubnetIds: network.privateSubnetIds,
      subnetCidrs: network.subnetCidrs,
      publicAccessCidrs: config.cluster.publicAccessCidrs,
      controlPlaneLogRetentionDays: config.cluster.controlPlaneLogRetentionDays,
      nodeGroups: config.cluster.nodeGroups,
      namespaceQuota: config.cluster.namespaceQuota,
      deletionProtection: config.protectStatefulResources,
      protect: config.protectStatefulResources,
      highAvailability: config.highAvailability,
      nodeTags: requiredTags(config),
      // One source for the service ports: the namespaces' NetworkPolicies and the edge's target groups.
      appNamespaces: {
        storefront: { servicePort: config.edge.servicePorts.storefront },
        api: { servicePort: config.edge.servicePorts.api },
        workers: {},
      },
    },
    withAws,
  );

  const database = new Database(
    "database",
    {
      naming,
      vpcId: network.vpcId,
      subnetIds: network.isolatedSubnetIds,
      availabilityZones: azs,
      clientSecurityGroupId: cluster.nodeSecurityGroupId,
      alertTopicArn: alerting.topicArn,
      engineVersion: config.database.engineVersion,
      instanceClass: config.database.instanceClass,
      allocatedStorage: config.database.allocatedStorage,
      maxAllocatedStorage: config.database.maxAllocatedStorage,
      multiAz: config.database.multiAz,
      replicaCount: config.database.replicaCount,
      backupRetentionDays: config.database.backupRetentionDays,
      backupWindow: config.database.backupWindow,
      maintenanceWindow: config.database.maintenanceWindow,
      logRetentionDays: config.database.logRetentionDays,
      proxy: config.database.proxy,
      proxyMaxConnectionsPercent: config.database.proxyMaxConnectionsPercent,
      drReplica: config.database.drReplica,
      drProvider: providers.dr,
      runbooks,
      protect: config.protectStatefulResources,
    },
    withAws,
  );

  // Dev only (validated): node groups to zero and the database stopped outside working hours.
  const offHours = config.cost.offHours;
  if (offHours) {
    const groups = config.cluster.nodeGroups;
    new OffHours(
      "off-hours",
      {
        naming,
        ...offHours,
        clusterName: cluster.clusterName,
        nodeGroups: {
          system: { ...cluster.nodeGroups.system, ...groups.system },
          apps: { ...cluster.nodeGroups.apps, ...groups.apps },
        },
        // RDS cannot stop an instance that has read replicas: then only the nodes scale down.
        database:
          config.database.replicaCount === 0 ? { identifier: database.primaryIdentifier, arn: database.primaryArn } : undefined,
      },
      withAws,
    );
  }

  const edge = new Edge(
    "edge",
    {
      naming,
      region: config.region,
      vpcId: network.vpcId,
      publicSubnetIds: network.publicSubnetIds,
      nodeSecurityGroupId: cluster.nodeSecurityGroupId,
      clusterName: cluster.clusterName,
      kubernetesProvider: cluster.kubernetesProvider,
      usEast1Provider: providers.usEast1,
      hostedZoneName: config.edge.hostedZoneName,
      storefrontHost: config.edge.storefrontHost,
      apiHost: config.edge.apiHost,
      originHost: config.edge.originHost,
      services: {
        storefront: {
          namespace: cluster.namespaces.storefront,
          serviceName: "storefront",
          port: config.edge.servicePorts.storefront,
          healthCheckPath: "/healthz",
        },
        api: {
          namespace: cluster.namespaces.api,
          serviceName: "api",
          port: config.edge.servicePorts.api,
          healthCheckPath: "/healthz",
        },
      },
      wafRateLimit: config.edge.wafRateLimit,
      blockedIpCidrs: config.edge.blockedIpCidrs,
      blockAnonymousIps: config.edge.blockAnonymousIps,
      wafLogRetentionDays: config.edge.wafLogRetentionDays,
      contentSecurityPolicy: config.edge.contentSecurityPolicy,
      shieldAdvanced: config.edge.shieldAdvanced,
      accessLogExpiryDays: config.edge.accessLogExpiryDays,
      priceClass: config.edge.priceClass,
      deletionProtection: config.protectStatefulResources,
      protect: config.protectStatefulResources,
    },
    // random: the CloudFront-to-ALB origin secret.
    { providers: [providers.aws, providers.random] },
  );

  const observability = new Observability(
    "observability",
    {
      naming,
      region: config.region,
      kubernetesProvider: cluster.kubernetesProvider,
      clusterName: cluster.clusterName,
      oidcProviderArn: cluster.oidcProviderArn,
      oidcIssuer: cluster.oidcIssuer,
      namespace: cluster.namespaces.monitoring,
      logNamespaces: ["kube-system", ...Object.values(cluster.namespaces)],
      alertTopicArn: alerting.topicArn,
      alertTopicKeyArn: alerting.keyArn,
      prometheusRetentionDays: config.observability.prometheusRetentionDays,
      prometheusVolumeGiB: config.observability.prometheusVolumeGiB,
      prometheusReplicas: config.observability.prometheusReplicas,
      grafanaVolumeGiB: config.observability.grafanaVolumeGiB,
      slackChannel: config.observability.slackChannel,
      slackWebhookUrl: config.observability.slackWebhookUrl,
      pagerDutyRoutingKey: config.observability.pagerDutyRoutingKey,
      logRetentionDays: config.observability.logRetentionDays,
      logArchive: config.observability.logArchive && {
        glacierAfterDays: config.observability.logArchiveGlacierDays,
        expireAfterDays: config.observability.logArchiveExpireDays,
      },
      traceSamplingPercent: config.observability.traceSamplingPercent,
      albArnSuffix: edge.albArnSuffix,
      webAclName: edge.regionalWebAclName,
      apiHealthUrl: config.observability.canary ? edge.apiHealthUrl : undefined,
      runbooks,
      protect: config.protectStatefulResources,
    },
    { providers: [providers.aws, providers.random] },
  );

  return {
    environment: config.environment,
    region: config.region,
    vpcId: network.vpcId,
    vpcCidr: network.vpcCidr,
    publicSubnetIds: network.publicSubnetIds,
    privateSubnetIds: network.privateSubnetIds,
    isolatedSubnetIds: network.isolatedSubnetIds,
    alertTopicArn: alerting.topicArn,
    databaseWriterEndpoint: database.writerEndpoint,
    databaseReaderEndpoints: database.readerEndpoints,
    databaseProxyEndpoint: database.proxyEndpoint,
    databasePort: database.port,
    databaseSecretArn: database.secretArn,
    clusterName: cluster.clusterName,
    clusterEndpoint: cluster.endpoint,
    clusterOidcProviderArn: cluster.oidcProviderArn,
    clusterNodeSecurityGroupId: cluster.nodeSecurityGroupId,
    kubeconfig: cluster.kubeconfig,
    alertRoutes: observability.alertRoutes,
    containerLogGroups: observability.logGroupNames,
    otlpEndpoint: observability.otlpEndpoint,
    albDnsName: edge.albDnsName,
    albArn: edge.albArn,
    cloudfrontDomainName: edge.distributionDomainName,
    cloudfrontDistributionId: edge.distributionId,
    staticAssetsBucketName: edge.staticBucketName,
    regionalWebAclArn: edge.regionalWebAclArn,
    cloudfrontWebAclArn: edge.cloudfrontWebAclArn,
  };
};
