/**
 * The NetworkPolicies of each workload namespace, derived from the flow table only: one policy per
 * flow, next to the namespace's default deny (components/cluster/baseline.ts). Egress to another
 * workload is matched by an ingress policy in that workload's namespace.
 */
import type { EgressFlow, FlowTable, IngressFlow } from "../../stacks/flows";
import { AWS_API_SPECS } from "./aws-apis";
import { KUBE_DNS, NAMESPACE_NAME_LABEL, OTEL_COLLECTOR, PodPeer, PROMETHEUS } from "./peers";

/** Where the policies' address blocks come from. */
export interface PolicyNetwork {
  /** Subnet CIDRs by tier: ALB ENIs in public, endpoint ENIs in private, the proxy and database in isolated. */
  subnetCidrs: { public: string[]; private: string[]; isolated: string[] };
  /** Whether the stack has interface endpoints (else AWS APIs are reached through the NAT). */
  interfaceEndpoints: boolean;
  /** Interface endpoint services the stack creates (`sts`, `secretsmanager`, ...). */
  endpointServices: readonly string[];
  databasePort: number;
  cache?: { port: number; cidrs: string[] };
  externalDestinations: Record<string, { cidrs: string[]; port: number }>;
  servicePorts: Record<string, number>;
}

/** A NetworkPolicy as the Kubernetes API takes it (the fields used here). */
export interface PolicySpec {
  /** Logical and metadata name within the namespace, e.g. `allow-dns`. */
  name: string;
  namespace: string;
  spec: {
    podSelector: Record<string, never>;
    policyTypes: ("Ingress" | "Egress")[];
    egress?: { to: Peer[]; ports: Port[] }[];
    ingress?: { from: Peer[]; ports: Port[] }[];
  };
}
type Peer = {
  namespaceSelector?: { matchLabels: Record<string, string> };
  podSelector?: { matchLabels: Record<string, string> };
  ipBlock?: { cidr: string; except?: string[] };
};
type Port = { protocol: "TCP" | "UDP"; port: number };

/** Addresses that are not the internet: what "through the NAT" policies exclude. */
export const NON_PUBLIC_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16"];
const PUBLIC: Peer = { ipBlock: { cidr: "0.0.0.0/0", except: NON_PUBLIC_RANGES } };

const tcp = (port: number): Port => ({ protocol: "TCP", port });
const pods = (peer: PodPeer): Peer => ({
  namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: peer.namespace } },
  podSelector: { matchLabels: peer.labels },
});
const namespace = (name: string): Peer => ({ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: name } } });
const blocks = (cidrs: string[]): Peer[] => cidrs.map((cidr) => ({ ipBlock: { cidr } }));

/** Whether an AWS API flow goes through an interface endpoint in this stack (else: NAT or the S3 gateway). */
export function viaEndpoint(
  service: keyof typeof AWS_API_SPECS,
  net: Pick<PolicyNetwork, "interfaceEndpoints" | "endpointServices">,
): boolean {
  const endpoint = AWS_API_SPECS[service].endpoint;
  return net.interfaceEndpoints && endpoint !== undefined && net.endpointServices.includes(endpoint);
}

/** The policy name of an egress flow (also its row in the reachability table). */
export function egressPolicyName(flow: EgressFlow): string {
  switch (flow.kind) {
    case "workload":
      return `allow-to-${flow.workload}`;
    case "aws":
      return `allow-aws-${flow.service}`;
    case "external":
      return `allow-external-${flow.destination}`;
    default:
      return `allow-${flow.kind}`;
  }
}

function egressRule(flow: EgressFlow, net: PolicyNetwork): { to: Peer[]; ports: Port[] } {
  switch (flow.kind) {
    case "dns":
      return { to: [pods(KUBE_DNS)], ports: KUBE_DNS.ports };
    case "otel":
      return { to: [pods(OTEL_COLLECTOR)], ports: OTEL_COLLECTOR.ports };
    case "workload":
      return { to: [namespace(flow.workload)], ports: [tcp(net.servicePorts[flow.workload])] };
    case "database":
      // The proxy's (or, without one, the instance's) ENIs are in the isolated subnets.
      return { to: blocks(net.subnetCidrs.isolated), ports: [tcp(net.databasePort)] };
    case "cache":
      if (!net.cache) throw new Error("a cache flow needs the stack's cache");
      return { to: blocks(net.cache.cidrs), ports: [tcp(net.cache.port)] };
    case "aws":
      // Interface endpoint ENIs live in the private subnets; without them (or for S3's gateway
      // endpoint) the API answers at public addresses, which a NetworkPolicy cannot narrow further.
      return { to: viaEndpoint(flow.service, net) ? blocks(net.subnetCidrs.private) : [PUBLIC], ports: [tcp(443)] };
    case "external": {
      const d = net.externalDestinations[flow.destination];
      return { to: blocks(d.cidrs), ports: [tcp(d.port)] };
    }
  }
}

function ingressPolicy(workload: string, flow: IngressFlow, net: PolicyNetwork): PolicySpec {
  if (flow.kind === "load-balancer") {
    // IP targets: the ALB's ENIs (public subnets) connect to the pods, health checks included. Not
    // the private subnets: pod addresses come from there, so that block would admit every pod.
    return {
      name: "allow-load-balancer",
      namespace: workload,
      spec: {
        podSelector: {},
        policyTypes: ["Ingress"],
        ingress: [{ from: blocks(net.subnetCidrs.public), ports: [tcp(net.servicePorts[workload])] }],
      },
    };
  }
  return {
    name: "allow-prometheus",
    namespace: workload,
    spec: { podSelector: {}, policyTypes: ["Ingress"], ingress: [{ from: [pods(PROMETHEUS)], ports: [tcp(flow.port)] }] },
  };
}

/** Every NetworkPolicy the table implies, per namespace. */
export function networkPolicies(table: FlowTable, net: PolicyNetwork): PolicySpec[] {
  const out: PolicySpec[] = [];
  for (const [workload, flows] of Object.entries(table)) {
    for (const flow of flows.egress) {
      out.push({
        name: egressPolicyName(flow),
        namespace: workload,
        spec: { podSelector: {}, policyTypes: ["Egress"], egress: [egressRule(flow, net)] },
      });
      if (flow.kind === "workload") {
        out.push({
          name: `allow-from-${workload}`,
          namespace: flow.workload,
          spec: {
            podSelector: {},
            policyTypes: ["Ingress"],
            ingress: [{ from: [namespace(workload)], ports: [tcp(net.servicePorts[flow.workload])] }],
          },
        });
      }
    }
    for (const flow of flows.ingress) out.push(ingressPolicy(workload, flow, net));
  }
  return out;
}
