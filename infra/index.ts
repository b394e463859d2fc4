/**
 * The platform, read top to bottom: validated config, the explicit providers (which carry the
 * required tags), then one line per component, then the stack outputs. Resources live in
 * components/; nothing is created here directly.
 *
 * The program is a function so that the Pulumi CLI calls it once per run and the mock harness
 * (tools/harness.ts) can run it for dev, staging and prod in one process.
 */
import * as pulumi from "@pulumi/pulumi";
import { Alerting } from "../components/alerting";
import { Backup } from "../components/backup";
import { Cache } from "../components/cache";
import { Cluster } from "../components/cluster";
import { Database } from "../components/database";
import { Delivery } from "../components/delivery";
import { DrRegion } from "../components/dr";
import { Edge, edgeIngressGroup, regionalWebAclName, ServiceRouting } from "../components/edge";
import { FaultInjection } from "../components/fault-injection";
import { Flows } from "../components/flows";
import { Network } from "../components/network";
import { Observability } from "../components/observability";
import { RealUserMonitoring } from "../components/rum";
import { rumConnectSources, withConnectSources } from "../components/rum/csp";
import { CostControls } from "../components/cost-controls";
import { OffHours } from "../components/off-hours";
import { handoverStart, OnCall } from "../components/oncall";
import { Security } from "../components/security";
import { Service } from "../components/service";
import { parseCidr } from "../lib/cidr";
import { Naming } from "../lib/naming";
import { Runbooks } from "../lib/runbooks";
import { METRICS_PORT } from "../stacks/flows";
import { INTERNAL_SERVICE_PORT, SERVICE_NAMES } from "../stacks/services";
import { selectorLabels, serviceNames } from "../components/service/workload";
import { VAULT_LOCK_MIN_DAYS } from "./sections/backup";
import { defaultSubnetPlan } from "./sections/network";
import { availabilityZones } from "./availability-zones";
import { loadStackConfig } from "./config";
import { createProviders } from "./providers";
import { checkPlaceholders } from "./placeholders";
import { autoScalingServiceLinkedRoleExists } from "./service-linked-roles";
import { REQUIRED_TAG_KEYS, requiredTags } from "./tagging";

export = async function program() {
  const config = loadStackConfig();
  checkPlaceholders(config.stack);
  const naming = new Naming(config.project, config.stack);
  const runbooks = new Runbooks(config.runbookBaseUrl);
  const providers = createProviders(config);
  const withAws = { providers: [providers.aws] };
  const azs = await availabilityZones(config, providers.aws);
  const createAutoScalingServiceLinkedRole = !(await autoScalingServiceLinkedRoleExists(providers.aws));

  // Each component gets its validated config section as it is, plus what other components provide.
  const protect = config.protectStatefulResources;
  const network = new Network(
    "network",
    { ...config.network, naming, region: config.region, availabilityZones: azs, protect },
    withAws,
  );

  // The alert topic and its routes to people: e-mail everything, page critical, warnings to Slack
  // (the receivers and secrets Alertmanager uses too).
  // On-call as code (optional): PagerDuty schedules, escalation and the service whose generated
  // routing keys Alertmanager and the alert topic's receiver use instead of `pagerDutyRoutingKey`.
  const onCall = providers.pagerduty
    ? new OnCall(
        "oncall",
        {
          naming,
          users: config.onCall.users,
          timeZone: config.onCall.timeZone,
          rotationStart: handoverStart(config.onCall.timeZone),
        },
        { providers: [providers.pagerduty] },
      )
    : undefined;

  const alertingIn = (alertNaming: Naming, region: string) => ({
    naming: alertNaming,
    alertEmail: config.alertEmail,
    protect,
    region,
    runbooks,
    logRetentionDays: config.observability.logRetentionDays,
    receivers: {
      slackChannel: config.observability.slackChannel,
      slackWebhookUrl: config.observability.slackWebhookUrl,
      pagerDutyRoutingKey: onCall?.routingKeys["alert-topic"] ?? config.observability.pagerDutyRoutingKey,
    },
  });
  const alerting = new Alerting("alerting", alertingIn(naming, config.region), withAws);

  /** The cluster's arguments but its network: the home cluster, and the DR cluster after a failover. */
  const clusterIn = (clusterNaming: Naming, region: string) => ({
    ...config.cluster,
    naming: clusterNaming,
    region,
    deletionProtection: protect,
    protect,
    highAvailability: config.highAvailability,
    nodeTags: requiredTags(config),
    // The flow table's workloads; their NetworkPolicies come from the table (Flows, below).
    appNamespaces: config.flows.workloads,
    // The role is the account's (IAM is global): only the home cluster creates it, the DR cluster
    // (after a failover, when the home cluster has long made it exist) refers to it.
    createAutoScalingServiceLinkedRole: region === config.region && createAutoScalingServiceLinkedRole,
  });
  // Budget, anomaly alerts and cost allocation tags for this stack's Environment and Project tags.
  new CostControls(
    "cost-controls",
    {
      naming,
      environment: config.environment,
      project: config.project,
      monthlyBudgetUsd: config.cost.monthlyBudgetUsd,
      actualThresholdsPercent: config.cost.actualThresholdsPercent,
      forecastedThresholdsPercent: config.cost.forecastedThresholdsPercent,
      anomalyThresholdUsd: config.cost.anomalyThresholdUsd,
      alertTopicArn: alerting.topicArn,
      ownerEmail: config.alertEmail,
      costAllocationTags: REQUIRED_TAG_KEYS,
    },
    withAws,
  );

  const cluster = new Cluster(
    "cluster",
    {
      ...clusterIn(naming, config.region),
      // The edge's Web ACL, which the load balancer controller attaches to the public ALB, and the
      // edge's IngressClassParams, which the `alb` class enforces.
      loadBalancerWebAclNames: [regionalWebAclName(naming)],
      albIngressClassParams: edgeIngressGroup(naming),
      vpcId: network.vpcId,
      privateSubnetIds: network.privateSubnetIds,
      subnetCidrs: network.subnetCidrs,
    },
    withAws,
  );

  // The DR region (prod): a network of the same tiers, the replica's home; a failover (`dr.mode`)
  // promotes the replica and brings up a minimal cluster there. Pilot light: docs/dr.md.
  const dr = config.dr.region && providers.dr ? config.dr : undefined;
  const drNaming = new Naming(config.project, `${config.stack}-dr`);
  const drAws = providers.dr ? { providers: [providers.dr] } : withAws;
  const failedOver = dr !== undefined && dr.mode !== "pilot-light";
  const { system, apps } = config.cluster.nodeGroups;
  const drRegion = dr
    ? new DrRegion(
        "dr",
        {
          network: {
            ...config.network,
            naming: drNaming,
            region: dr.region!,
            vpcCidr: dr.vpcCidr,
            subnetCidrs: defaultSubnetPlan(parseCidr(dr.vpcCidr)!, config.network.azCount),
            availabilityZones: await availabilityZones(config, providers.dr!, dr.region),
            // Serving prod traffic after a failover: NAT per AZ like the home network.
            natStrategy: failedOver ? "OnePerAz" : dr.natStrategy,
            vpcTags: { DrState: failedOver ? "serving" : "pilot-light" },
            // No interface endpoints until a failover: they bill per AZ-hour and nothing runs there.
            interfaceEndpoints: failedOver && config.network.interfaceEndpoints,
            protect,
          },
          // The DR region's alarms reach the same people (its own topic and receivers).
          alerting: alertingIn(drNaming, dr.region!),
          // After a failover: the smallest cluster that serves (two nodes per group; cluster-autoscaler
          // grows the apps group to the home maximum). Pilot light: none (docs/dr.md, "Why pilot light").
          cluster: failedOver
            ? {
                ...clusterIn(drNaming, dr.region!),
                nodeGroups: {
                  system: { ...system, minSize: 2, desiredSize: 2, maxSize: Math.max(2, system.maxSize) },
                  apps: { ...apps, minSize: 2, desiredSize: 2, maxSize: Math.max(2, apps.maxSize) },
                },
              }
            : undefined,
        },
        drAws,
      )
    : undefined;
  const drNetwork = drRegion?.network;
  const drCluster = drRegion?.cluster;

  const database = new Database(
    "database",
    {
      ...config.database,
      naming,
      vpcId: network.vpcId,
      subnetIds: network.isolatedSubnetIds,
      availabilityZones: azs,
      // The flow table's database users, and where the rotation and bootstrap functions run.
      serviceUsers: config.flows.databaseUsers,
      functionSubnetIds: network.privateSubnetIds,
      endpointSecurityGroupId: config.network.interfaceEndpoints ? network.endpointSecurityGroupId : undefined,
      alertTopicArn: alerting.topicArn,
      drProvider: providers.dr,
      drAlertTopicArn: drRegion?.alerting.topicArn,
      ...(drNetwork && dr?.replica
        ? {
            drReplica: {
              vpcId: drNetwork.vpcId,
              subnetIds: drNetwork.isolatedSubnetIds,
              clientCidrs: drNetwork.subnetCidrs.private,
            },
            drReplicaRole: dr.mode === "pilot-light" ? "replica" : dr.mode,
          }
        : {}),
      runbooks,
      protect,
    },
    withAws,
  );

  // Sessions, carts and catalogue reads (docs/caching.md); reached only through the flow table.
  const cache = new Cache(
    "cache",
    {
      ...config.cache,
      naming,
      vpcId: network.vpcId,
      subnetIds: network.isolatedSubnetIds,
      availabilityZones: azs,
      users: config.flows.cacheUsers,
      alertTopicArn: alerting.topicArn,
      runbooks,
      protect,
    },
    // random: the switched-off default user's unused password.
    { providers: [providers.aws, providers.random] },
  );

  const backup = new Backup(
    "backup",
    {
      naming,
      tiers: {
        // Snapshots beyond PITR: daily (and monthly in prod), kept longer than the automated backups.
        database: {
          resourceType: "RDS",
          resourceArns: [database.primaryArn],
          rules: {
            daily: { schedule: "cron(0 3 * * ? *)", retentionDays: config.backup.databaseRetentionDays },
            ...(config.backup.databaseMonthlyRetentionDays > 0
              ? { monthly: { schedule: "cron(0 4 1 * ? *)", retentionDays: config.backup.databaseMonthlyRetentionDays } }
              : {}),
          },
          // Restore into the database's own isolated subnets and security group (there is no default VPC).
          restoreTest: {
            metadataOverrides: {
              dbSubnetGroupName: database.subnetGroupName,
              vpcSecurityGroupIds: pulumi.jsonStringify([database.securityGroupId]),
            },
          },
        },
        // Prometheus, Alertmanager and Grafana volumes (tagged by their StorageClass).
        "monitoring-volumes": {
          resourceType: "EBS",
          selectByTag: true,
          rules: { daily: { schedule: "cron(30 3 * * ? *)", retentionDays: config.backup.volumeRetentionDays } },
          restoreTest: {},
        },
        // Buckets tagged BackupTier=customer-data (AWS Backup for S3 needs versioning on).
        "customer-data": {
          resourceType: "S3",
          selectByTag: true,
          rules: { daily: { schedule: "cron(0 2 * * ? *)", retentionDays: config.backup.customerDataRetentionDays } },
        },
      },
      vaultLock:
        config.backup.vaultLock === "none"
          ? undefined
          : {
              mode: config.backup.vaultLock,
              minRetentionDays: VAULT_LOCK_MIN_DAYS,
              maxRetentionDays: 3650,
              changeableForDays: 3,
            },
      drProvider: providers.dr,
      restoreTestSchedule: config.backup.restoreTesting ? "cron(0 6 ? * TUE *)" : undefined,
      alertTopicArn: alerting.topicArn,
      runbooks,
      protect,
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
  // Everything the flow table (stacks/flows.ts) opens: NetworkPolicies, SG rules, workload IAM roles.
  const flows = new Flows(
    "flows",
    {
      naming,
      region: config.region,
      table: config.flows.table,
      servicePorts: config.flows.servicePorts,
      externalDestinations: config.flows.externalDestinations,
      kubernetesProvider: cluster.kubernetesProvider,
      oidcProviderArn: cluster.oidcProviderArn,
      oidcIssuer: cluster.oidcIssuer,
      subnetCidrs: network.subnetCidrs,
      endpoints: {
        enabled: config.network.interfaceEndpoints,
        services: network.interfaceEndpointServices,
        securityGroupId: network.endpointSecurityGroupId,
      },
      nodeSecurityGroupId: cluster.nodeSecurityGroupId,
      database: {
        clientSecurityGroupId: database.clientSecurityGroupId,
        port: database.port,
        // The writer (proxy) only: the replicas' group admits no workload yet (docs/database.md "How services connect").
        connectResourceArns: database.connectResourceArns.apply((arns) => arns.slice(0, 1)),
      },
      cache: {
        securityGroupId: cache.securityGroupId,
        port: cache.port,
        cidrs: network.subnetCidrs.isolated,
        replicationGroupArn: cache.replicationGroupArn,
        userArns: cache.userArns,
      },
      previousPolicyParent: cluster,
    },
    withAws,
  );

  const { servicePorts, ...edgeSettings } = config.edge;
  const { workloads, imageSigner, ciRoleArn, admissionMode, keepReleases } = config.services;
  // A canary is weighted at the ALB between its stable and canary Services; blue-green switches the root Service.
  const routingOf = (name: "storefront" | "api"): ServiceRouting => {
    const names = serviceNames(name, workloads[name].rollout);
    return names.kind === "canary"
      ? { kind: "weighted", stableService: names.stable, canaryService: names.canary }
      : { kind: "direct" };
  };
  // The storefront's RUM web client (components/rum) posts to the RUM and Cognito endpoints of the region.
  edgeSettings.contentSecurityPolicy = withConnectSources(edgeSettings.contentSecurityPolicy, rumConnectSources(config.region));
  const edge = new Edge(
    "edge",
    {
      ...edgeSettings,
      naming,
      region: config.region,
      vpcId: network.vpcId,
      publicSubnetIds: network.publicSubnetIds,
      nodeSecurityGroupId: cluster.nodeSecurityGroupId,
      kubernetesProvider: cluster.kubernetesProvider,
      usEast1Provider: providers.usEast1,
      // With a DR region: health checks and failover records; the DR load balancer is the secondary.
      dnsFailover: dr ? { secondary: dr.standbyOrigin } : undefined,
      services: {
        storefront: {
          namespace: cluster.namespaces.storefront,
          serviceName: "storefront",
          port: servicePorts.storefront,
          healthCheckPath: "/healthz",
          routing: routingOf("storefront"),
        },
        api: {
          namespace: cluster.namespaces.api,
          serviceName: "api",
          port: servicePorts.api,
          healthCheckPath: "/healthz",
          routing: routingOf("api"),
        },
      },
      deletionProtection: protect,
      protect,
    },
    // random: the CloudFront-to-ALB origin secret.
    { providers: [providers.aws, providers.random] },
  );

  const { canary, ...observabilitySettings } = config.observability;
  const observability = new Observability(
    "observability",
    {
      ...observabilitySettings,
      pagerDutyRoutingKey: onCall?.routingKeys.alertmanager ?? observabilitySettings.pagerDutyRoutingKey,
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
      albArnSuffix: edge.albArnSuffix,
      webAclName: edge.regionalWebAclName,
      apiHealthUrl: canary ? edge.apiHealthUrl : undefined,
      runbooks,
      protect,
    },
    { providers: [providers.aws, providers.random] },
  );

  // Real user monitoring of the storefront: web vitals and JS errors from browsers, alarmed (docs/capacity.md).
  const rum = new RealUserMonitoring(
    "rum",
    {
      ...config.rum,
      naming,
      region: config.region,
      storefrontHost: config.edge.storefrontHost,
      alertTopicArn: alerting.topicArn,
      runbooks,
    },
    withAws,
  );

  const security = new Security(
    "security",
    {
      ...config.security,
      naming,
      region: config.region,
      runbooks,
      // The container-log archive holds personal data (request logs): record who reads it.
      customerDataBucketNames: observability.logArchiveBucket ? [observability.logArchiveBucket] : [],
      alertTopicArn: alerting.topicArn,
      alertTopicKeyArn: alerting.keyArn,
      vpcId: network.vpcId,
      vpcCidr: network.vpcCidr,
      privateSubnetIds: network.privateSubnetIds,
      nodeRoleName: cluster.nodeRoleName,
      database: {
        host: pulumi.all([database.proxyEndpoint, database.writerEndpoint]).apply(([proxy, writer]) => proxy ?? writer),
        port: database.port,
      },
      usEast1Provider: providers.usEast1,
    },
    withAws,
  );

  // The golden path: the controllers it stands on, then one Service per workload.
  const delivery = new Delivery(
    "delivery",
    {
      naming,
      region: config.region,
      kubernetesVersion: config.cluster.kubernetesVersion,
      kubernetesProvider: cluster.kubernetesProvider,
      oidcProviderArn: cluster.oidcProviderArn,
      oidcIssuer: cluster.oidcIssuer,
      appNamespaces: [...SERVICE_NAMES],
      signer: { repository: imageSigner, workflowFile: "image.yml" },
      admissionMode,
      replicas: config.highAvailability ? 2 : 1,
      protect,
    },
    withAws,
  );
  const ciRoles = ciRoleArn ? [ciRoleArn] : [];
  const services = Object.fromEntries(
    SERVICE_NAMES.map((name) => {
      const service = new Service(
        `service-${name}`,
        {
          ...workloads[name],
          naming,
          name,
          namespace: cluster.namespaces[name],
          kubernetesProvider: cluster.kubernetesProvider,
          kubeconfig: cluster.kubeconfig,
          imageDigest: config.images[name],
          serviceAccountName: flows.serviceAccounts[name].name,
          dependsOn: [flows],
          // Canaries of the edge's services move their weights through the edge's Ingresses.
          ingresses: name === "workers" ? undefined : { names: edge.ingressNames[name], resources: edge.ingresses[name] },
          metricsPort: METRICS_PORT,
          port: name === "workers" ? INTERNAL_SERVICE_PORT : servicePorts[name],
          secretStoreName: delivery.secretStoreName,
          secretsKeyArn: delivery.secretsKeyArn,
          otlpEndpoint: observability.otlpEndpoint,
          highAvailability: config.highAvailability,
          registry: {
            kmsKeyArn: delivery.imagesKeyArn,
            keepReleases,
            untaggedExpiryDays: 14,
            pullPrincipalArns: [cluster.nodeRoleArn, ...delivery.imageReaderRoleArns, ...ciRoles],
            pushPrincipalArns: ciRoles,
            enhancedScanning: false,
            protect,
          },
        },
        withAws,
      );
      return [name, service] as const;
    }),
  );

  // Game-day experiments (docs/game-days.md): off by default, on in staging; prod needs allowInProd.
  const fis = config.faultInjection;
  const faultInjection = fis.enabled
    ? new FaultInjection(
        "fault-injection",
        {
          naming,
          region: config.region,
          criticalAlarmArns: [...database.criticalAlarmArns, ...observability.criticalAlarmArns],
          runbooks,
          logRetentionDays: config.observability.logRetentionDays,
          nodes: { instanceNameTag: cluster.nodeGroups.apps.instanceNameTag, percent: fis.nodeTerminationPercent },
          // Reboot with failover needs a standby: no database experiment on a single-AZ primary.
          database: config.database.multiAz ? { primaryArn: database.primaryArn } : undefined,
          // The first zone's app (private) subnet: the nodes and pods of that zone lose the network.
          zone: {
            vpcId: network.vpcId,
            subnetIds: [network.privateSubnetIds.apply((ids) => ids[0])],
            availabilityZone: azs[0],
            minutes: fis.zoneDisruptionMinutes,
          },
          pods: {
            clusterName: cluster.clusterName,
            service: fis.podDeletionService,
            namespace: cluster.namespaces[fis.podDeletionService],
            selector: selectorLabels(fis.podDeletionService),
            percent: fis.podDeletionPercent,
            apiServerCidrs: network.subnetCidrs.private,
            kubernetesProvider: cluster.kubernetesProvider,
          },
          protect,
        },
        { ...withAws, dependsOn: Object.values(services) },
      )
    : undefined;

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
    // Only with a proxy: an undefined stack output is dropped with a warning.
    ...(config.database.proxy ? { databaseProxyEndpoint: database.proxyEndpoint } : {}),
    databasePort: database.port,
    databaseSecretArn: database.secretArn,
    // TLS and an IAM token as the workload's own user (docs/caching.md "Connecting").
    cachePrimaryEndpoint: cache.primaryEndpoint,
    cacheReaderEndpoint: cache.readerEndpoint,
    cachePort: cache.port,
    cacheUserIds: cache.userIds,
    clusterName: cluster.clusterName,
    clusterEndpoint: cluster.endpoint,
    clusterOidcProviderArn: cluster.oidcProviderArn,
    clusterNodeSecurityGroupId: cluster.nodeSecurityGroupId,
    workloadRoleArns: flows.roleArns,
    kubeconfig: cluster.kubeconfig,
    alertRoutes: observability.alertRoutes,
    containerLogGroups: observability.logGroupNames,
    otlpEndpoint: observability.otlpEndpoint,
    /** Public URLs (deploy.yml scans them with ZAP after the staging deploy). */
    storefrontUrl: `https://${config.edge.storefrontHost}`,
    /** What the storefront's RUM web client is configured with (docs/capacity.md, "Web client"). */
    rumAppMonitorId: rum.appMonitorId,
    rumIdentityPoolId: rum.identityPoolId,
    apiUrl: `https://${config.edge.apiHost}`,
    albDnsName: edge.albDnsName,
    albArn: edge.albArn,
    cloudfrontDomainName: edge.distributionDomainName,
    cloudfrontDistributionId: edge.distributionId,
    staticAssetsBucketName: edge.staticBucketName,
    regionalWebAclArn: edge.regionalWebAclArn,
    cloudfrontWebAclArn: edge.cloudfrontWebAclArn,
    backupVaultArn: backup.vaultArn,
    ...(backup.drVaultArn ? { drBackupVaultArn: backup.drVaultArn } : {}),
    ...(drNetwork ? { drVpcId: drNetwork.vpcId, drIsolatedSubnetIds: drNetwork.isolatedSubnetIds } : {}),
    ...(dr ? { drMode: dr.mode, drReplicaArn: database.drReplicaArn } : {}),
    ...(drCluster ? { drClusterName: drCluster.clusterName, drKubeconfig: drCluster.kubeconfig } : {}),
    ...(faultInjection ? { faultInjectionTemplateIds: faultInjection.templateIds } : {}),
    ...(onCall ? { onCallServiceId: onCall.serviceId } : {}),
    securityMode: config.security.mode,
    trailArn: security.trailArn,
    auditBucketName: security.auditBucketName,
    breakGlassRoleArn: security.breakGlassRoleArn,
    imageRepositoryUrls: Object.fromEntries(Object.entries(services).map(([n, s]) => [n, s.repositoryUrl])),
    serviceDnsNames: Object.fromEntries(Object.entries(services).map(([n, s]) => [n, s.dnsName])),
  };
};
