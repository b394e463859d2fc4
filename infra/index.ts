/**
 * The platform, read top to bottom: validated config, the explicit providers (which carry the
 * required tags), then one line per component, then the stack outputs. Resources live in
 * components/; nothing is created here directly.
 *
 * The program is a function so that the Pulumi CLI calls it once per run and the mock harness
 * (tools/harness.ts) can run it for dev, staging and prod in one process.
 */
import * as k8s from "@pulumi/kubernetes";
import { Alerting } from "../components/alerting";
import { Edge } from "../components/edge";
import { Network } from "../components/network";
import { Naming } from "../lib/naming";
import { availabilityZones } from "./availability-zones";
import { loadStackConfig } from "./config";
import { createProviders } from "./providers";

export = async function program() {
  const config = loadStackConfig();
  const naming = new Naming(config.project, config.stack);
  const providers = createProviders(config);
  const withAws = { providers: [providers.aws] };

  const network = new Network(
    "network",
    {
      naming,
      region: config.region,
      vpcCidr: config.network.vpcCidr,
      availabilityZones: await availabilityZones(config, providers.aws),
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

  // Temporary stand-ins for the cluster branch's outputs; the lead replaces each MERGE-WIRE line.
  const clusterNodeSecurityGroupId = "sg-0cluster0nodes"; // MERGE-WIRE: cluster.nodeSecurityGroupId
  const clusterKubernetesProvider = new k8s.Provider("k8s", { kubeconfig: "{}" }); // MERGE-WIRE: cluster.kubernetesProvider
  const clusterNamespaces: Record<string, string> = { storefront: "storefront", api: "api" }; // MERGE-WIRE: cluster.namespaces

  const edge = new Edge(
    "edge",
    {
      naming,
      region: config.region,
      vpcId: network.vpcId,
      publicSubnetIds: network.publicSubnetIds,
      nodeSecurityGroupId: clusterNodeSecurityGroupId,
      kubernetesProvider: clusterKubernetesProvider,
      usEast1Provider: providers.usEast1,
      hostedZoneName: config.edge.hostedZoneName,
      storefrontHost: config.edge.storefrontHost,
      apiHost: config.edge.apiHost,
      originHost: config.edge.originHost,
      services: {
        storefront: {
          namespace: clusterNamespaces.storefront,
          serviceName: "storefront",
          port: config.edge.servicePorts.storefront,
          healthCheckPath: "/healthz",
        },
        api: {
          namespace: clusterNamespaces.api,
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
    withAws,
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
    albDnsName: edge.albDnsName,
    albArn: edge.albArn,
    cloudfrontDomainName: edge.distributionDomainName,
    cloudfrontDistributionId: edge.distributionId,
    staticAssetsBucketName: edge.staticBucketName,
    regionalWebAclArn: edge.regionalWebAclArn,
    cloudfrontWebAclArn: edge.cloudfrontWebAclArn,
  };
};
