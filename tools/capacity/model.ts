/**
 * The capacity model: from a peak load in orders per minute and the stack's `capacity` assumptions,
 * what the stack needs (pods per service, apps nodes, database class and connections, cache memory)
 * and how close each limit the stack's config sets is (autoscaler maxima, namespace quota, node group
 * maximum, account vCPU quotas, the writer's CPU and connection budget). Pure and monotone in load:
 * more orders never need fewer pods, nodes or connections.
 *
 * The facts come from where the program takes them: replicas, requests and autoscaling from the
 * services' profiles (stacks/services.ts), node groups and quota from the cluster section,
 * `max_connections` and the connection budget from lib/rds.ts, instance vCPUs and memory from
 * lib/instance-types.ts and the RDS hardware table of tools/cost/prices.ts, prices from the cost
 * estimate's price table.
 */
import type { PlatformConfig } from "../../infra/config";
import { CapacitySettings, JOURNEYS } from "../../infra/sections/capacity";
import { instanceSpec, mebibytes, millicores } from "../../lib/instance-types";
import { connectionBudget, INSTANCE_CLASS_MEMORY_GIB, maxConnections } from "../../lib/rds";
import { strategySpec } from "../../components/service/workload";
import { SERVICE_NAMES, ServiceName, ServiceProfile } from "../../stacks/services";
import { HOURS_PER_MONTH, priceOf, RDS_VCPUS } from "../cost/prices";

/** What the model reads from a stack's validated config. */
export type CapacityConfig = Pick<PlatformConfig, "stack" | "region" | "database" | "cluster" | "capacity"> & {
  services: { workloads: Record<ServiceName, ServiceProfile> };
  flows: { databaseUsers: string[] };
  cost: { priceRegion?: string };
};

export interface ServiceNeed {
  service: ServiceName;
  /** Requests per second at this load (workers: jobs per second). */
  rate: number;
  /** Pods the load needs (at least the autoscaler's minimum), and the extra pods a rollout adds. */
  pods: number;
  rolloutExtraPods: number;
  maxReplicas: number;
}

export interface Limit {
  /** Stable id, e.g. `autoscaler.api`, `quota.api.requestsCpu`, `nodes.apps`, `database.cpu`. */
  id: string;
  /** What the limit is and where it is set. */
  description: string;
  used: number;
  max: number;
  unit: string;
}

export interface CostItem {
  item: string;
  quantity: number;
  priceKey: string;
  monthlyUsd?: number;
}

export interface CapacityAt {
  ordersPerMinute: number;
  services: ServiceNeed[];
  nodes: { apps: number; system: number; instanceType: string; appsMax: number };
  database: {
    /** vCPUs the writer needs at the target utilisation. */
    vcpusNeeded: number;
    /** Connections on the writer: busy connections through the proxy (Little's law), or every pool without one. */
    connections: number;
    /** Client connections the pods' pools open (to the proxy, or to the writer without one). */
    clientConnections: number;
    configuredClass: string;
    /** The smallest class of the configured family that fits CPU and connections, or undefined: none does. */
    neededClass?: string;
  };
  cacheGiB: number;
  limits: Limit[];
  cost: { items: CostItem[]; monthlyUsd: number; unknown: string[] };
}

const SECONDS_PER_MINUTE = 60;
const MINUTES_PER_HOUR = 60;

/** Requests per order for one service, summed over the journeys. */
export function requestsPerOrder(capacity: CapacitySettings, service: "storefront" | "api"): number {
  return JOURNEYS.reduce((sum, j) => sum + capacity.requestsPerOrder.journeys[j][service], 0);
}

/** Requests (or jobs) per second a service gets at a load. */
export function serviceRate(capacity: CapacitySettings, service: ServiceName, ordersPerMinute: number): number {
  const perOrder = service === "workers" ? capacity.workerJobsPerOrder.value : requestsPerOrder(capacity, service);
  return (ordersPerMinute * perOrder) / SECONDS_PER_MINUTE;
}

/** Extra pods while a rollout runs: blue-green starts a full preview, canary surges by its maxSurge. */
export function rolloutExtraPods(service: ServiceName, profile: ServiceProfile, pods: number): number {
  const spec = strategySpec(service, profile.rollout) as { canary?: { maxSurge: string }; blueGreen?: unknown };
  if (spec.blueGreen) return pods;
  const surge = /^(\d+)%$/.exec(spec.canary?.maxSurge ?? "");
  return surge ? Math.ceil((pods * Number(surge[1])) / 100) : 0;
}

/** The RDS classes of the configured class's family (db.r7g.*), smallest first. */
export function familyClasses(instanceClass: string): string[] {
  const family = instanceClass.split(".").slice(0, 2).join(".");
  return Object.keys(INSTANCE_CLASS_MEMORY_GIB)
    .filter((c) => c.startsWith(`${family}.`))
    .sort((a, b) => INSTANCE_CLASS_MEMORY_GIB[a] - INSTANCE_CLASS_MEMORY_GIB[b]);
}

function rdsVcpus(instanceClass: string): number {
  const v = RDS_VCPUS[instanceClass];
  if (v === undefined) throw new Error(`no vCPU count for ${instanceClass} in tools/cost/prices.ts RDS_VCPUS`);
  return v;
}

/** The stack's needs and limits at a peak load. */
export function capacityAt(config: CapacityConfig, ordersPerMinute: number): CapacityAt {
  const { capacity: a, cluster, database } = config;
  const workloads = config.services.workloads;
  const services: ServiceNeed[] = SERVICE_NAMES.map((service) => {
    const profile = workloads[service];
    const rate = serviceRate(a, service, ordersPerMinute);
    const pods = Math.max(profile.replicas.min, Math.ceil(rate / a.podThroughput[service].value));
    return { service, rate, pods, rolloutExtraPods: rolloutExtraPods(service, profile, pods), maxReplicas: profile.replicas.max };
  });
  const limits: Limit[] = [];

  // Autoscaler maxima and the namespace quota (each service has its own namespace and quota).
  const quota = cluster.namespaceQuota;
  for (const s of services) {
    const { requests, limits: lim } = workloads[s.service].resources;
    const during = s.pods + s.rolloutExtraPods;
    limits.push({
      id: `autoscaler.${s.service}`,
      description: `${s.service} autoscaler maximum (services.workloads.${s.service}.replicas.max)`,
      used: s.pods,
      max: s.maxReplicas,
      unit: "pods",
    });
    const q = (key: keyof typeof quota, used: number, max: number, unit: string) =>
      limits.push({
        id: `quota.${s.service}.${key}`,
        description: `${s.service} namespace ResourceQuota ${key} during a rollout (cluster.namespaceQuota.${key})`,
        used,
        max,
        unit,
      });
    q("pods", during, quota.pods, "pods");
    q("requestsCpu", during * millicores(requests.cpu), millicores(quota.requestsCpu), "millicores");
    q("limitsCpu", during * millicores(lim.cpu), millicores(quota.limitsCpu), "millicores");
    q("requestsMemory", during * mebibytes(requests.memory), mebibytes(quota.requestsMemory), "MiB");
    q("limitsMemory", during * mebibytes(lim.memory), mebibytes(quota.limitsMemory), "MiB");
  }

  // Apps nodes: the services' pods (a rollout's extra pods included) packed by CPU, memory and pod slots.
  const apps = cluster.nodeGroups.apps;
  const system = cluster.nodeGroups.system;
  const appsType = apps.instanceTypes[0];
  const spec = instanceSpec(appsType);
  const allocCpu = spec.vcpus * 1000 - a.node.reservedCpuMillicores.value;
  const allocMem = spec.memoryGiB * 1024 - a.node.reservedMemoryMiB.value;
  const allocPods = spec.maxPods - a.node.daemonSetPods.value;
  if (allocCpu <= 0 || allocMem <= 0 || allocPods <= 0) {
    throw new Error(`${config.stack}: capacity.node reserves more than a ${appsType} node has`);
  }
  let cpu = 0;
  let mem = 0;
  let pods = 0;
  for (const s of services) {
    const r = workloads[s.service].resources.requests;
    const n = s.pods + s.rolloutExtraPods;
    cpu += n * millicores(r.cpu);
    mem += n * mebibytes(r.memory);
    pods += n;
  }
  const appsNodes = Math.max(apps.minSize, Math.ceil(cpu / allocCpu), Math.ceil(mem / allocMem), Math.ceil(pods / allocPods));
  limits.push({
    id: "nodes.apps",
    description: `apps node group maximum (cluster.nodeGroups.apps.maxSize, ${appsType})`,
    used: appsNodes,
    max: apps.maxSize,
    unit: "nodes",
  });
  const vcpuOf = (g: typeof apps, count: number) => count * instanceSpec(g.instanceTypes[0]).vcpus;
  const onDemand = vcpuOf(system, system.desiredSize) + (apps.capacityType === "ON_DEMAND" ? vcpuOf(apps, appsNodes) : 0);
  limits.push({
    id: "quota.ec2.onDemandVcpus",
    description: "account quota of running On-Demand vCPUs (capacity.quotas.onDemandVcpus)",
    used: onDemand,
    max: a.quotas.onDemandVcpus.value,
    unit: "vCPUs",
  });
  if (apps.capacityType === "SPOT") {
    limits.push({
      id: "quota.ec2.spotVcpus",
      description: "account quota of Spot vCPUs (capacity.quotas.spotVcpus)",
      used: vcpuOf(apps, appsNodes),
      max: a.quotas.spotVcpus.value,
      unit: "vCPUs",
    });
  }

  // The writer: every database-using service's load lands on it (the replicas serve no workload yet).
  const dbUsers = services.filter((s) => config.flows.databaseUsers.includes(s.service));
  const dbMs = (s: ServiceNeed) =>
    s.rate * (s.service === "workers" ? a.database.cpuMsPerWorkerJob.value : a.database.cpuMsPerApiRequest.value);
  const cpuSecondsPerSecond = dbUsers.reduce((sum, s) => sum + dbMs(s), 0) / 1000;
  const vcpusNeeded = cpuSecondsPerSecond / (a.database.targetCpuPercent.value / 100);
  const clientConnections = dbUsers.reduce(
    (sum, s) => sum + (s.pods + s.rolloutExtraPods) * a.database.connectionsPerPod.value,
    0,
  );
  const busy = Math.ceil(dbUsers.reduce((sum, s) => sum + s.rate, 0) * (a.database.connectionHoldMs.value / 1000));
  // Without the proxy every pool connection is a server connection; the proxy multiplexes them into
  // the transactions in flight (but never more than the clients open).
  const connections = database.proxy ? Math.min(busy, clientConnections) : clientConnections;
  const budget = (cls: string) => connectionBudget(cls, database.proxyMaxConnectionsPercent);
  const configuredClass = database.instanceClass;
  limits.push({
    id: "database.cpu",
    description: `writer vCPUs at ${a.database.targetCpuPercent.value} % target CPU (database.instanceClass ${configuredClass})`,
    used: vcpusNeeded,
    max: rdsVcpus(configuredClass),
    unit: "vCPUs",
  });
  limits.push({
    id: "database.connections",
    description: `writer connection budget: max_connections ${maxConnections(configuredClass)} x database.proxyMaxConnectionsPercent ${database.proxyMaxConnectionsPercent} %`,
    used: connections,
    max: budget(configuredClass),
    unit: "connections",
  });
  const neededClass = familyClasses(configuredClass).find((c) => rdsVcpus(c) >= vcpusNeeded && budget(c) >= connections);

  // Cache: sessions alive at once (Little's law: arrival rate x time in the cache) plus the catalogue.
  const sessions = ordersPerMinute * a.cache.sessionsPerOrder.value * a.cache.sessionMinutes.value;
  const cacheGiB = (sessions * a.cache.kibPerSession.value) / 1024 ** 2 + a.cache.catalogueGiB.value;

  // Priced: the configured class, or the bigger one the load needs (a smaller one would be a resize down).
  const family = familyClasses(configuredClass);
  const priced = neededClass && family.indexOf(neededClass) > family.indexOf(configuredClass) ? neededClass : configuredClass;
  const cost = loadDrivenCost(config, appsNodes, priced);
  return {
    ordersPerMinute,
    services,
    nodes: { apps: appsNodes, system: system.desiredSize, instanceType: appsType, appsMax: apps.maxSize },
    database: { vcpusNeeded, connections, clientConnections, configuredClass, neededClass },
    cacheGiB,
    limits,
    cost,
  };
}

/**
 * The monthly cost of what the load sizes: the apps nodes (Spot at the on-demand ceiling, as the
 * estimate does), the system nodes, the writer (Multi-AZ or not) and its replicas of the same class,
 * and the proxy's vCPU-hours. The rest of the stack does not move with load: `plan --cost` prices it.
 */
export function loadDrivenCost(config: CapacityConfig, appsNodes: number, dbClass: string): CapacityAt["cost"] {
  const region = config.cost.priceRegion ?? config.region;
  const { apps, system } = config.cluster.nodeGroups;
  const db = config.database;
  const items: CostItem[] = [];
  const unknown: string[] = [];
  const add = (item: string, quantity: number, priceKey: string, hours = HOURS_PER_MONTH) => {
    const p = priceOf(priceKey, region);
    if (!p) unknown.push(`${item}: no price ${priceKey} in ${region}`);
    items.push({ item, quantity, priceKey, monthlyUsd: p ? Math.round(p.usd * quantity * hours * 100) / 100 : undefined });
  };
  add(`${appsNodes} apps nodes ${apps.instanceTypes[0]}`, appsNodes, `ec2.${apps.instanceTypes[0]}`);
  add(`${system.desiredSize} system nodes ${system.instanceTypes[0]}`, system.desiredSize, `ec2.${system.instanceTypes[0]}`);
  add(`writer ${dbClass}${db.multiAz ? " Multi-AZ" : ""}`, 1, `rds.postgres.${dbClass}.${db.multiAz ? "multi-az" : "single-az"}`);
  if (db.replicaCount > 0) add(`${db.replicaCount} replicas ${dbClass}`, db.replicaCount, `rds.postgres.${dbClass}.single-az`);
  if (db.proxy) add(`proxy (${Math.max(2, rdsVcpus(dbClass))} vCPUs)`, Math.max(2, rdsVcpus(dbClass)), "rds.proxy.vcpu-hour");
  const monthlyUsd = Math.round(items.reduce((s, i) => s + (i.monthlyUsd ?? 0), 0) * 100) / 100;
  return { items, monthlyUsd, unknown };
}

/** The limits a load exceeds. */
export function exceeded(at: CapacityAt): Limit[] {
  return at.limits.filter((l) => l.used > l.max);
}

export interface Breakpoint {
  id: string;
  description: string;
  /** The lowest whole number of orders per minute at which the limit is exceeded, or undefined below `ceiling`. */
  ordersPerMinute?: number;
}

/**
 * For every limit, the lowest whole load (orders per minute) that exceeds it, by doubling and then
 * bisecting (each limit's use grows with load). Sorted: the first is what breaks first.
 */
export function breakpoints(config: CapacityConfig, ceiling = 1_000_000): Breakpoint[] {
  const ids = capacityAt(config, 0).limits.map((l) => [l.id, l.description] as const);
  const over = (id: string, load: number) => {
    const l = capacityAt(config, load).limits.find((x) => x.id === id)!;
    return l.used > l.max;
  };
  const out: Breakpoint[] = ids.map(([id, description]) => {
    if (over(id, 0)) return { id, description, ordersPerMinute: 0 };
    let hi = 1;
    while (hi <= ceiling && !over(id, hi)) hi *= 2;
    if (hi > ceiling && !over(id, ceiling)) return { id, description };
    let lo = Math.floor(hi / 2);
    hi = Math.min(hi, ceiling);
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (over(id, mid)) hi = mid;
      else lo = mid;
    }
    return { id, description, ordersPerMinute: hi };
  });
  return out.sort((x, y) => (x.ordersPerMinute ?? Infinity) - (y.ordersPerMinute ?? Infinity) || x.id.localeCompare(y.id));
}

export interface GrowthRow {
  month: number;
  peakOrdersPerMinute: number;
  ordersPerMonth: number;
  at: CapacityAt;
  storageGiB: number;
}

/** The 12-month projection: the peak grows by `growth.monthlyGrowthPercent` a month; storage accumulates orders. */
export function growthProjection(config: CapacityConfig, months = 12): GrowthRow[] {
  const g = config.capacity.growth;
  const rows: GrowthRow[] = [];
  let storageGiB = config.capacity.storage.currentDataGiB.value;
  for (let month = 0; month <= months; month++) {
    const peak = g.peakOrdersPerMinute.value * (1 + g.monthlyGrowthPercent.value / 100) ** month;
    const ordersPerMonth = peak * MINUTES_PER_HOUR * HOURS_PER_MONTH * (g.averageToPeakPercent.value / 100);
    if (month > 0) storageGiB += (ordersPerMonth * config.capacity.storage.kibPerOrder.value) / 1024 ** 2;
    rows.push({ month, peakOrdersPerMinute: peak, ordersPerMonth, at: capacityAt(config, peak), storageGiB });
  }
  return rows;
}
