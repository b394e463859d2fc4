/**
 * The architecture diagram (Mermaid), generated from a run of the program: the edge, the workloads
 * and their paths from the flow table, the data stores, the observability stack and the account
 * services that the stack actually registers. The README shows prod's; the plan writes one per
 * stack. Nothing here is drawn by hand: a path exists in the picture because the flow table opens it.
 */
import type { FlowTable } from "../stacks/flows";
import type { StackRun } from "./harness";

export interface ArchitectureInput {
  run: StackRun;
  table: FlowTable;
}

const has = (run: StackRun, ...types: string[]) => run.resources.some((r) => types.includes(r.type));
const count = (run: StackRun, type: string) => run.resources.filter((r) => r.type === type).length;
const id = (name: string) => name.replace(/[^A-Za-z0-9]/g, "_");

/** The flowchart for one stack run. */
export function architectureMermaid({ run, table }: ArchitectureInput): string {
  const lines = ["flowchart LR"];
  const edge = (from: string, to: string, label?: string, dotted = false) =>
    lines.push(`  ${from} ${dotted ? "-.->" : "-->"}${label ? `|${label}|` : ""} ${to}`);
  const cdn = has(run, "aws:cloudfront/distribution:Distribution");
  const alb = has(run, "aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer");
  const workloads = Object.keys(table).sort();

  lines.push('  buyers(("Buyers (browser)"))', '  partners(("B2B API clients"))');
  if (cdn) lines.push('  cdn["CloudFront + WAF<br/>static assets in S3"]');
  if (alb) lines.push('  alb["ALB + WAF<br/>TLS 1.3"]');
  if (cdn) edge("buyers", "cdn", "HTTPS");
  if (cdn && alb) edge("cdn", "alb", "origin host");
  if (alb) edge("partners", "alb", "api host");

  lines.push('  subgraph eks["EKS cluster (private subnets)"]');
  for (const w of workloads) lines.push(`    ${id(w)}["${w}"]`);
  lines.push('    monitoring["Prometheus, Alertmanager,<br/>Grafana, OTel collector"]', "  end");

  const rds = count(run, "aws:rds/instance:Instance");
  const proxy = has(run, "aws:rds/proxy:Proxy");
  const cache = has(run, "aws:elasticache/replicationGroup:ReplicationGroup");
  lines.push('  subgraph data["Isolated subnets"]');
  if (proxy) lines.push('    proxy["RDS Proxy<br/>IAM auth"]');
  lines.push(`    db[("PostgreSQL<br/>${rds} instance${rds === 1 ? "" : "s"}")]`);
  if (cache) lines.push('    cache[("ElastiCache")]');
  lines.push("  end");
  if (proxy) edge("proxy", "db");

  const externals = new Set<string>();
  const apis = new Set<string>();
  for (const w of workloads) {
    const flows = table[w];
    for (const i of flows.ingress) {
      if (i.kind === "load-balancer" && alb) edge("alb", id(w));
      if (i.kind === "prometheus") edge("monitoring", id(w), "scrape", true);
    }
    for (const e of flows.egress) {
      if (e.kind === "workload") edge(id(w), id(e.workload));
      else if (e.kind === "database") edge(id(w), proxy ? "proxy" : "db", "IAM token");
      else if (e.kind === "cache" && cache) edge(id(w), "cache");
      else if (e.kind === "otel") edge(id(w), "monitoring", "OTLP", true);
      else if (e.kind === "external") {
        if (!externals.has(e.destination)) lines.push(`  ext_${id(e.destination)}(["${e.destination} (internet, via NAT)"])`);
        externals.add(e.destination);
        edge(id(w), `ext_${id(e.destination)}`);
      } else if (e.kind === "aws") apis.add(e.service);
    }
  }
  if (apis.size > 0) {
    const via = has(run, "aws:ec2/vpcEndpoint:VpcEndpoint") ? "VPC endpoints" : "NAT";
    lines.push(`  awsapis["AWS APIs via ${via}<br/>${[...apis].sort().join(", ")}"]`);
    for (const w of workloads) if (table[w].egress.some((e) => e.kind === "aws")) edge(id(w), "awsapis", undefined, true);
  }

  const account: string[] = [];
  if (has(run, "aws:cloudtrail/trail:Trail")) account.push("CloudTrail");
  if (has(run, "aws:guardduty/detector:Detector")) account.push("GuardDuty");
  if (has(run, "aws:securityhub/account:Account")) account.push("Security Hub");
  if (has(run, "aws:cfg/recorder:Recorder")) account.push("AWS Config");
  if (has(run, "aws:backup/vault:Vault")) account.push("AWS Backup");
  if (has(run, "aws:budgets/budget:Budget")) account.push("Budgets");
  const alerts = has(run, "aws:sns/topic:Topic");
  if (alerts) {
    lines.push('  alerts["SNS alerts<br/>e-mail, Slack, PagerDuty"]');
    edge("monitoring", "alerts", "alerts");
  }
  if (account.length > 0) {
    lines.push(`  account["Account controls<br/>${account.join(", ")}"]`);
    if (alerts) edge("account", "alerts", "findings", true);
  }
  return lines.join("\n");
}
