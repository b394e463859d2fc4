/**
 * The offline monthly cost estimate of a planned stack: every registered resource is priced from
 * the pinned table (tools/cost/prices.ts), known to be free of charge (tools/cost/free.ts), or
 * listed as unknown. Usage-driven items (NAT and CloudFront GB, requests, log GB, ALB LCUs) come
 * from the stack's `cost.usage` assumptions and name the config key they come from.
 *
 * On-demand list prices, 730 hours a month. Spot node groups are priced at the on-demand rate, an
 * upper bound: the table has no Spot prices. Resources that an out-of-hours stop schedule targets
 * (aws:scheduler/schedule:Schedule in the plan) are priced for the running hours of
 * `cost.offHours` only.
 */
import { runningHoursPerMonth } from "../../infra/sections/cost";
import type { CostSettings as CostProfile } from "../../infra/sections/cost";
import { freeReason } from "./free";
import { HOURS_PER_MONTH, PRICE_TABLE_DATE, PRICES, RDS_VCPUS, priceOf } from "./prices";

/** The part of a planned resource the estimate reads (a PlanDocument or StackRun resource). */
export interface CostResource {
  urn: string;
  type: string;
  name: string;
  parent: string | null;
  provider: string | null;
  dependencies: string[];
  custom: boolean;
  remote: boolean;
  inputs: Record<string, unknown>;
  /** For components: the providers handed to their children, package -> provider reference. */
  providers?: Record<string, string>;
}

export interface CostLine {
  /** Top-level component (`network`, `cluster`, ...) or `(stack)`. */
  component: string;
  type: string;
  name: string;
  /** What is billed, e.g. "NAT gateway hours". */
  item: string;
  quantity: number;
  unit: string;
  priceKey: string;
  unitUsd: number;
  monthlyUsd: number;
  /** The region whose price was used (`global`: the same in every region). */
  priceRegion: string;
  /** The region the resource is in (its provider's). */
  region: string;
  sources: string[];
  /** How the quantity was derived when it is not read from the resource itself. */
  assumption?: string;
}

export interface UnknownLine {
  component: string;
  type: string;
  name: string;
  item: string;
  reason: string;
}

export interface CostEstimate {
  currency: "USD";
  hoursPerMonth: number;
  priceTableDate: string;
  /** The stack's region and the region whose prices stand in for it. */
  region: string;
  priceRegion: string;
  /** Sum of the priced lines, rounded to cents. Unknown items are not in it. */
  totalUsd: number;
  byComponent: Record<string, number>;
  byType: Record<string, number>;
  /** Monthly USD by the region the resources are in (the home region, the DR region, us-east-1 for the edge). */
  byRegion: Record<string, number>;
  lines: CostLine[];
  unknown: UnknownLine[];
  /** Resource types with no charge of their own, with the count and the reason. */
  free: { type: string; count: number; reason: string }[];
  /** The usage assumptions as configured (config key -> value). */
  assumptions: Record<string, number>;
  /** Running hours a month of the resources an out-of-hours schedule stops (730 when none). */
  scheduledHours: number;
  /** Resources priced for `scheduledHours` only (targets of stop schedules), by type and name. */
  scheduled: string[];
  notes: string[];
}

export interface EstimateOptions {
  /** The stack's region (resources on the default provider are there). */
  region: string;
  cost: CostProfile;
}

const round = (x: number) => Math.round(x * 100) / 100;

function str(x: unknown): string | undefined {
  return typeof x === "string" ? x : undefined;
}
function num(x: unknown): number | undefined {
  return typeof x === "number" ? x : typeof x === "string" && /^\d+(\.\d+)?$/.test(x) ? Number(x) : undefined;
}
function obj(x: unknown): Record<string, unknown> {
  return x && typeof x === "object" && !Array.isArray(x) ? (x as Record<string, unknown>) : {};
}
function arr(x: unknown): unknown[] {
  return Array.isArray(x) ? x : [];
}
/** A Kubernetes quantity such as 20Gi (GiB) as GB-months of EBS (EBS bills per GiB, called GB). */
function gib(q: unknown): number | undefined {
  const m = typeof q === "string" ? /^(\d+)(Gi|Ti|Mi)$/.exec(q) : null;
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2] === "Gi" ? n : m[2] === "Ti" ? n * 1024 : n / 1024;
}

/** Persistent volumes requested by a Helm release's values: volume claim templates and `persistence`. */
export function helmVolumes(values: unknown): { path: string; gib: number; count: number }[] {
  const out: { path: string; gib: number; count: number }[] = [];
  const visit = (o: unknown, path: string, owner: Record<string, unknown> | undefined) => {
    const x = obj(o);
    const vct = obj(obj(obj(obj(x.volumeClaimTemplate).spec).resources).requests).storage;
    const size = gib(vct);
    if (size !== undefined) out.push({ path, gib: size, count: num(owner?.replicas) ?? 1 });
    const persistence = obj(x.persistence);
    const psize = gib(persistence.size);
    if (persistence.enabled === true && psize !== undefined)
      out.push({ path: `${path}.persistence`, gib: psize, count: num(x.replicas) ?? 1 });
    for (const [k, v] of Object.entries(x))
      if (v && typeof v === "object" && k !== "volumeClaimTemplate") visit(v, `${path}.${k}`, x);
  };
  visit(values, "values", undefined);
  return out;
}

/** Estimates the monthly cost of the planned resources. Pure: the same plan gives the same figure. */
export function estimateCost(resources: CostResource[], options: EstimateOptions): CostEstimate {
  const { region, cost } = options;
  const priceRegion = cost.priceRegion ?? region;
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const lines: CostLine[] = [];
  const unknown: UnknownLine[] = [];
  const free = new Map<string, { count: number; reason: string }>();
  const notes: string[] = [];
  const scheduled: string[] = [];
  const usage = cost.usage;
  const scheduledHours = runningHoursPerMonth(cost.offHours, HOURS_PER_MONTH);

  const componentOf = (r: CostResource): string => {
    let cur: CostResource | undefined = r;
    let top: CostResource | undefined;
    while (cur) {
      if (!cur.custom && !cur.remote && cur.type !== "pulumi:pulumi:Stack") top = cur;
      cur = cur.parent ? byUrn.get(cur.parent) : undefined;
    }
    return top?.name ?? "(stack)";
  };
  /** The region a resource is in: its provider's, else the stack's. */
  const locationOf = (r: CostResource): string => {
    // A remote component (the DR network's VPC, the DR cluster) has no provider of its own: the
    // nearest parent that hands an AWS provider to its children says where it is.
    let ref = r.provider ?? r.providers?.aws;
    for (let cur = r.parent ? byUrn.get(r.parent) : undefined; !ref && cur; cur = cur.parent ? byUrn.get(cur.parent) : undefined)
      ref = cur.providers?.aws;
    const p = ref ? findProvider(ref) : undefined;
    return str(p?.inputs.region) ?? region;
  };
  const regionOf = (r: CostResource): string => {
    const own = locationOf(r);
    return own === region ? priceRegion : own;
  };
  /** Regions (other than the stack's) whose missing rows the stand-in region's prices filled. */
  const stoodIn = new Set<string>();
  function findProvider(ref: string): CostResource | undefined {
    // Provider references are `<urn>::<id>`.
    const urn = ref.includes("::") ? ref.slice(0, ref.lastIndexOf("::")) : ref;
    return byUrn.get(urn) ?? byUrn.get(ref);
  }

  // Targets of out-of-hours stop schedules: the names their inputs carry.
  const stopped = new Set<string>();
  for (const r of resources) {
    if (r.type !== "aws:scheduler/schedule:Schedule") continue;
    const target = obj(r.inputs.target);
    const arn = str(target.arn) ?? "";
    const input = str(target.input) ?? "";
    let body: Record<string, unknown> = {};
    try {
      body = obj(JSON.parse(input));
    } catch {
      continue;
    }
    if (arn.endsWith(":rds:stopDBInstance")) stopped.add(`db:${str(body.DbInstanceIdentifier)}`);
    if (arn.endsWith(":eks:updateNodegroupConfig") && num(obj(body.ScalingConfig).DesiredSize) === 0)
      stopped.add(`nodegroup:${str(body.ClusterName)}/${str(body.NodegroupName)}`);
  }
  const schedNote = cost.offHours
    ? `out-of-hours schedule: runs ${round(scheduledHours)} h of 730 (cost.offHours ${cost.offHours.workingDays} ${cost.offHours.startHour}:00-${cost.offHours.stopHour}:00 ${cost.offHours.timezone})`
    : undefined;

  const charge = (
    r: CostResource,
    item: string,
    priceKey: string,
    quantity: number,
    assumption?: string,
    at?: string,
    component = componentOf(r),
  ) => {
    const where = at ?? regionOf(r);
    let p = priceOf(priceKey, where);
    // A stack priced with stand-in prices (cost.priceRegion) prices its other regions' missing rows
    // (the DR region's) the same way, noted below, rather than leaving the DR footprint out.
    if (!p && priceRegion !== region && where !== priceRegion) {
      p = priceOf(priceKey, priceRegion);
      if (p) stoodIn.add(where);
    }
    if (!p) {
      unknown.push({
        component,
        type: r.type,
        name: r.name,
        item,
        reason: PRICES[priceKey as keyof typeof PRICES]
          ? `no ${where} price for ${priceKey} in the table`
          : `no price for ${priceKey} in the table`,
      });
      return;
    }
    const entry = PRICES[priceKey as keyof typeof PRICES];
    lines.push({
      component,
      type: r.type,
      name: r.name,
      item,
      quantity: round(quantity * 1000) / 1000,
      unit: entry.unit,
      priceKey,
      unitUsd: p.usd,
      monthlyUsd: quantity * p.usd,
      priceRegion: p.region,
      region: locationOf(r),
      sources: [...p.source],
      ...(assumption ? { assumption } : {}),
    });
  };
  const unpriced = (r: CostResource, item: string, reason: string) =>
    unknown.push({ component: componentOf(r), type: r.type, name: r.name, item, reason });
  const markFree = (r: CostResource, reason: string) => {
    const f = free.get(r.type) ?? { count: 0, reason };
    f.count += 1;
    free.set(r.type, f);
  };

  /** An ALB: its hours, capacity units and (internet-facing) one public IPv4 address per subnet. */
  const chargeAlb = (r: CostResource, internal: boolean, nodes: number) => {
    charge(r, "ALB hours", "elb.alb.hour", HOURS_PER_MONTH);
    charge(
      r,
      "ALB capacity units",
      "elb.alb.lcu",
      usage.albAverageLcu * HOURS_PER_MONTH,
      `cost.usage.albAverageLcu = ${usage.albAverageLcu}`,
    );
    if (!internal) charge(r, "ALB public IPv4 addresses", "vpc.ipv4.hour", nodes * HOURS_PER_MONTH, `one per subnet (${nodes})`);
  };
  const albGroups = new Set<string>();

  let logGroups: CostResource | undefined;
  for (const r of resources) {
    const i = r.inputs;
    switch (r.type) {
      case "eks:index:Cluster":
      case "aws:eks/cluster:Cluster": {
        // EKS defaults to EXTENDED support (UpgradePolicy API reference): unset counts as extended.
        const support = str(obj(i.upgradePolicy).supportType) ?? "EXTENDED";
        charge(
          r,
          `control plane (${support.toLowerCase()} support)`,
          support === "STANDARD" ? "eks.cluster.standard" : "eks.cluster.extended",
          HOURS_PER_MONTH,
        );
        continue;
      }
      case "aws:eks/nodeGroup:NodeGroup": {
        const scaling = obj(i.scalingConfig);
        const count = num(scaling.desiredSize) ?? 0;
        const type = str(arr(i.instanceTypes)[0]) ?? "t3.medium";
        const hours = stopped.has(`nodegroup:${str(i.clusterName)}/${str(i.nodeGroupName)}`) ? scheduledHours : HOURS_PER_MONTH;
        if (hours !== HOURS_PER_MONTH) scheduled.push(`${r.type} ${r.name}`);
        const spot = str(i.capacityType) === "SPOT";
        const notesFor = [
          `${count} x ${type} (desired size)`,
          spot ? "Spot, priced at the on-demand rate (upper bound; the table has no Spot prices)" : undefined,
          hours !== HOURS_PER_MONTH ? schedNote : undefined,
        ]
          .filter(Boolean)
          .join("; ");
        charge(r, `instances ${type}`, `ec2.${type}`, count * hours, notesFor);
        const lt = r.dependencies.map((d) => byUrn.get(d)).find((d) => d?.type === "aws:ec2/launchTemplate:LaunchTemplate");
        const disk = num(obj(obj(arr(lt?.inputs.blockDeviceMappings)[0]).ebs).volumeSize) ?? num(i.diskSize) ?? 20;
        charge(r, "root volumes gp3", "ebs.gp3", (count * disk * hours) / HOURS_PER_MONTH, `${count} x ${disk} GiB`);
        continue;
      }
      case "awsx:ec2:Vpc": {
        const strategy = str(obj(i.natGateways).strategy) ?? "OnePerAz";
        const azs = arr(i.availabilityZoneNames).length || num(i.numberOfAvailabilityZones) || 3;
        const nats = strategy === "None" ? 0 : strategy === "Single" ? 1 : azs;
        if (nats === 0) continue;
        charge(
          r,
          "NAT gateway hours",
          "vpc.nat.hour",
          nats * HOURS_PER_MONTH,
          `${nats} gateway(s), natGateways.strategy ${strategy}`,
        );
        charge(r, "NAT Elastic IPs (public IPv4)", "vpc.ipv4.hour", nats * HOURS_PER_MONTH, `${nats} address(es)`);
        charge(r, "NAT data processed", "vpc.nat.gb", usage.natGbPerMonth, `cost.usage.natGbPerMonth = ${usage.natGbPerMonth}`);
        continue;
      }
      case "aws:ec2/vpcEndpoint:VpcEndpoint": {
        if ((str(i.vpcEndpointType) ?? "Gateway") === "Gateway") {
          markFree(r, "gateway endpoints are free");
          continue;
        }
        const azs = arr(i.subnetIds).length || 1;
        charge(
          r,
          `interface endpoint ${str(i.serviceName)?.split(".").pop()}`,
          "vpc.endpoint.interface.az-hour",
          azs * HOURS_PER_MONTH,
          `${azs} AZ(s)`,
        );
        continue;
      }
      case "aws:lb/loadBalancer:LoadBalancer": {
        if ((str(i.loadBalancerType) ?? "application") !== "application") {
          unpriced(r, `${str(i.loadBalancerType)} load balancer`, "only Application Load Balancers are in the table");
          continue;
        }
        chargeAlb(r, i.internal === true, arr(i.subnets).length || arr(i.subnetMappings).length || 2);
        continue;
      }
      case "kubernetes:networking.k8s.io/v1:Ingress": {
        // The load balancer controller builds one ALB per IngressGroup (or per ungrouped Ingress).
        const meta = obj(i.metadata);
        const a = obj(meta.annotations);
        const group = str(a["alb.ingress.kubernetes.io/group.name"]) ?? `${str(meta.namespace)}/${str(meta.name)}`;
        if (albGroups.has(group)) {
          markFree(r, "shares its IngressGroup's ALB (priced once)");
          continue;
        }
        albGroups.add(group);
        const subnets = (str(a["alb.ingress.kubernetes.io/subnets"]) ?? "").split(",").filter(Boolean).length;
        chargeAlb(r, a["alb.ingress.kubernetes.io/scheme"] !== "internet-facing", subnets || 2);
        continue;
      }
      case "aws:rds/instance:Instance": {
        const cls = str(i.instanceClass) ?? "unknown";
        const az = i.multiAz === true ? "multi-az" : "single-az";
        const hours = stopped.has(`db:${str(i.identifier)}`) ? scheduledHours : HOURS_PER_MONTH;
        if (hours !== HOURS_PER_MONTH) scheduled.push(`${r.type} ${r.name}`);
        charge(r, `instance ${cls} ${az}`, `rds.postgres.${cls}.${az}`, hours, hours !== HOURS_PER_MONTH ? schedNote : undefined);
        // A replica gets storage of its source's size (RDS user guide, "Working with read replicas").
        const source = i.replicateSourceDb
          ? resources.find((x) => x.type === r.type && x.parent === r.parent && !x.inputs.replicateSourceDb)
          : undefined;
        const gb = num(i.allocatedStorage) ?? num(source?.inputs.allocatedStorage);
        const basis = i.allocatedStorage === undefined ? "the source's size" : "allocated; autoscaling may grow it";
        if (gb !== undefined) charge(r, `storage gp3 ${az}`, `rds.gp3.${az}`, gb, `${gb} GiB (${basis})`);
        else unpriced(r, "storage", "allocated storage not set and no source instance found");
        continue;
      }
      case "aws:rds/proxy:Proxy": {
        const writer = resources.find(
          (x) => x.type === "aws:rds/instance:Instance" && x.parent === r.parent && !x.inputs.replicateSourceDb,
        );
        const cls = str(writer?.inputs.instanceClass);
        const vcpus = cls ? RDS_VCPUS[cls] : undefined;
        if (!vcpus) {
          unpriced(r, "proxy vCPU-hours", `vCPUs of the target class ${cls ?? "(not found)"} unknown`);
          continue;
        }
        // Billed per vCPU of the target instance, at least 2 (RDS Proxy pricing, S5).
        charge(
          r,
          "proxy vCPU-hours",
          "rds.proxy.vcpu-hour",
          Math.max(2, vcpus) * HOURS_PER_MONTH,
          `${Math.max(2, vcpus)} vCPUs of ${cls}`,
        );
        continue;
      }
      case "aws:elasticache/replicationGroup:ReplicationGroup": {
        // Every node bills its hours; one snapshot of the group's size is free, the retained
        // daily ones are not priced here (ElastiCache pricing: backup storage per GB-month).
        const nodeType = str(i.nodeType) ?? "unknown";
        const nodes = num(i.numCacheClusters) ?? 1;
        const engine = str(i.engine) ?? "redis";
        charge(
          r,
          `${nodes} x node ${nodeType}`,
          `elasticache.${engine}.${nodeType}`,
          nodes * HOURS_PER_MONTH,
          `${nodes} nodes (numCacheClusters)`,
        );
        continue;
      }
      case "aws:kms/key:Key":
        charge(r, "customer-managed key", "kms.key", 1);
        continue;
      case "aws:secretsmanager/secret:Secret":
        charge(r, "secret", "secretsmanager.secret", 1);
        continue;
      case "aws:cloudwatch/metricAlarm:MetricAlarm": {
        const queries = arr(i.metricQueries);
        const metrics = queries.length ? queries.filter((q) => obj(q).metric).length || 1 : 1;
        const period = num(i.period) ?? num(obj(obj(queries.find((q) => obj(q).metric)).metric).period) ?? 60;
        charge(
          r,
          "alarm",
          period < 60 ? "cloudwatch.alarm.high-resolution" : "cloudwatch.alarm",
          metrics,
          metrics > 1 ? `${metrics} metrics` : undefined,
        );
        continue;
      }
      case "aws:cloudwatch/logGroup:LogGroup":
        logGroups = logGroups ?? r;
        markFree(r, "billed by ingestion and storage (usage lines)");
        continue;
      case "aws:wafv2/webAcl:WebAcl": {
        const rules = arr(i.rules);
        charge(r, "web ACL", "waf.web-acl", 1, undefined, "global");
        charge(r, "rules", "waf.rule", rules.length, `${rules.length} rules`, "global");
        charge(
          r,
          "requests",
          "waf.requests",
          usage.wafRequestsMillions,
          `cost.usage.wafRequestsMillions = ${usage.wafRequestsMillions}`,
          "global",
        );
        if (JSON.stringify(rules).includes("AWSManagedRulesBotControlRuleSet"))
          charge(r, "Bot Control subscription", "waf.bot-control.common", 1, undefined, "global");
        continue;
      }
      case "aws:cloudfront/distribution:Distribution":
        charge(
          r,
          "data transfer out",
          "cloudfront.gb",
          usage.cloudfrontGbPerMonth,
          `cost.usage.cloudfrontGbPerMonth = ${usage.cloudfrontGbPerMonth}`,
          priceRegion,
        );
        charge(
          r,
          "HTTPS requests",
          "cloudfront.https",
          usage.cloudfrontRequestsMillions * 100,
          `cost.usage.cloudfrontRequestsMillions = ${usage.cloudfrontRequestsMillions}`,
          priceRegion,
        );
        continue;
      case "aws:route53/zone:Zone":
        charge(r, "hosted zone", "route53.zone", 1);
        continue;
      case "aws:route53/healthCheck:HealthCheck":
        charge(r, "health check", "route53.health-check", 1);
        continue;
      case "aws:synthetics/canary:Canary": {
        const m = /^rate\((\d+) minutes?\)$/.exec(str(obj(i.schedule).expression) ?? "");
        if (!m) {
          unpriced(r, "canary runs", "schedule is not a rate in minutes");
          continue;
        }
        const runs = (HOURS_PER_MONTH * 60) / Number(m[1]);
        charge(r, "canary runs", "synthetics.run", runs, `every ${m[1]} minute(s)`);
        continue;
      }
      case "kubernetes:helm.sh/v3:Release": {
        const volumes = helmVolumes(i.values);
        for (const v of volumes)
          charge(r, `persistent volume ${v.path}`, "ebs.gp3", v.gib * v.count, `${v.count} x ${v.gib} GiB`);
        if (!volumes.length) markFree(r, "runs on the priced nodes");
        continue;
      }
    }
    const reason = freeReason(r.type, r.custom, r.remote);
    if (reason) markFree(r, reason);
    else unpriced(r, r.type.split(":").pop() ?? r.type, "no price for this resource type in the table");
  }

  if (logGroups) {
    // One line for every log group of every component: the assumption is a stack-wide volume.
    const all = { ...logGroups, name: "(all log groups)" };
    const ingest = `cost.usage.logIngestGbPerMonth = ${usage.logIngestGbPerMonth}`;
    const stored = `cost.usage.logStoredGb = ${usage.logStoredGb}`;
    charge(all, "CloudWatch Logs ingestion", "logs.ingest", usage.logIngestGbPerMonth, ingest, undefined, "(all components)");
    charge(all, "CloudWatch Logs storage", "logs.storage", usage.logStoredGb, stored, undefined, "(all components)");
  }

  if (priceRegion !== region)
    notes.push(
      `The price table has no ${region} rows: ${priceRegion} list prices stand in (cost.priceRegion). ` +
        `Expect the bill in ${region} to be higher where that region's prices are.`,
    );
  if (stoodIn.size > 0)
    notes.push(
      `No ${[...stoodIn].sort().join(", ")} rows for some items: ${priceRegion} list prices stand in there too ` +
        `(eu-west-1 RDS instances are about 11 % above us-east-1: db.m6g.large Multi-AZ $0.352 vs $0.318 an hour).`,
    );
  notes.push("Spot node groups are priced at the on-demand rate (an upper bound).");
  notes.push("Free tiers (CloudFront 1 TB and 10M requests, X-Ray, Synthetics) are account-wide and not deducted.");

  for (const l of lines) l.monthlyUsd = round(l.monthlyUsd);
  const byComponent: Record<string, number> = {};
  const byType: Record<string, number> = {};
  const byRegion: Record<string, number> = {};
  for (const l of lines) {
    byComponent[l.component] = (byComponent[l.component] ?? 0) + l.monthlyUsd;
    byType[l.type] = (byType[l.type] ?? 0) + l.monthlyUsd;
    byRegion[l.region] = (byRegion[l.region] ?? 0) + l.monthlyUsd;
  }
  for (const k of Object.keys(byComponent)) byComponent[k] = round(byComponent[k]);
  for (const k of Object.keys(byType)) byType[k] = round(byType[k]);
  for (const k of Object.keys(byRegion)) byRegion[k] = round(byRegion[k]);
  return {
    currency: "USD",
    hoursPerMonth: HOURS_PER_MONTH,
    priceTableDate: PRICE_TABLE_DATE,
    region,
    priceRegion,
    totalUsd: round(lines.reduce((s, l) => s + l.monthlyUsd, 0)),
    byComponent,
    byType,
    byRegion,
    lines,
    unknown,
    free: [...free.entries()].map(([type, f]) => ({ type, ...f })).sort((a, b) => a.type.localeCompare(b.type)),
    assumptions: Object.fromEntries(Object.entries(usage).map(([k, v]) => [`cost.usage.${k}`, v])),
    scheduledHours: round(scheduledHours),
    scheduled,
    notes,
  };
}
