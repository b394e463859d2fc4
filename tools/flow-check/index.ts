/**
 * The reachability check of the plan: every flow of the stack's flow table is evaluated over the
 * planned resources, layer by layer (NetworkPolicy, security groups, route, VPC endpoint, IAM,
 * database authentication, cache authentication), and so is a set of flows that must be closed. A declared flow that is
 * closed, or a forbidden flow that is open, fails the plan. See docs/plan.md "Flows".
 */
// The light modules only (no Pulumi SDK), so `npm run plan` answers usage errors at once.
import { AWS_API_SPECS } from "../../components/flows/aws-apis";
import { KUBE_DNS, OTEL_COLLECTOR, PROMETHEUS } from "../../components/flows/peers";
import type { FlowsConfig } from "../../infra/flows";
import { Naming } from "../../lib/naming";
import type { EgressFlow } from "../../stacks/flows";
import type { RegisteredResource } from "../harness";
import { Actor, hostIn, iamAllows, networkPolicyAllows, Protocol, routeAllows, securityGroupsAllow, Verdict } from "./evaluate";
import { buildModel, Model } from "./model";

export type Layer = "networkpolicy" | "security-group" | "route" | "endpoint" | "iam" | "database-auth" | "cache-auth";
export const LAYERS: readonly Layer[] = [
  "networkpolicy",
  "security-group",
  "route",
  "endpoint",
  "iam",
  "database-auth",
  "cache-auth",
];

export interface LayerResult {
  layer: Layer;
  state: "open" | "closed" | "n/a";
  detail: string;
}

/** One row of the table: a flow, what it must be, and what each layer says. */
export interface FlowRow {
  /** e.g. `api -> database (as api)`. */
  flow: string;
  /** `declared` (the flow table), `platform` (the platform's own paths) or `forbidden`. */
  kind: "declared" | "platform" | "forbidden";
  expected: "open" | "closed";
  open: boolean;
  /** Expected and actual agree. */
  ok: boolean;
  /** The first closed layer and its rule (for a closed flow). */
  closedBy?: { layer: Layer; detail: string };
  layers: LayerResult[];
}

export interface FlowCheckInput {
  resources: RegisteredResource[];
  flows: FlowsConfig;
  project: string;
  stack: string;
  region: string;
}

/** The address of AWS's public API endpoints as seen from the VPC (any public address stands for them). */
const AWS_PUBLIC_IP = "52.94.0.10";
/** An internet address no flow declares (TEST-NET-1, RFC 5737). */
const INTERNET_PROBE_IP = "192.0.2.10";

const na = (layer: Layer, detail: string): LayerResult => ({ layer, state: "n/a", detail });
const from = (layer: Layer, v: Verdict): LayerResult => ({ layer, state: v.open ? "open" : "closed", detail: v.detail });

/**
 * A flow's row: open exactly when no layer is closed (n/a layers do not decide); the first closed
 * layer closes it. Layers a path does not pass (the cache's for a database flow, say) are n/a.
 */
export function row(flow: string, kind: FlowRow["kind"], expected: FlowRow["expected"], given: LayerResult[]): FlowRow {
  const layers = LAYERS.map(
    (l) => given.find((x) => x.layer === l) ?? na(l, l === "cache-auth" ? "not the cache" : "not on this path"),
  );
  const closed = layers.find((l) => l.state === "closed");
  const open = closed === undefined;
  return {
    flow,
    kind,
    expected,
    open,
    ok: open === (expected === "open"),
    ...(closed ? { closedBy: { layer: closed.layer, detail: closed.detail } } : {}),
    layers,
  };
}

export function checkFlows(input: FlowCheckInput): FlowRow[] {
  const model = buildModel(input.resources);
  return new FlowCheck(model, input).rows();
}

class FlowCheck {
  private readonly out: FlowRow[] = [];
  private readonly workloads: string[];

  constructor(
    private readonly m: Model,
    private readonly input: FlowCheckInput,
  ) {
    this.workloads = input.flows.workloads;
  }

  // ---- actors ----
  private podIp(index: number): string {
    return hostIn(this.m.vpc.cidrs.private[0] ?? "10.0.0.0/24", 10 + index);
  }
  private pod(namespace: string, labels: Record<string, string>, index: number): Actor {
    return {
      label: `${namespace} pod`,
      ip: this.podIp(index),
      groups: this.m.nodeGroups,
      where: "private",
      pod: { namespace, labels },
    };
  }
  private workload(w: string): Actor {
    return this.pod(w, { "app.kubernetes.io/name": w }, this.workloads.indexOf(w));
  }
  private isolated(label: string, groups: string[], offset: number): Actor {
    return { label, ip: hostIn(this.m.vpc.cidrs.isolated[0] ?? "10.0.255.0/24", offset), groups, where: "isolated" };
  }
  private primary() {
    return this.m.instances.find((i) => i.inputs.replicateSourceDb === undefined && i.name === "primary") ?? this.m.instances[0];
  }
  private internet(label: string, ip: string): Actor {
    return { label, ip, groups: [], where: "internet" };
  }

  // ---- layers ----
  private network(src: Actor, dst: Actor, protocol: Protocol, port: number): LayerResult[] {
    const np: Verdict[] = [];
    if (src.pod) np.push(networkPolicyAllows(this.m, "Egress", src, dst, protocol, port));
    if (dst.pod) np.push(networkPolicyAllows(this.m, "Ingress", dst, src, protocol, port));
    const closed = np.find((v) => !v.open);
    return [
      np.length === 0
        ? na("networkpolicy", "no pod on either end")
        : from("networkpolicy", closed ?? { open: true, detail: np.map((v) => v.detail).join("; ") }),
      from("security-group", securityGroupsAllow(this.m, src, dst, protocol, port)),
      from("route", routeAllows(this.m, src, dst)),
    ];
  }

  /** The workload's IRSA role: the service account's annotation, a role that trusts exactly that service account. */
  private role(w: string): { role?: import("./model").Role; verdict: Verdict } {
    const arn = this.m.serviceAccounts.get(`${w}/${w}`)?.["eks.amazonaws.com/role-arn"];
    if (!this.m.serviceAccounts.has(`${w}/${w}`)) return { verdict: { open: false, detail: `no service account ${w}/${w}` } };
    if (!arn) return { verdict: { open: false, detail: `service account ${w}/${w} has no IRSA role` } };
    const role = this.m.roles.get(arn);
    if (!role) return { verdict: { open: false, detail: `role ${arn} is not in the plan` } };
    const sub = `system:serviceaccount:${w}:${w}`;
    const trusted = ((role.trust.Statement as Record<string, unknown>[]) ?? []).some(
      (s) =>
        s.Effect === "Allow" &&
        [s.Action].flat().includes("sts:AssumeRoleWithWebIdentity") &&
        Object.entries(
          ((s.Condition as Record<string, Record<string, string>>)?.StringEquals ?? {}) as Record<string, string>,
        ).some(([k, v]) => k.endsWith(":sub") && v === sub),
    );
    return trusted
      ? { role, verdict: { open: true, detail: `${role.name} trusts ${sub}` } }
      : { role, verdict: { open: false, detail: `${role.name} does not trust ${sub}` } };
  }

  private iam(w: string, action: string, resource: string, context: Record<string, string> = {}): LayerResult {
    const { role, verdict } = this.role(w);
    if (!role || !verdict.open) return from("iam", verdict);
    return from("iam", iamAllows(role.policies, action, resource, context));
  }

  private scope(w: string) {
    const accountId = (this.m.roles.values().next().value?.arn ?? "arn:aws:iam::000000000000:role/x").split(":")[4];
    return {
      partition: "aws",
      region: this.input.region,
      accountId,
      project: this.input.project,
      stack: this.input.stack,
      workload: w,
    };
  }

  // ---- flows ----
  rows(): FlowRow[] {
    const t = this.input.flows.table;
    for (const [w, flows] of Object.entries(t)) {
      for (const f of flows.egress) this.egress(w, f);
      for (const f of flows.ingress) {
        const port = f.kind === "load-balancer" ? this.input.flows.servicePorts[w] : f.port;
        const src = f.kind === "load-balancer" ? this.albActor() : this.pod(PROMETHEUS.namespace, PROMETHEUS.labels, 50);
        this.out.push(
          row(`${f.kind === "load-balancer" ? "load balancer" : "prometheus"} -> ${w}:${port}`, "declared", "open", [
            ...this.network(src, this.workload(w), "TCP", port),
            na("endpoint", "not an AWS API"),
            na("iam", "no AWS call"),
            na("database-auth", "not the database"),
          ]),
        );
      }
    }
    this.forbidden();
    return this.out;
  }

  private albActor(): Actor {
    const lb = this.m.loadBalancers.find((l) => !l.internal) ?? this.m.loadBalancers[0];
    return {
      label: "ALB",
      ip: hostIn(this.m.vpc.cidrs.public[0] ?? "10.0.0.0/24", 10),
      groups: lb?.groups ?? [],
      where: "public",
    };
  }

  private plain(
    w: string,
    label: string,
    dst: Actor,
    protocol: Protocol,
    port: number,
    kind: FlowRow["kind"] = "declared",
    expected: FlowRow["expected"] = "open",
  ) {
    this.out.push(
      row(`${w} -> ${label}`, kind, expected, [
        ...this.network(this.workload(w), dst, protocol, port),
        na("endpoint", "not an AWS API"),
        na("iam", "no AWS call"),
        na("database-auth", "not the database"),
      ]),
    );
  }

  private egress(w: string, f: EgressFlow) {
    switch (f.kind) {
      case "dns":
        return this.plain(w, "kube-dns:53/udp", this.pod(KUBE_DNS.namespace, KUBE_DNS.labels, 60), "UDP", 53);
      case "otel":
        return this.plain(w, "otel-collector:4317", this.pod(OTEL_COLLECTOR.namespace, OTEL_COLLECTOR.labels, 61), "TCP", 4317);
      case "workload": {
        const port = this.input.flows.servicePorts[f.workload];
        return this.plain(w, `${f.workload}:${port}`, this.workload(f.workload), "TCP", port);
      }
      case "external": {
        const d = this.input.flows.externalDestinations[f.destination];
        return this.plain(
          w,
          `${f.destination} (${d.host}):${d.port}`,
          this.internet(d.host, hostIn(d.cidrs[0], 1)),
          "TCP",
          d.port,
        );
      }
      case "cache":
        return this.cache(w, w, "declared", "open");
      case "aws":
        return this.aws(w, f.service, "declared", "open");
      case "database":
        return this.database(w, w, "declared", "open");
    }
  }

  /** Where an AWS API call goes: its interface endpoint when the plan has one, else AWS's public address through the NAT. */
  private awsPath(service: keyof typeof AWS_API_SPECS): { dst: Actor; endpoint: LayerResult } {
    const spec = AWS_API_SPECS[service];
    const ep = this.m.endpoints.find((e) => e.type === "Interface" && e.service === spec.endpoint);
    if (ep && ep.privateDns) {
      const dst: Actor = {
        label: `${spec.endpoint} endpoint`,
        ip: hostIn(this.m.vpc.cidrs.private[0], 200),
        groups: ep.groups,
        where: "private",
      };
      return { dst, endpoint: { layer: "endpoint", state: "open", detail: `interface endpoint ${spec.endpoint} (private DNS)` } };
    }
    const gateway = spec.gateway && this.m.endpoints.some((e) => e.type === "Gateway" && e.service === service);
    return {
      dst: this.internet(`${service} API`, AWS_PUBLIC_IP),
      endpoint: na(
        "endpoint",
        gateway ? `${service} gateway endpoint (route table)` : `no interface endpoint for ${service}: through the NAT`,
      ),
    };
  }

  private aws(w: string, service: keyof typeof AWS_API_SPECS, kind: FlowRow["kind"], expected: FlowRow["expected"], owner = w) {
    const spec = AWS_API_SPECS[service];
    const { dst, endpoint } = this.awsPath(service);
    const src = this.workload(w);
    const [np, sg, route] = this.network(src, dst, "TCP", 443);
    // With an endpoint, the sender's groups are the security-group layer and the endpoint's group the endpoint layer.
    const layers: LayerResult[] = [np];
    if (endpoint.state === "open") {
      layers.push(from("security-group", securityGroupsAllow(this.m, src, dst, "TCP", 443, { egress: true, ingress: false })));
      layers.push(route);
      const epSg = securityGroupsAllow(this.m, src, dst, "TCP", 443, { egress: false, ingress: true });
      layers.push(epSg.open ? { ...endpoint, detail: `${endpoint.detail}; ${epSg.detail}` } : from("endpoint", epSg));
    } else layers.push(sg, route, endpoint);
    const probe = spec.probe?.(this.scope(owner));
    if (probe) layers.push(this.iam(w, probe.action, probe.resource, probe.context));
    else {
      const { verdict, role } = this.role(w);
      layers.push(
        role || !verdict.open
          ? from("iam", role ? verdict : { open: true, detail: "no AWS permission needed" })
          : na("iam", "no permission needed"),
      );
    }
    layers.push(na("database-auth", "not the database"));
    const label = probe ? `${service} (${probe.action} on ${owner === w ? "its own" : `${owner}'s`} resource)` : service;
    this.out.push(row(`${w} -> ${label}`, kind, expected, layers));
  }

  /** The database as `user`: through the proxy when there is one (IAM end to end), else the instance with IAM authentication. */
  private database(w: string, user: string, kind: FlowRow["kind"], expected: FlowRow["expected"], direct = false) {
    const db = this.primary();
    const proxy = direct ? undefined : this.m.proxies[0];
    const port = Number(db?.inputs.port ?? 5432);
    if (!db) return;
    const instance = this.isolated(`database ${db.name}`, db.groups, 20);
    const dst = proxy ? this.isolated(`proxy ${proxy.name}`, proxy.groups, 10) : instance;
    const [np, sg, route] = this.network(this.workload(w), dst, "TCP", port);
    let sgLayer = sg;
    if (proxy && sg.state === "open") {
      const hop = securityGroupsAllow(this.m, dst, instance, "TCP", port);
      sgLayer = hop.open
        ? { ...sg, detail: `${sg.detail}; proxy -> database: ${hop.detail}` }
        : from("security-group", { open: false, detail: `proxy -> database: ${hop.detail}` });
    }
    const [region, account] = [this.input.region, (proxy?.arn || db.arn).split(":")[4]];
    const connectId = proxy ? proxy.arn.split(":").pop() : db.resourceId;
    const iam = this.iam(w, "rds-db:connect", `arn:aws:rds-db:${region}:${account}:dbuser:${connectId}/${user}`);
    this.out.push(
      row(
        `${w} -> ${proxy ? "database via proxy" : direct && this.m.proxies.length ? "database instance directly" : "database"} (as ${user})`,
        kind,
        expected,
        [np, sgLayer, route, na("endpoint", "not an AWS API"), iam, from("database-auth", this.dbAuth(user, db, proxy))],
      ),
    );
  }

  /** The cache as `user`'s cache user: TLS to its port, `elasticache:Connect` on the group and that user, RBAC. */
  private cache(w: string, user: string, kind: FlowRow["kind"], expected: FlowRow["expected"]) {
    const label = `${w} -> cache${user === w ? "" : ` (as ${user})`}`;
    const cache = this.m.caches[0];
    if (!cache) {
      this.out.push(
        row(label, kind, expected, [
          na("networkpolicy", "no cache"),
          from("security-group", { open: false, detail: "the plan has no cache (ElastiCache)" }),
          na("route", "no cache"),
          na("endpoint", "not an AWS API"),
          na("iam", "no cache"),
          na("database-auth", "not the database"),
          na("cache-auth", "no cache"),
        ]),
      );
      return;
    }
    // The cache's nodes live in the isolated subnets, like the database.
    const dst = this.isolated(`cache ${cache.name}`, cache.groups, 30);
    const [np, sg, route] = this.network(this.workload(w), dst, "TCP", cache.port);
    const userId = new Naming(this.input.project, this.input.stack).physical(`cache-${user}`, "elasticache");
    const { accountId } = this.scope(w);
    const arn = (resource: string) => `arn:aws:elasticache:${this.input.region}:${accountId}:${resource}`;
    // A token authorises both: the replication group and the user it names.
    let iam = this.iam(w, "elasticache:Connect", arn(`replicationgroup:${cache.id}`));
    if (iam.state === "open") {
      const onUser = this.iam(w, "elasticache:Connect", arn(`user:${userId}`));
      iam = onUser.state === "open" ? { ...iam, detail: `${iam.detail}; ${onUser.detail}` } : onUser;
    }
    this.out.push(
      row(`${label}:${cache.port}`, kind, expected, [
        np,
        sg,
        route,
        na("endpoint", "not an AWS API"),
        iam,
        na("database-auth", "not the database"),
        from("cache-auth", this.cacheAuth(cache, userId, user)),
      ]),
    );
  }

  /** Logging in as the user group's `default` user (password, no IAM): must be closed by its access string. */
  private cacheDefaultUser(w: string) {
    const cache = this.m.caches[0];
    const dst = this.isolated(`cache ${cache.name}`, cache.groups, 30);
    const [np, sg, route] = this.network(this.workload(w), dst, "TCP", cache.port);
    const groups = ((cache.inputs.userGroupIds as string[] | undefined) ?? []).map((g) => this.m.cacheUserGroups.get(g) ?? []);
    const defaults = groups.flat().filter((id) => this.m.cacheUsers.get(id)?.userName === "default");
    const verdict: Verdict =
      groups.length === 0
        ? {
            open: true,
            detail: `${cache.name} has no user group: ElastiCache's own default user (no password, every command) answers`,
          }
        : defaults.length === 0
          ? { open: true, detail: "the user group has no user named default: ElastiCache's own default user answers" }
          : (defaults
              .map((id) => ({ id, v: accessAllows(this.m.cacheUsers.get(id)!.accessString, `${w}:probe`) }))
              .map(({ id, v }) =>
                v.open
                  ? { open: true, detail: `default user ${id} is on` }
                  : { open: false, detail: `default user ${id}: ${v.detail}` },
              )
              .find((v) => v.open) ?? { open: false, detail: `default user ${defaults.join(", ")} is off` });
    this.out.push(
      row(`${w} -> cache (as default user):${cache.port}`, "forbidden", "closed", [
        np,
        sg,
        route,
        na("endpoint", "not an AWS API"),
        na("iam", "password user: no IAM call"),
        na("database-auth", "not the database"),
        from("cache-auth", verdict),
      ]),
    );
  }

  /** RBAC of the replication group: TLS on, the user in its user group, IAM authentication, its key prefix allowed. */
  private cacheAuth(cache: Model["caches"][number], userId: string, prefix: string): Verdict {
    const i = cache.inputs;
    if (i.transitEncryptionEnabled !== true && i.transitEncryptionEnabled !== "true")
      return { open: false, detail: `${cache.name} has in-transit encryption off (IAM authentication needs TLS)` };
    const major = Number(String(i.engineVersion ?? "0").split(".")[0]);
    if (!(major >= 7))
      return {
        open: false,
        detail: `${cache.name}: engine version ${String(i.engineVersion)} has no IAM authentication (7.0 or later)`,
      };
    const groups = ((i.userGroupIds as string[] | undefined) ?? []).filter((g) => this.m.cacheUserGroups.has(g));
    if (groups.length === 0) return { open: false, detail: `${cache.name} has no RBAC user group of the plan (userGroupIds)` };
    const group = groups.find((g) => this.m.cacheUserGroups.get(g)!.includes(userId));
    if (!group)
      return { open: false, detail: `no user group of ${cache.name} (${groups.join(", ")}) contains the user ${userId}` };
    const u = this.m.cacheUsers.get(userId);
    if (!u) return { open: false, detail: `user group ${group} names ${userId}, which the plan does not create` };
    if (u.authentication !== "iam")
      return { open: false, detail: `cache user ${userId} authenticates with ${u.authentication}, not IAM` };
    if (u.userName !== userId)
      return { open: false, detail: `cache user ${userId} has user name ${u.userName}: IAM authentication needs them equal` };
    const access = accessAllows(u.accessString, `${prefix}:probe`);
    if (!access.open) return { open: false, detail: `cache user ${userId}: ${access.detail}` };
    return { open: true, detail: `${cache.name}: TLS, IAM user ${userId} in ${group}; ${access.detail}` };
  }

  private dbAuth(user: string, db: Model["instances"][number], proxy: Model["proxies"][number] | undefined): Verdict {
    return databaseLogin(this.m, this.input.region, user, db, proxy);
  }

  // ---- what must stay closed ----
  private forbidden() {
    const t = this.input.flows.table;
    const ports = this.input.flows.servicePorts;
    for (const w of this.workloads) {
      const egress = t[w].egress;
      for (const v of this.workloads) {
        if (v === w || egress.some((f) => f.kind === "workload" && f.workload === v)) continue;
        this.plain(w, `${v}:${ports[v] ?? 8080} (undeclared)`, this.workload(v), "TCP", ports[v] ?? 8080, "forbidden", "closed");
      }
      // An AWS API through the NAT answers at public addresses: 443 to the internet is then open by
      // necessity (docs/cluster.md "Flow table"), so only port 80 is probed for such a workload.
      const public443 = egress.some((f) => f.kind === "aws" && this.awsPath(f.service).dst.where === "internet");
      for (const port of public443 ? [80] : [80, 443])
        this.plain(
          w,
          `internet ${INTERNET_PROBE_IP}:${port} (undeclared)`,
          this.internet("internet", INTERNET_PROBE_IP),
          "TCP",
          port,
          "forbidden",
          "closed",
        );
      if (!egress.some((f) => f.kind === "database")) {
        this.database(w, w, "forbidden", "closed");
      } else {
        if (this.m.proxies.length > 0) this.database(w, w, "forbidden", "closed", true);
        const other = this.workloads.find((o) => o !== w && t[o].egress.some((f) => f.kind === "database"));
        if (other) this.database(w, other, "forbidden", "closed");
      }
      if (egress.some((f) => f.kind === "aws" && f.service === "secretsmanager")) {
        const other = this.workloads.find((o) => o !== w);
        if (other) this.aws(w, "secretsmanager", "forbidden", "closed", other);
      }
      if (this.m.caches.length > 0) {
        if (!egress.some((f) => f.kind === "cache")) this.cache(w, w, "forbidden", "closed");
        else {
          // Another workload's cache user (its keys), and the group's `default` user.
          const other = this.workloads.find((o) => o !== w && t[o].egress.some((f) => f.kind === "cache"));
          if (other) this.cache(w, other, "forbidden", "closed");
          this.cacheDefaultUser(w);
        }
      }
    }
    const cache = this.m.caches[0];
    if (cache) {
      const node = this.isolated(`cache ${cache.name}`, cache.groups, 30);
      const internet = this.internet("internet", INTERNET_PROBE_IP);
      this.out.push(
        row(`internet -> cache ${cache.name}:${cache.port}`, "forbidden", "closed", [
          na("networkpolicy", "no pod on either end"),
          from("security-group", securityGroupsAllow(this.m, internet, node, "TCP", cache.port)),
          from("route", routeAllows(this.m, internet, node)),
          na("endpoint", "not an AWS API"),
          na("iam", "no AWS call"),
          na("database-auth", "not the database"),
          na("cache-auth", "unreachable"),
        ]),
      );
    }
    const db = this.primary();
    if (db) {
      const port = Number(db.inputs.port ?? 5432);
      const instance = this.isolated(`database ${db.name}`, db.groups, 20);
      this.out.push(
        row(`internet -> database ${db.name}:${port}`, "forbidden", "closed", [
          na("networkpolicy", "no pod on either end"),
          from(
            "security-group",
            securityGroupsAllow(this.m, this.internet("internet", INTERNET_PROBE_IP), instance, "TCP", port),
          ),
          from("route", routeAllows(this.m, this.internet("internet", INTERNET_PROBE_IP), instance)),
          na("endpoint", "not an AWS API"),
          na("iam", "no AWS call"),
          na("database-auth", "unreachable"),
        ]),
      );
    }
    if (this.m.cluster) {
      const open = this.m.cluster.endpointPublicAccess;
      const allowed = this.m.cluster.publicAccessCidrs;
      // The public API endpoint is an admin path of dev only (an allow-list); elsewhere it must not exist.
      const kind: FlowRow["kind"] = this.input.stack === "dev" ? "platform" : "forbidden";
      this.out.push(
        row(
          `admin ${allowed[0] ?? "internet"} -> Kubernetes API (public endpoint)`,
          kind,
          kind === "platform" ? "open" : "closed",
          [
            na("networkpolicy", "not a pod"),
            na("security-group", "EKS public endpoint"),
            from(
              "route",
              open
                ? { open: true, detail: `public endpoint on for ${allowed.join(", ")}` }
                : { open: false, detail: "the cluster has no public API endpoint" },
            ),
            na("endpoint", "not an AWS API"),
            na("iam", "EKS access entries"),
            na("database-auth", "not the database"),
          ],
        ),
      );
    }
  }
}

/**
 * Whether an ElastiCache access string lets a user run data commands on `key`: switched `on`, a
 * `~pattern` matching the key, and `+@read`/`+@write` (or `+@all`/`allcommands`). Syntax:
 * ElastiCache user guide, "Role-Based Access Control (RBAC)", access strings.
 */
export function accessAllows(access: string, key: string): Verdict {
  const tokens = access.split(/\s+/).filter(Boolean);
  const state = tokens.filter((t) => t === "on" || t === "off").pop();
  if (state !== "on") return { open: false, detail: `access string "${access}" is off` };
  const pattern = tokens.find((t) => (t.startsWith("~") && wildcardMatch(t.slice(1), key)) || t === "allkeys");
  if (!pattern) return { open: false, detail: `access string "${access}" has no key pattern matching ${key}` };
  const commands =
    tokens.some((t) => ["+@all", "allcommands"].includes(t)) || ["+@read", "+@write"].every((c) => tokens.includes(c));
  if (!commands) return { open: false, detail: `access string "${access}" grants neither +@all nor +@read and +@write` };
  return { open: true, detail: `access ${pattern} with read and write commands` };
}

function wildcardMatch(pattern: string, value: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${re}$`).test(value);
}

/** The table as text: one line per flow, open/closed per layer, and the closing rule of closed flows. */
/**
 * Whether `user` can log in to the database `db` (through `proxy`, if any) with an IAM token: the
 * bootstrap step creates the user with rds_iam, and either the instance has IAM authentication on
 * (direct) or the proxy authenticates the user (an auth entry, or IAM_AUTH end to end with TLS, a
 * target of the instance and a role that may connect).
 */
export function databaseLogin(
  m: Model,
  region: string,
  user: string,
  db: Model["instances"][number],
  proxy: Model["proxies"][number] | undefined,
): Verdict {
  const u = m.databaseUsers.get(user);
  if (!u) return { open: false, detail: `no bootstrap step creates the database user ${user}` };
  if (!u.iam) return { open: false, detail: `database user ${user} is not granted rds_iam (${u.invocation})` };
  if (db.inputs.iamDatabaseAuthenticationEnabled !== true && !proxy)
    return { open: false, detail: `${db.name} has IAM database authentication off` };
  if (!proxy) return { open: true, detail: `${db.name}: IAM authentication; ${user} has rds_iam (${u.invocation})` };
  const auths = (proxy.inputs.auths as Record<string, unknown>[] | undefined) ?? [];
  const endToEnd = proxy.inputs.defaultAuthScheme === "IAM_AUTH";
  const entry = auths.find((a) => a.username === user && a.secretArn);
  if (!endToEnd && !entry)
    return {
      open: false,
      detail: `proxy ${proxy.name}: default auth scheme ${String(proxy.inputs.defaultAuthScheme ?? "NONE")} and no auth entry for ${user}`,
    };
  if (proxy.inputs.requireTls !== true)
    return { open: false, detail: `proxy ${proxy.name} does not require TLS (IAM tokens need it)` };
  if (!m.proxyTargets.some((t) => t.instance === db.inputs.identifier))
    return { open: false, detail: `proxy ${proxy.name} has no target ${String(db.inputs.identifier)}` };
  if (endToEnd) {
    const role = m.roles.get(proxy.roleArn);
    const account = db.arn.split(":")[4];
    const v = iamAllows(
      role?.policies ?? [],
      "rds-db:connect",
      `arn:aws:rds-db:${region}:${account}:dbuser:${db.resourceId}/${user}`,
    );
    if (!v.open) return { open: false, detail: `the proxy's role ${role?.name ?? proxy.roleArn}: ${v.detail}` };
    if (db.inputs.iamDatabaseAuthenticationEnabled !== true)
      return { open: false, detail: `${db.name} has IAM database authentication off` };
    return {
      open: true,
      detail: `proxy ${proxy.name}: IAM_AUTH end to end, TLS; its role may connect as ${user}; ${user} has rds_iam`,
    };
  }
  return { open: true, detail: `proxy ${proxy.name}: auth entry for ${user}` };
}

export function renderFlows(rows: FlowRow[]): string[] {
  const short: Record<string, string> = { open: "open", closed: "CLOSED", "n/a": "-" };
  const width = Math.max(...rows.map((r) => r.flow.length), 4) + 2;
  const lines = [`    ${"Flow".padEnd(width)}${"expect".padEnd(8)}${LAYERS.map((l) => l.padEnd(15)).join("")}result`];
  for (const r of rows) {
    const cells = LAYERS.map((l) => short[r.layers.find((x) => x.layer === l)?.state ?? "n/a"].padEnd(15)).join("");
    lines.push(`    ${r.flow.padEnd(width)}${r.expected.padEnd(8)}${cells}${r.ok ? "ok" : "FAIL"}`);
    if (r.closedBy) lines.push(`        closed by ${r.closedBy.layer}: ${r.closedBy.detail}`);
  }
  return lines;
}
