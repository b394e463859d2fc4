import { strict as assert } from "node:assert";
import { loadConfig } from "../../infra/config";
import { profiles } from "../../stacks";
import { projectName, readStackConfig, RegisteredResource, scopeTo, StackRun } from "../../tools/harness";
import { STACKS, stackRun } from "../support/stacks";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const parse = (v: unknown): Json => (typeof v === "string" ? JSON.parse(v) : (v as Json));
const of = (run: StackRun, type: string) => run.resources.filter((r) => r.type === type);
const policiesIn = (run: StackRun, ns: string) =>
  Object.fromEntries(
    of(run, "kubernetes:networking.k8s.io/v1:NetworkPolicy")
      .filter((p) => (p.inputs.metadata as Json).namespace === ns)
      .map((p) => [(p.inputs.metadata as Json).name as string, p.inputs.spec as Json]),
  );

for (const stack of STACKS) {
  describe(`flows component (${stack})`, () => {
    let run: StackRun;
    let full: StackRun;
    const config = loadConfig(projectName(), stack, readStackConfig(stack));
    const endpoints = config.network.interfaceEndpoints;
    before(async () => {
      full = await stackRun(stack);
      run = scopeTo(full, "b2b:flows:Flows");
    });

    it("creates one NetworkPolicy per flow of the table, and for a workload-to-workload flow the callee's ingress", () => {
      for (const [workload, flows] of Object.entries(profiles[stack].flows.table)) {
        const names = Object.keys(policiesIn(run, workload)).sort();
        const callers = Object.entries(profiles[stack].flows.table)
          .filter(([, f]) => f.egress.some((e) => e.kind === "workload" && e.workload === workload))
          .map(([w]) => `allow-from-${w}`);
        const expected = [
          ...flows.egress.map((f) =>
            f.kind === "workload"
              ? `allow-to-${f.workload}`
              : f.kind === "aws"
                ? `allow-aws-${f.service}`
                : f.kind === "external"
                  ? `allow-external-${f.destination}`
                  : `allow-${f.kind}`,
          ),
          ...flows.ingress.map((f) => (f.kind === "load-balancer" ? "allow-load-balancer" : "allow-prometheus")),
          ...callers,
        ].sort();
        assert.deepEqual(names, expected, workload);
      }
    });

    it("admits the ALB only from the public subnets (pod addresses are private) on the service port", () => {
      const lb = policiesIn(run, "api")["allow-load-balancer"].ingress[0];
      assert.deepEqual(
        lb.from.map((f: Json) => f.ipBlock.cidr),
        config.network.subnetCidrs.public,
      );
      assert.deepEqual(lb.ports, [{ protocol: "TCP", port: 8080 }]);
    });

    it(`sends AWS API traffic ${endpoints ? "to the interface endpoints in the private subnets" : "through the NAT (public addresses only)"}`, () => {
      const sts = policiesIn(run, "api")["allow-aws-sts"].egress[0];
      if (endpoints)
        assert.deepEqual(
          sts.to.map((t: Json) => t.ipBlock.cidr),
          config.network.subnetCidrs.private,
        );
      else {
        assert.deepEqual(
          sts.to.map((t: Json) => t.ipBlock.cidr),
          ["0.0.0.0/0"],
        );
        assert.ok(sts.to[0].ipBlock.except.includes("10.0.0.0/8"));
      }
      assert.deepEqual(sts.ports, [{ protocol: "TCP", port: 443 }]);
    });

    it("reaches the named external destinations at their configured ranges and port only", () => {
      const pay = policiesIn(run, "api")["allow-external-payments"].egress[0];
      assert.deepEqual(pay.to, [{ ipBlock: { cidr: "203.0.113.0/25" } }]);
      assert.deepEqual(pay.ports, [{ protocol: "TCP", port: 443 }]);
    });

    it("gives one IRSA role to each workload with AWS needs (the storefront's: the cache), bound to its own service account", () => {
      const roles = of(run, "aws:iam/role:Role");
      assert.deepEqual(roles.map((r) => r.name).sort(), [
        "workload-api-role",
        "workload-storefront-role",
        "workload-workers-role",
      ]);
      for (const w of ["api", "storefront", "workers"]) {
        const trust = parse(roles.find((r) => r.name === `workload-${w}-role`)!.inputs.assumeRolePolicy);
        const cond = trust.Statement[0].Condition.StringEquals;
        assert.ok(Object.values(cond).includes(`system:serviceaccount:${w}:${w}`), JSON.stringify(cond));
      }
      const sas = of(run, "kubernetes:core/v1:ServiceAccount");
      assert.equal(sas.length, 3);
      for (const s of sas) {
        const name = (s.inputs.metadata as Json).name;
        assert.deepEqual((s.inputs.metadata as Json).annotations, {
          "eks.amazonaws.com/role-arn": `arn:aws:iam::111122223333:role/${roles.find((r) => r.name === `workload-${name}-role`)!.inputs.name}`,
        });
        assert.equal(s.inputs.automountServiceAccountToken, false);
      }
    });

    it("limits each role to its own database user and its own secrets, with no wildcard resource", () => {
      const policy = (w: string) =>
        parse(of(run, "aws:iam/rolePolicy:RolePolicy").find((p) => p.name === `workload-${w}-policy`)!.inputs.policy);
      for (const w of ["api", "workers"]) {
        const statements = policy(w).Statement as Json[];
        const connect = statements.find((s) => s.Action === "rds-db:connect")!;
        assert.ok(connect.Resource.length >= 1);
        for (const arn of connect.Resource)
          assert.match(arn, new RegExp(`^arn:aws:rds-db:eu-central-1:111122223333:dbuser:(prx|db)-[^/]+/${w}$`));
        const secrets = statements.find((s) => String(s.Action).includes("secretsmanager"))!;
        assert.deepEqual(secrets.Resource, [
          `arn:aws:secretsmanager:eu-central-1:111122223333:secret:b2b-commerce/${stack}/${w}/*`,
        ]);
        for (const s of statements) assert.ok(![s.Resource].flat().includes("*"), JSON.stringify(s));
      }
    });

    it(`admits the workloads at the ${config.database.proxy ? "proxy's" : "database's"} group${endpoints ? " and the endpoints' group" : ""}, by group reference`, () => {
      const rules = of(run, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
      const byName = (n: string): RegisteredResource | undefined => rules.find((r) => r.name === n);
      const db = byName("database-from-workloads")!;
      assert.equal(db.inputs.securityGroupId, config.database.proxy ? "proxy-sg-id" : "db-sg-id");
      assert.equal(db.inputs.referencedSecurityGroupId, "node-sg-id");
      assert.deepEqual([db.inputs.fromPort, db.inputs.toPort], [5432, 5432]);
      assert.equal(Boolean(byName("endpoints-from-nodes")), endpoints);
      for (const r of rules) assert.equal(r.inputs.cidrIpv4, undefined, r.name);
    });
  });
}
