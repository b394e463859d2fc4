import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { irsaRole } from "../../lib/irsa";
import { Naming } from "../../lib/naming";
import type { FlowTable } from "../../stacks/flows";
import { ApiScope } from "./aws-apis";
import { CacheConnect, workloadStatements } from "./iam";
import { networkPolicies } from "./network-policies";

export { AWS_API_SPECS, ApiScope, AwsApiSpec } from "./aws-apis";
export { egressPolicyName, networkPolicies, NON_PUBLIC_RANGES, viaEndpoint } from "./network-policies";
export { KUBE_DNS, NAMESPACE_NAME_LABEL, OTEL_COLLECTOR, PROMETHEUS, PodPeer } from "./peers";

export interface FlowsArgs {
  naming: Naming;
  region: string;
  /** The validated flow table of the stack (infra/flows.ts). */
  table: FlowTable;
  /** Service port per workload that serves one. */
  servicePorts: Record<string, number>;
  /** Named destinations outside AWS: address ranges and port. */
  externalDestinations: Record<string, { cidrs: string[]; port: number }>;
  /** Provider of the workload namespaces (exists once they do). */
  kubernetesProvider: k8s.Provider;
  oidcProviderArn: pulumi.Input<string>;
  /** The OIDC issuer without `https://`. */
  oidcIssuer: pulumi.Input<string>;
  /** Subnet CIDRs by tier. */
  subnetCidrs: { public: string[]; private: string[]; isolated: string[] };
  /** Whether the stack has interface endpoints, which ones, and their security group. */
  endpoints: { enabled: boolean; services: readonly string[]; securityGroupId: pulumi.Input<string> };
  /** The security group of the nodes and pods (pods carry their node's groups). */
  nodeSecurityGroupId: pulumi.Input<string>;
  /** The database: the group clients connect to (the proxy's, or the instance's), port, `rds-db:connect` prefixes. */
  database: { clientSecurityGroupId: pulumi.Input<string>; port: number; connectResourceArns: pulumi.Input<string[]> };
  /** The stack's cache, when it has one: its group, port, subnets, and what `elasticache:Connect` names. */
  cache?: { securityGroupId: pulumi.Input<string>; port: number; cidrs: string[] } & CacheConnect;
  /** The component that created the first policies, so an update moves them instead of replacing them. */
  previousPolicyParent?: pulumi.Resource;
}

/** Policies that existed before the flow table, under the cluster component (same logical and metadata names). */
const MOVED_POLICIES = ["allow-dns", "allow-database", "allow-load-balancer"];

/**
 * Everything the flow table opens, and nothing else: per workload namespace one NetworkPolicy per
 * flow, the security-group rules from the nodes/pods to the database (or proxy), the cache and the
 * VPC endpoints, and per workload a service account named like it with an IRSA role holding only
 * the permissions its flows need (none needed: no role). See docs/cluster.md "Flow table".
 */
export class Flows extends pulumi.ComponentResource {
  /** Service account of each workload (namespace and name are the workload's name). */
  readonly serviceAccounts: Record<string, { namespace: string; name: string }>;
  /** ARN of each workload's IAM role; workloads without AWS needs have none. */
  readonly roleArns: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: FlowsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("b2b:flows:Flows", name, {}, opts);
    const parent = { parent: this };
    const k8sOpts = { parent: this, provider: args.kubernetesProvider };
    const { table, naming } = args;

    const specs = networkPolicies(table, {
      subnetCidrs: args.subnetCidrs,
      interfaceEndpoints: args.endpoints.enabled,
      endpointServices: args.endpoints.services,
      databasePort: args.database.port,
      cache: args.cache,
      externalDestinations: args.externalDestinations,
      servicePorts: args.servicePorts,
    });
    for (const p of specs) {
      const logical = `${p.namespace}-${p.name}`;
      const aliases =
        args.previousPolicyParent && MOVED_POLICIES.includes(p.name)
          ? [{ name: logical, parent: args.previousPolicyParent }]
          : [];
      new k8s.networking.v1.NetworkPolicy(
        logical,
        { metadata: { name: p.name, namespace: p.namespace, labels: { "b2b.io/flow-table": "true" } }, spec: p.spec },
        { ...k8sOpts, aliases },
      );
    }

    const flows = Object.values(table).flatMap((w) => w.egress);
    if (flows.some((f) => f.kind === "database")) {
      new aws.vpc.SecurityGroupIngressRule(
        "database-from-workloads",
        {
          securityGroupId: args.database.clientSecurityGroupId,
          referencedSecurityGroupId: args.nodeSecurityGroupId,
          ipProtocol: "tcp",
          fromPort: args.database.port,
          toPort: args.database.port,
          description: "PostgreSQL from the workloads with a database flow (nodes and pods)",
          tags: { Name: naming.physical("database-from-workloads") },
        },
        parent,
      );
    }
    if (args.cache && flows.some((f) => f.kind === "cache")) {
      new aws.vpc.SecurityGroupIngressRule(
        "cache-from-workloads",
        {
          securityGroupId: args.cache.securityGroupId,
          referencedSecurityGroupId: args.nodeSecurityGroupId,
          ipProtocol: "tcp",
          fromPort: args.cache.port,
          toPort: args.cache.port,
          description: "Cache from the workloads with a cache flow (nodes and pods)",
          tags: { Name: naming.physical("cache-from-workloads") },
        },
        parent,
      );
    }
    if (args.endpoints.enabled) {
      // The nodes need the endpoints themselves (image pulls, credentials, logs), and pods carry the
      // nodes' group: the group is the finest unit a security group can admit here.
      new aws.vpc.SecurityGroupIngressRule(
        "endpoints-from-nodes",
        {
          securityGroupId: args.endpoints.securityGroupId,
          referencedSecurityGroupId: args.nodeSecurityGroupId,
          ipProtocol: "tcp",
          fromPort: 443,
          toPort: 443,
          description: "HTTPS to the interface endpoints from the nodes and pods",
          tags: { Name: naming.physical("endpoints-from-nodes") },
        },
        parent,
      );
    }

    const identity = aws.getCallerIdentityOutput({}, parent);
    const partition = aws.getPartitionOutput({}, parent).partition;
    const roleArns: Record<string, pulumi.Output<string>> = {};
    this.serviceAccounts = {};
    for (const [workload, wf] of Object.entries(table)) {
      const scope: pulumi.Output<ApiScope> = pulumi.all([partition, identity.accountId]).apply(([p, a]) => ({
        partition: p,
        region: args.region,
        accountId: a,
        project: naming.project,
        stack: naming.stack,
        workload,
      }));
      const statements = workloadStatements(wf, scope, args.database.connectResourceArns, args.cache);
      let annotations: Record<string, pulumi.Input<string>> = {};
      if (statements.length > 0) {
        const role = irsaRole(this, {
          naming,
          name: `workload-${workload}`,
          oidcProviderArn: args.oidcProviderArn,
          oidcIssuer: args.oidcIssuer,
          namespace: workload,
          serviceAccount: workload,
          statements,
        });
        roleArns[workload] = role.arn;
        annotations = { "eks.amazonaws.com/role-arn": role.arn };
      }
      new k8s.core.v1.ServiceAccount(
        `${workload}-service-account`,
        {
          metadata: { name: workload, namespace: workload, annotations },
          // The pods talk to AWS through the IRSA token (its own projected volume), never to the API server.
          automountServiceAccountToken: false,
        },
        k8sOpts,
      );
      this.serviceAccounts[workload] = { namespace: workload, name: workload };
    }
    this.roleArns = pulumi.output(roleArns);
    this.registerOutputs({ serviceAccounts: this.serviceAccounts, roleArns: this.roleArns });
  }
}
