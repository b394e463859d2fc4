import { strict as assert } from "node:assert";
import { loadConfig } from "../../infra/config";
import { checkFlows, FlowRow, LAYERS } from "../../tools/flow-check";
import { RegisteredResource, stackConfig, StackRun } from "../../tools/harness";
import { STACKS, stackRun } from "../support/stacks";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The check over a run whose resources `mutate` changed (a deep copy: the shared run stays intact). */
function check(run: StackRun, mutate: (resources: RegisteredResource[]) => RegisteredResource[] = (r) => r): FlowRow[] {
  const config = loadConfig(run.project, run.stack, stackConfig(run.stack).config);
  const resources = mutate(structuredClone(run.resources));
  return checkFlows({ resources, flows: config.flows, project: run.project, stack: run.stack, region: config.region });
}
const rowOf = (rows: FlowRow[], flow: string) => {
  const r = rows.find((x) => x.flow === flow);
  assert.ok(r, `no row ${flow}: ${rows.map((x) => x.flow).join(" | ")}`);
  return r;
};
const named = (rs: RegisteredResource[], type: string, name: string) => rs.find((r) => r.type === type && r.name === name)!;

/** The one layer that closes the flow after the mutation, and nothing else. */
function closedOnlyBy(rows: FlowRow[], flow: string, layer: string, detail: RegExp) {
  const r = rowOf(rows, flow);
  assert.equal(r.open, false, `${flow} is still open`);
  assert.equal(r.ok, false, "a declared flow that is closed fails the check");
  assert.deepEqual(
    r.layers.filter((l) => l.state === "closed").map((l) => l.layer),
    [layer],
    JSON.stringify(r.layers),
  );
  assert.match(r.closedBy!.detail, detail);
}

for (const stack of STACKS) {
  describe(`flow check (${stack})`, () => {
    let run: StackRun;
    let rows: FlowRow[];
    const proxy = stack !== "dev";
    before(async () => {
      run = await stackRun(stack);
      rows = check(run);
    });

    it("opens every declared flow at every layer and keeps every forbidden flow closed", () => {
      const failing = rows
        .filter((r) => !r.ok)
        .map((r) => `${r.flow}: ${r.closedBy?.layer ?? "open"} ${r.closedBy?.detail ?? ""}`);
      assert.deepEqual(failing, []);
      assert.ok(rows.filter((r) => r.kind === "declared").length >= 19);
      assert.ok(rows.filter((r) => r.kind === "forbidden").length >= 15);
      for (const r of rows)
        assert.deepEqual(
          r.layers.map((l) => l.layer),
          [...LAYERS],
          r.flow,
        );
    });

    it("names the closing layer of each forbidden flow", () => {
      assert.equal(rowOf(rows, "storefront -> workers:8080 (undeclared)").closedBy!.layer, "networkpolicy");
      assert.equal(rowOf(rows, "api -> internet 192.0.2.10:80 (undeclared)").closedBy!.layer, "networkpolicy");
      assert.equal(
        rowOf(rows, `api -> database via proxy (as workers)`.replace(" via proxy", proxy ? " via proxy" : "")).closedBy!.layer,
        "iam",
      );
      assert.equal(
        rowOf(rows, "api -> secretsmanager (secretsmanager:GetSecretValue on storefront's resource)").closedBy!.layer,
        "iam",
      );
      assert.equal(rowOf(rows, "internet -> database primary:5432").closedBy!.layer, "security-group");
      if (proxy) {
        // Past the proxy: the database admits only the proxy and the platform's functions.
        assert.equal(rowOf(rows, "api -> database instance directly (as api)").closedBy!.layer, "security-group");
        assert.equal(rowOf(rows, "admin internet -> Kubernetes API (public endpoint)").closedBy!.layer, "route");
      } else {
        assert.equal(rowOf(rows, "admin 203.0.113.0/24 -> Kubernetes API (public endpoint)").open, true, "dev's admin path");
      }
      if (stack !== "dev")
        assert.equal(rowOf(rows, "api -> internet 192.0.2.10:443 (undeclared)").closedBy!.layer, "networkpolicy");
    });

    it("dropping the DNS policy closes DNS at the networkpolicy layer only", () => {
      const after = check(run, (rs) =>
        rs.filter(
          (r) =>
            !(
              r.type.endsWith("NetworkPolicy") &&
              (r.inputs.metadata as Json).namespace === "api" &&
              (r.inputs.metadata as Json).name === "allow-dns"
            ),
        ),
      );
      closedOnlyBy(
        after,
        "api -> kube-dns:53/udp",
        "networkpolicy",
        /none of .*api\/default-deny.* admits kube-system pod UDP\/53/,
      );
      assert.equal(rowOf(after, "storefront -> kube-dns:53/udp").open, true, "only the api namespace lost it");
    });

    it("the controller-built ALB is the one its Ingresses describe: another group on them closes the edge's flows at the security-group layer only", () => {
      for (const svc of ["storefront", "api"]) assert.equal(rowOf(rows, `load balancer -> ${svc}:8080`).open, true);
      const after = check(run, (rs) => {
        for (const r of rs.filter((x) => x.type === "kubernetes:networking.k8s.io/v1:Ingress"))
          (r.inputs.metadata as Json).annotations["alb.ingress.kubernetes.io/security-groups"] = "sg-someone-else";
        return rs;
      });
      closedOnlyBy(after, "load balancer -> storefront:8080", "security-group", /sg-someone-else/);
    });

    it("dropping the IAM action closes the secret read at the iam layer only", () => {
      const after = check(run, (rs) => {
        const p = named(rs, "aws:iam/rolePolicy:RolePolicy", "workload-api-policy");
        const doc = JSON.parse(p.inputs.policy as string);
        doc.Statement = doc.Statement.filter((s: Json) => !String(s.Action).includes("secretsmanager"));
        p.inputs.policy = JSON.stringify(doc);
        return rs;
      });
      closedOnlyBy(
        after,
        "api -> secretsmanager (secretsmanager:GetSecretValue on its own resource)",
        "iam",
        /no statement of workload-api-policy allows secretsmanager:GetSecretValue/,
      );
    });

    it("dropping the workloads' rule on the database side closes the database at the security-group layer only", () => {
      const after = check(run, (rs) => rs.filter((r) => r.name !== "database-from-workloads"));
      closedOnlyBy(
        after,
        `api -> ${proxy ? "database via proxy" : "database"} (as api)`,
        "security-group",
        new RegExp(`ingress of ${proxy ? "proxy-sg" : "db-sg"}`),
      );
    });

    it("dropping the rds_iam grant of the bootstrap step closes the database at the database-auth layer only", () => {
      const after = check(run, (rs) => {
        const inv = named(rs, "aws:lambda/invocation:Invocation", "bootstrap-users");
        const input = JSON.parse(inv.inputs.input as string);
        input.users = input.users.map((u: Json) => (u.name === "api" ? { ...u, iam: false } : u));
        inv.inputs.input = JSON.stringify(input);
        return rs;
      });
      closedOnlyBy(after, `api -> ${proxy ? "database via proxy" : "database"} (as api)`, "database-auth", /not granted rds_iam/);
    });

    if (proxy) {
      it("dropping the proxy's IAM auth closes the database at the database-auth layer only", () => {
        const after = check(run, (rs) => {
          delete named(rs, "aws:rds/proxy:Proxy", "proxy").inputs.defaultAuthScheme;
          return rs;
        });
        closedOnlyBy(
          after,
          "api -> database via proxy (as api)",
          "database-auth",
          /default auth scheme NONE and no auth entry for api/,
        );
      });

      it("dropping the proxy role's rds-db:connect closes the database at the database-auth layer only", () => {
        const after = check(run, (rs) => rs.filter((r) => r.name !== "proxy-connect"));
        closedOnlyBy(after, "api -> database via proxy (as api)", "database-auth", /the proxy's role .* no statement/);
      });

      it("dropping the endpoint group rule closes STS at the endpoint layer only", () => {
        const after = check(run, (rs) => rs.filter((r) => r.name !== "endpoints-from-nodes"));
        closedOnlyBy(after, "api -> sts", "endpoint", /ingress of endpoints-sg: no rule admits api pod tcp\/443/);
      });
    } else {
      it("without NAT gateways the external destination closes at the route layer only", () => {
        const after = check(run, (rs) => {
          (rs.find((r) => r.type === "awsx:ec2:Vpc")!.inputs.natGateways as Json).strategy = "None";
          return rs;
        });
        closedOnlyBy(after, "api -> payments (api.payments.example.com):443", "route", /no NAT gateway/);
      });
    }

    // ---- the cache, layer by layer ----
    const CACHE_ROW = "api -> cache:6379";
    const cacheUser = (rs: RegisteredResource[], w: string) => named(rs, "aws:elasticache/user:User", `cache-user-${w}`);

    it("dropping the workloads' rule on the cache side closes the cache at the security-group layer only", () => {
      const after = check(run, (rs) => rs.filter((r) => r.name !== "cache-from-workloads"));
      closedOnlyBy(after, CACHE_ROW, "security-group", /ingress of cache-sg: no rule admits api pod tcp\/6379/);
    });

    it("dropping the api's cache NetworkPolicy closes the cache at the networkpolicy layer only", () => {
      const after = check(run, (rs) => rs.filter((r) => r.name !== "api-allow-cache"));
      closedOnlyBy(after, CACHE_ROW, "networkpolicy", /admits cache cache TCP\/6379/);
      assert.equal(rowOf(after, "storefront -> cache:6379").open, true, "only the api namespace lost it");
    });

    it("dropping elasticache:Connect closes the cache at the iam layer only", () => {
      const after = check(run, (rs) => {
        const p = named(rs, "aws:iam/rolePolicy:RolePolicy", "workload-api-policy");
        const doc = JSON.parse(p.inputs.policy as string);
        doc.Statement = doc.Statement.filter((s: Json) => s.Action !== "elasticache:Connect");
        p.inputs.policy = JSON.stringify(doc);
        return rs;
      });
      closedOnlyBy(
        after,
        CACHE_ROW,
        "iam",
        /no statement of workload-api-policy allows elasticache:Connect on arn:aws:elasticache:/,
      );
    });

    for (const [what, mutate, detail] of [
      [
        "a password instead of IAM for the api's user",
        (rs: RegisteredResource[]) => (cacheUser(rs, "api").inputs.authenticationMode = { type: "password" }),
        /authenticates with password, not IAM/,
      ],
      [
        "the api's user left out of the user group",
        (rs: RegisteredResource[]) => {
          const g = named(rs, "aws:elasticache/userGroup:UserGroup", "cache-users");
          g.inputs.userIds = (g.inputs.userIds as string[]).filter((id) => !id.endsWith("-cache-api"));
        },
        /contains the user b2b-commerce-\w+-cache-api/,
      ],
      [
        "in-transit encryption off",
        (rs: RegisteredResource[]) =>
          (named(rs, "aws:elasticache/replicationGroup:ReplicationGroup", "cache").inputs.transitEncryptionEnabled = false),
        /in-transit encryption off/,
      ],
      [
        "an access string without the api's key prefix",
        (rs: RegisteredResource[]) => (cacheUser(rs, "api").inputs.accessString = "on ~catalogue:* +@read +@write"),
        /no key pattern matching api:probe/,
      ],
    ] as const) {
      it(`${what} closes the cache at the cache-auth layer only`, () => {
        const after = check(run, (rs) => {
          mutate(rs);
          return rs;
        });
        closedOnlyBy(after, CACHE_ROW, "cache-auth", detail);
      });
    }

    it("keeps the cache closed to workers, to another workload's user, to the default user and to the internet", () => {
      assert.equal(rowOf(rows, "workers -> cache:6379").closedBy!.layer, "networkpolicy");
      assert.equal(rowOf(rows, "api -> cache (as storefront):6379").closedBy!.layer, "iam");
      assert.equal(rowOf(rows, "storefront -> cache (as default user):6379").closedBy!.layer, "cache-auth");
      assert.equal(rowOf(rows, "internet -> cache cache:6379").closedBy!.layer, "security-group");
      // The check can fail: a default user switched on opens the forbidden path.
      const after = check(run, (rs) => {
        const d = named(rs, "aws:elasticache/user:User", "cache-default-user");
        d.inputs.accessString = "on ~* +@all";
        return rs;
      });
      const r = rowOf(after, "storefront -> cache (as default user):6379");
      assert.equal(r.open, true);
      assert.equal(r.ok, false);
    });

    it("a policy allowing everything would open the undeclared path, and the check says so (the check can fail)", () => {
      const after = check(run, (rs) => {
        const p = rs.find(
          (r) =>
            r.type.endsWith("NetworkPolicy") &&
            (r.inputs.metadata as Json).namespace === "storefront" &&
            (r.inputs.metadata as Json).name === "allow-to-api",
        )!;
        (p.inputs.spec as Json).egress = [{}];
        return rs;
      });
      const r = rowOf(after, "storefront -> workers:8080 (undeclared)");
      // Still closed: the receiving namespace's default deny admits nothing from the storefront.
      assert.equal(r.closedBy?.layer, "networkpolicy");
      assert.match(r.closedBy!.detail, /ingress of workers pod/);
      const internet = rowOf(after, "storefront -> internet 192.0.2.10:80 (undeclared)");
      assert.equal(internet.open, true);
      assert.equal(internet.ok, false, "a forbidden flow that is open fails the check");
    });
  });
}
