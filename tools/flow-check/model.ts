/**
 * What the reachability check knows about a planned stack: read from the registered resources only
 * (their inputs, mock ids and computed ARNs), never from the code that generated them.
 */
import type { RegisteredResource } from "../harness";

export type Tier = "public" | "private" | "isolated";
type Json = Record<string, unknown>;

/** One security-group rule, inline or separate, normalized. */
export interface SgRule {
  /** The resource that carries the rule (a rule resource, or the group for inline rules). */
  source: string;
  protocol: string;
  from: number;
  to: number;
  cidrs: string[];
  groups: string[];
}
export interface SecurityGroup {
  id: string;
  name: string;
  ingress: SgRule[];
  egress: SgRule[];
}
export interface NetworkPolicyDoc {
  name: string;
  namespace: string;
  spec: Json;
}
export interface Role {
  name: string;
  arn: string;
  trust: Json;
  policies: { name: string; document: Json }[];
}
export interface Model {
  vpc: { cidrs: Record<Tier, string[]>; tierOf: Map<string, Tier>; nat: boolean; internetGateway: boolean };
  namespaces: Map<string, Record<string, string>>;
  policies: NetworkPolicyDoc[];
  groups: Map<string, SecurityGroup>;
  /** Groups of the node ENIs (pods carry them): the launch templates' groups. */
  nodeGroups: string[];
  endpoints: { service: string; type: string; groups: string[]; privateDns: boolean; subnets: string[] }[];
  proxies: { name: string; groups: string[]; subnets: string[]; inputs: Json; arn: string; roleArn: string }[];
  instances: { name: string; groups: string[]; inputs: Json; arn: string; resourceId: string }[];
  proxyTargets: { proxyName: string; instance: string }[];
  loadBalancers: { name: string; groups: string[]; subnets: string[]; internal: boolean }[];
  functions: { name: string; groups: string[]; subnets: string[] }[];
  /** ElastiCache (replication groups, serverless caches): their groups, port, id and inputs. */
  caches: { name: string; groups: string[]; port: number; id: string; inputs: Json }[];
  /** ElastiCache RBAC users by user id, and user groups by group id (their user ids). */
  cacheUsers: Map<string, { userName: string; authentication: string; accessString: string; name: string }>;
  cacheUserGroups: Map<string, string[]>;
  roles: Map<string, Role>;
  serviceAccounts: Map<string, Record<string, string>>;
  /** Database users the bootstrap step creates, with whether they log in with IAM tokens (rds_iam). */
  databaseUsers: Map<string, { iam: boolean; invocation: string }>;
  cluster?: { endpointPublicAccess: boolean; publicAccessCidrs: string[] };
}

const list = <T = string>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : v === undefined || v === null ? [] : [v as T]);
const parse = (v: unknown): Json => (typeof v === "string" ? (JSON.parse(v) as Json) : ((v as Json) ?? {}));
const num = (v: unknown, d: number) => (typeof v === "number" ? v : typeof v === "string" && v !== "" ? Number(v) : d);

function rule(source: string, r: Json, self: string | undefined, kind: "inline" | "v2" | "classic"): SgRule {
  const protocol = String(kind === "v2" ? r.ipProtocol : r.protocol).toLowerCase();
  const all = protocol === "-1" || protocol === "all";
  return {
    source,
    protocol: all ? "-1" : protocol,
    from: all ? 0 : num(r.fromPort, 0),
    to: all ? 65535 : num(r.toPort, 65535),
    cidrs: kind === "v2" ? list(r.cidrIpv4) : list(r.cidrBlocks),
    groups: [
      ...(kind === "v2" ? list(r.referencedSecurityGroupId) : []),
      ...(kind === "inline" ? list(r.securityGroups) : []),
      ...(kind === "classic" ? list(r.sourceSecurityGroupId) : []),
      ...(r.self && self ? [self] : []),
    ],
  };
}

/**
 * The ALBs the AWS Load Balancer Controller builds from Ingresses: one per IngressGroup (or per
 * ungrouped Ingress), with the groups and subnets its annotations name.
 */
function ingressLoadBalancers(ingresses: RegisteredResource[]): Model["loadBalancers"] {
  const csv = (v: unknown) => (typeof v === "string" && v !== "" ? v.split(",").map((x) => x.trim()) : []);
  const byGroup = new Map<string, Model["loadBalancers"][number]>();
  for (const i of ingresses) {
    const meta = (i.inputs.metadata ?? {}) as Json;
    const a = (meta.annotations ?? {}) as Record<string, unknown>;
    const key = String(a["alb.ingress.kubernetes.io/group.name"] ?? `${String(meta.namespace)}/${String(meta.name)}`);
    if (!byGroup.has(key))
      byGroup.set(key, {
        name: String(a["alb.ingress.kubernetes.io/load-balancer-name"] ?? key),
        groups: csv(a["alb.ingress.kubernetes.io/security-groups"]),
        subnets: csv(a["alb.ingress.kubernetes.io/subnets"]),
        internal: a["alb.ingress.kubernetes.io/scheme"] !== "internet-facing",
      });
  }
  return [...byGroup.values()];
}

export function buildModel(resources: RegisteredResource[]): Model {
  const of = (type: string) => resources.filter((r) => r.type === type);
  const vpcRes = of("awsx:ec2:Vpc")[0];
  const cidrs: Record<Tier, string[]> = { public: [], private: [], isolated: [] };
  const tierOf = new Map<string, Tier>();
  let nat = false;
  let internetGateway = false;
  if (vpcRes) {
    for (const spec of list<Json>(vpcRes.inputs.subnetSpecs)) {
      const tier = String(spec.type).toLowerCase() as Tier;
      cidrs[tier] = list(spec.cidrBlocks);
    }
    for (const tier of ["public", "private", "isolated"] as const)
      for (const id of list(vpcRes.attributes?.[`${tier}SubnetIds`])) tierOf.set(id, tier);
    const strategy = (vpcRes.inputs.natGateways as Json | undefined)?.strategy ?? "OnePerAz";
    // awsx creates an internet gateway with public subnets, and NAT gateways unless the strategy is None.
    internetGateway = cidrs.public.length > 0;
    nat = internetGateway && strategy !== "None" && cidrs.private.length > 0;
  }

  const groups = new Map<string, SecurityGroup>();
  for (const g of of("aws:ec2/securityGroup:SecurityGroup")) {
    const id = g.id ?? `${g.name}-id`;
    groups.set(id, {
      id,
      name: g.name,
      ingress: list<Json>(g.inputs.ingress).map((r) => rule(g.name, r, id, "inline")),
      egress: list<Json>(g.inputs.egress).map((r) => rule(g.name, r, id, "inline")),
    });
  }
  const groupOf = (id: string) => {
    if (!groups.has(id)) groups.set(id, { id, name: id, ingress: [], egress: [] });
    return groups.get(id)!;
  };
  for (const r of of("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"))
    groupOf(String(r.inputs.securityGroupId)).ingress.push(rule(r.name, r.inputs, undefined, "v2"));
  for (const r of of("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"))
    groupOf(String(r.inputs.securityGroupId)).egress.push(rule(r.name, r.inputs, undefined, "v2"));
  for (const r of of("aws:ec2/securityGroupRule:SecurityGroupRule")) {
    const g = groupOf(String(r.inputs.securityGroupId));
    (r.inputs.type === "egress" ? g.egress : g.ingress).push(rule(r.name, r.inputs, g.id, "classic"));
  }

  const namespaces = new Map<string, Record<string, string>>();
  for (const n of of("kubernetes:core/v1:Namespace")) {
    const meta = n.inputs.metadata as Json;
    const name = String(meta.name);
    // Kubernetes labels every namespace with its own name.
    namespaces.set(name, { ...((meta.labels as Record<string, string>) ?? {}), "kubernetes.io/metadata.name": name });
  }
  for (const builtin of ["kube-system", "default"])
    if (!namespaces.has(builtin)) namespaces.set(builtin, { "kubernetes.io/metadata.name": builtin });

  const roles = new Map<string, Role>();
  const roleByName = new Map<string, Role>();
  for (const r of of("aws:iam/role:Role")) {
    const name = String(r.inputs.name ?? r.name);
    const role: Role = { name, arn: String(r.attributes?.arn ?? ""), trust: parse(r.inputs.assumeRolePolicy), policies: [] };
    roles.set(role.arn, role);
    roleByName.set(name, role);
  }
  for (const p of of("aws:iam/rolePolicy:RolePolicy")) {
    const role = roleByName.get(String(p.inputs.role));
    if (role) role.policies.push({ name: p.name, document: parse(p.inputs.policy) });
  }

  const serviceAccounts = new Map<string, Record<string, string>>();
  for (const s of of("kubernetes:core/v1:ServiceAccount")) {
    const meta = s.inputs.metadata as Json;
    serviceAccounts.set(`${meta.namespace}/${meta.name}`, (meta.annotations as Record<string, string>) ?? {});
  }

  const databaseUsers = new Map<string, { iam: boolean; invocation: string }>();
  for (const inv of of("aws:lambda/invocation:Invocation")) {
    const input = parse(inv.inputs.input);
    for (const u of list<Json>(input.users)) databaseUsers.set(String(u.name), { iam: u.iam === true, invocation: inv.name });
  }

  const eks = of("eks:index:Cluster")[0];
  return {
    vpc: { cidrs, tierOf, nat, internetGateway },
    namespaces,
    policies: of("kubernetes:networking.k8s.io/v1:NetworkPolicy").map((p) => ({
      name: String((p.inputs.metadata as Json).name),
      namespace: String((p.inputs.metadata as Json).namespace),
      spec: (p.inputs.spec as Json) ?? {},
    })),
    groups,
    nodeGroups: [...new Set(of("aws:ec2/launchTemplate:LaunchTemplate").flatMap((t) => list(t.inputs.vpcSecurityGroupIds)))],
    endpoints: of("aws:ec2/vpcEndpoint:VpcEndpoint").map((e) => ({
      service: String(e.inputs.serviceName).split(".").slice(3).join("."),
      type: String(e.inputs.vpcEndpointType ?? "Gateway"),
      groups: list(e.inputs.securityGroupIds),
      privateDns: e.inputs.privateDnsEnabled === true,
      subnets: list(e.inputs.subnetIds),
    })),
    proxies: of("aws:rds/proxy:Proxy").map((p) => ({
      name: String(p.inputs.name ?? p.name),
      groups: list(p.inputs.vpcSecurityGroupIds),
      subnets: list(p.inputs.vpcSubnetIds),
      inputs: p.inputs,
      arn: String(p.attributes?.arn ?? ""),
      roleArn: String(p.inputs.roleArn ?? ""),
    })),
    instances: of("aws:rds/instance:Instance").map((i) => ({
      name: i.name,
      groups: list(i.inputs.vpcSecurityGroupIds),
      inputs: i.inputs,
      arn: String(i.attributes?.arn ?? ""),
      resourceId: String(i.attributes?.resourceId ?? ""),
    })),
    proxyTargets: of("aws:rds/proxyTarget:ProxyTarget").map((t) => ({
      proxyName: String(t.inputs.dbProxyName),
      instance: String(t.inputs.dbInstanceIdentifier),
    })),
    loadBalancers: [
      ...of("aws:lb/loadBalancer:LoadBalancer").map((l) => ({
        name: l.name,
        groups: list(l.inputs.securityGroups),
        subnets: list(l.inputs.subnets),
        internal: l.inputs.internal === true,
      })),
      ...ingressLoadBalancers(of("kubernetes:networking.k8s.io/v1:Ingress")),
    ],
    functions: of("aws:lambda/function:Function").map((f) => ({
      name: String(f.inputs.name ?? f.name),
      groups: list((f.inputs.vpcConfig as Json | undefined)?.securityGroupIds),
      subnets: list((f.inputs.vpcConfig as Json | undefined)?.subnetIds),
    })),
    caches: [
      ...of("aws:elasticache/replicationGroup:ReplicationGroup"),
      ...of("aws:elasticache/serverlessCache:ServerlessCache"),
    ].map((c) => ({
      name: c.name,
      groups: list(c.inputs.securityGroupIds),
      port: num(c.inputs.port, 6379),
      id: String(c.inputs.replicationGroupId ?? c.inputs.name ?? c.name),
      inputs: c.inputs,
    })),
    cacheUsers: new Map(
      of("aws:elasticache/user:User").map((u) => [
        String(u.inputs.userId),
        {
          userName: String(u.inputs.userName),
          authentication: String(
            (u.inputs.authenticationMode as Json | undefined)?.type ??
              (u.inputs.noPasswordRequired ? "no-password-required" : "password"),
          ),
          accessString: String(u.inputs.accessString ?? ""),
          name: u.name,
        },
      ]),
    ),
    cacheUserGroups: new Map(
      of("aws:elasticache/userGroup:UserGroup").map((g) => [String(g.inputs.userGroupId), list(g.inputs.userIds)]),
    ),
    roles,
    serviceAccounts,
    databaseUsers,
    cluster: eks && {
      endpointPublicAccess: eks.inputs.endpointPublicAccess === true,
      publicAccessCidrs: list(eks.inputs.publicAccessCidrs),
    },
  };
}
