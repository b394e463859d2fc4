/**
 * The architecture diagram, generated from a run of the program: the edge, the workloads and their
 * paths from the flow table, the data stores, the observability stack and the account services that
 * the stack actually registers. One graph, two renderings: Mermaid for the README (GitHub draws it)
 * and SVG for the plan (`plan/<stack>.svg`, readable in any browser without a Mermaid renderer).
 * Nothing here is drawn by hand: a path exists in the picture because the flow table opens it, a box
 * because the run registered its resources.
 */
import type { FlowTable } from "../stacks/flows";

/** What the diagram needs of a run: the types it registered (a harness run or a plan document). */
export interface ArchitectureInput {
  run: { resources: { type: string }[] };
  table: FlowTable;
}

export type NodeShape = "actor" | "service" | "store" | "external";

export interface ArchitectureNode {
  id: string;
  /** Lines of the label (Mermaid joins them with <br/>). */
  label: string[];
  shape: NodeShape;
  /** The subgraph (cluster or subnet tier) the node sits in. */
  group?: string;
  /** Resource types the node stands for: the SVG marks it red when one of them has a mandatory violation. */
  types: string[];
}

export interface ArchitectureEdge {
  from: string;
  to: string;
  label?: string;
  /** Dotted: telemetry and control paths (scrapes, OTLP, findings), not request traffic. */
  dotted: boolean;
  /** Both ways (a workload scraped by and sending traces to the monitoring stack). */
  both?: boolean;
}

export interface ArchitectureGraph {
  groups: { id: string; label: string }[];
  nodes: ArchitectureNode[];
  edges: ArchitectureEdge[];
}

const id = (name: string) => name.replace(/[^A-Za-z0-9]/g, "_");

const T = {
  cdn: "aws:cloudfront/distribution:Distribution",
  // Pulumi-owned, or built by the load balancer controller from Ingresses.
  alb: ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer", "kubernetes:networking.k8s.io/v1:Ingress"],
  rds: "aws:rds/instance:Instance",
  proxy: "aws:rds/proxy:Proxy",
  cache: "aws:elasticache/replicationGroup:ReplicationGroup",
  endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
  topic: "aws:sns/topic:Topic",
};

/** Account-level services, in the order the diagram lists them. */
const ACCOUNT_SERVICES: [string, string][] = [
  ["CloudTrail", "aws:cloudtrail/trail:Trail"],
  ["GuardDuty", "aws:guardduty/detector:Detector"],
  ["Security Hub", "aws:securityhub/account:Account"],
  ["AWS Config", "aws:cfg/recorder:Recorder"],
  ["AWS Backup", "aws:backup/vault:Vault"],
  ["Budgets", "aws:budgets/budget:Budget"],
];

/** The graph for one stack run. */
export function architectureGraph({ run, table }: ArchitectureInput): ArchitectureGraph {
  const types = new Set(run.resources.map((r) => r.type));
  const has = (...ts: string[]) => ts.some((t) => types.has(t));
  const count = (type: string) => run.resources.filter((r) => r.type === type).length;
  const nodes: ArchitectureNode[] = [];
  const edges: ArchitectureEdge[] = [];
  const node = (n: Omit<ArchitectureNode, "types"> & { types?: string[] }) => nodes.push({ types: [], ...n });
  const edge = (from: string, to: string, label?: string, dotted = false) => edges.push({ from, to, label, dotted });

  const cdn = has(T.cdn);
  const alb = has(...T.alb);
  const proxy = has(T.proxy);
  const cache = has(T.cache);
  const workloads = Object.keys(table).sort();

  node({ id: "buyers", label: ["Buyers (browser)"], shape: "actor" });
  node({ id: "partners", label: ["B2B API clients"], shape: "actor" });
  if (cdn) node({ id: "cdn", label: ["CloudFront + WAF", "static assets in S3"], shape: "service", types: [T.cdn] });
  if (alb) node({ id: "alb", label: ["ALB + WAF", "TLS 1.3"], shape: "service", types: T.alb });
  if (cdn) edge("buyers", "cdn", "HTTPS");
  if (cdn && alb) edge("cdn", "alb", "origin host");
  if (alb) edge("partners", "alb", "api host");

  for (const w of workloads) node({ id: id(w), label: [w], shape: "service", group: "eks" });
  node({
    id: "monitoring",
    label: ["Prometheus, Alertmanager,", "Grafana, OTel collector"],
    shape: "service",
    group: "eks",
  });

  const rds = count(T.rds);
  if (proxy) node({ id: "proxy", label: ["RDS Proxy", "IAM auth"], shape: "service", group: "data", types: [T.proxy] });
  node({
    id: "db",
    label: ["PostgreSQL", `${rds} instance${rds === 1 ? "" : "s"}`],
    shape: "store",
    group: "data",
    types: [T.rds],
  });
  if (cache) node({ id: "cache", label: ["ElastiCache"], shape: "store", group: "data", types: [T.cache] });
  if (proxy) edge("proxy", "db");

  const externals = new Set<string>();
  const apis = new Set<string>();
  for (const w of workloads) {
    const flows = table[w];
    const scraped = flows.ingress.some((i) => i.kind === "prometheus");
    const traced = flows.egress.some((e) => e.kind === "otel");
    for (const i of flows.ingress) if (i.kind === "load-balancer" && alb) edge("alb", id(w));
    if (scraped && traced) edges.push({ from: "monitoring", to: id(w), label: "scrape, OTLP", dotted: true, both: true });
    else if (scraped) edge("monitoring", id(w), "scrape", true);
    else if (traced) edge(id(w), "monitoring", "OTLP", true);
    for (const e of flows.egress) {
      if (e.kind === "workload") edge(id(w), id(e.workload));
      else if (e.kind === "database") edge(id(w), proxy ? "proxy" : "db", "IAM token");
      else if (e.kind === "cache" && cache) edge(id(w), "cache");
      else if (e.kind === "external") {
        if (!externals.has(e.destination))
          node({ id: `ext_${id(e.destination)}`, label: [`${e.destination} (internet, via NAT)`], shape: "external" });
        externals.add(e.destination);
        edge(id(w), `ext_${id(e.destination)}`);
      } else if (e.kind === "aws") apis.add(e.service);
    }
  }
  if (apis.size > 0) {
    const via = has(T.endpoint) ? "VPC endpoints" : "NAT";
    node({ id: "awsapis", label: [`AWS APIs via ${via}`, [...apis].sort().join(", ")], shape: "external", types: [T.endpoint] });
    for (const w of workloads) if (table[w].egress.some((e) => e.kind === "aws")) edge(id(w), "awsapis", undefined, true);
  }

  const alerts = has(T.topic);
  if (alerts) {
    node({ id: "alerts", label: ["SNS alerts", "e-mail, Slack, PagerDuty"], shape: "service", types: [T.topic] });
    edge("monitoring", "alerts", "alerts");
  }
  const account = ACCOUNT_SERVICES.filter(([, t]) => types.has(t));
  if (account.length > 0) {
    node({
      id: "account",
      label: ["Account controls", account.map(([name]) => name).join(", ")],
      shape: "service",
      types: account.map(([, t]) => t),
    });
    if (alerts) edge("account", "alerts", "findings", true);
  }
  const groups = [
    { id: "eks", label: "EKS cluster (private subnets)" },
    { id: "data", label: "Isolated subnets" },
  ];
  return { groups, nodes, edges };
}

const MERMAID_SHAPES: Record<NodeShape, [string, string]> = {
  actor: ["((", "))"],
  service: ["[", "]"],
  store: ["[(", ")]"],
  external: ["([", "])"],
};

/** The Mermaid flowchart of a graph (the README's picture). */
export function graphMermaid(graph: ArchitectureGraph): string {
  const decl = (n: ArchitectureNode, indent: string) => {
    const [open, close] = MERMAID_SHAPES[n.shape];
    return `${indent}${n.id}${open}"${n.label.join("<br/>")}"${close}`;
  };
  const lines = ["flowchart LR"];
  for (const n of graph.nodes.filter((x) => !x.group)) lines.push(decl(n, "  "));
  for (const g of graph.groups) {
    const members = graph.nodes.filter((n) => n.group === g.id);
    if (members.length === 0) continue;
    lines.push(`  subgraph ${g.id}["${g.label}"]`, ...members.map((n) => decl(n, "    ")), "  end");
  }
  for (const e of graph.edges) {
    const arrow = `${e.both ? "<" : ""}${e.dotted ? "-.->" : "-->"}`;
    lines.push(`  ${e.from} ${arrow}${e.label ? `|${e.label}|` : ""} ${e.to}`);
  }
  return lines.join("\n");
}

/** The Mermaid flowchart for one stack run. */
export function architectureMermaid(input: ArchitectureInput): string {
  return graphMermaid(architectureGraph(input));
}
