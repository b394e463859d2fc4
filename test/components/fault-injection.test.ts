import { strict as assert } from "node:assert";
import { ofType, RegisteredResource, runStack, StackRun } from "../../tools/harness";
import { stackRun, stackRunWith } from "../support/stacks";

type Inputs = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const inputs = (r: RegisteredResource) => r.inputs as Inputs;
const TEMPLATE = "aws:fis/experimentTemplate:ExperimentTemplate";
const EXPERIMENTS = ["database-failover", "node-termination", "pod-deletion", "zone-disruption"];

function named(run: StackRun, type: string, name: string): RegisteredResource {
  const found = run.resources.filter((r) => r.type === type && r.name === name);
  assert.equal(found.length, 1, `${type} "${name}": ${found.length} registered`);
  return found[0];
}

/** Statements as a list whatever their JSON shape (Action and Resource may be a string or a list). */
function statements(policyJson: string): { sid: string; actions: string[]; resources: string[]; condition?: Inputs }[] {
  const list = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]) as string[];
  return (JSON.parse(policyJson).Statement as Inputs[]).map((s) => {
    assert.equal(s.Effect, "Allow");
    assert.equal(s.NotAction, undefined);
    assert.equal(s.NotResource, undefined);
    return { sid: s.Sid, actions: list(s.Action), resources: list(s.Resource), condition: s.Condition };
  });
}

/** Read-only by its name (Describe*, Get*, List*): what may be granted on every resource. */
const isRead = (action: string) => /^[a-z0-9-]+:(Describe|Get|List)/.test(action);
/** Log delivery (FIS user guide, "Log experiments"): these take no resource ARN. */
const LOG_DELIVERY = ["logs:CreateLogDelivery", "logs:PutResourcePolicy"];

/**
 * Every mutating action a policy grants, with what limits it: the resources and the condition.
 * Read-only actions and log delivery are left out; anything else on "*" is an error.
 */
export function mutatingGrants(policyJson: string) {
  const grants: { action: string; resources: string[]; condition?: Inputs }[] = [];
  for (const s of statements(policyJson)) {
    for (const action of s.actions.filter((a) => !isRead(a) && !LOG_DELIVERY.includes(a))) {
      assert.ok(!action.includes("*"), `${s.sid}: wildcard action ${action}`);
      assert.ok(!s.resources.includes("*"), `${s.sid}: ${action} on every resource`);
      grants.push({ action, resources: s.resources, condition: s.condition });
    }
  }
  return grants;
}

describe("fault injection: the scope check fails on a planted grant", () => {
  const doc = (s: Inputs) => JSON.stringify({ Version: "2012-10-17", Statement: [s] });
  it("rejects a mutating action on every resource and a wildcard action; passes reads and log delivery", () => {
    assert.throws(
      () => mutatingGrants(doc({ Effect: "Allow", Action: "ec2:TerminateInstances", Resource: "*" })),
      /on every resource/,
    );
    assert.throws(
      () => mutatingGrants(doc({ Effect: "Allow", Action: "ec2:*", Resource: "arn:aws:ec2:::instance/i-1" })),
      /wildcard/,
    );
    assert.deepEqual(
      mutatingGrants(doc({ Effect: "Allow", Action: ["ec2:DescribeInstances", ...LOG_DELIVERY], Resource: "*" })),
      [],
    );
  });
});

describe("fault injection (staging: enabled)", () => {
  let run: StackRun;
  let templates: Record<string, Inputs>;
  before(async () => {
    run = await stackRun("staging");
    templates = Object.fromEntries(ofType(run, TEMPLATE).map((t) => [t.name, inputs(t)]));
  });

  it("has the four experiment templates, exposed as stack outputs", () => {
    assert.deepEqual(Object.keys(templates).sort(), EXPERIMENTS);
    assert.deepEqual(Object.keys(run.outputs.faultInjectionTemplateIds as object).sort(), EXPERIMENTS);
  });

  it("stops every experiment on one composite alarm over all critical alarms of the database and observability", () => {
    const stop = inputs(named(run, "aws:cloudwatch/compositeAlarm:CompositeAlarm", "fis-stop"));
    assert.equal(stop.alarmName, "b2b-commerce-staging-fis-stop");
    // The composite's ARN (the mock names it by its logical name): one and the same stop condition everywhere.
    const stopArn = "arn:aws:cloudwatch:eu-central-1:111122223333:fis-stop";
    for (const [k, t] of Object.entries(templates))
      assert.deepEqual(t.stopConditions, [{ source: "aws:cloudwatch:alarm", value: stopArn }], k);
    // The critical alarms of the primary database and of observability (ALB 5xx, the health canary).
    const owner = (r: RegisteredResource) => run.resources.find((p) => p.urn === r.parent)?.type;
    const critical = ofType(run, "aws:cloudwatch/metricAlarm:MetricAlarm").filter(
      (a) =>
        inputs(a).tags.Severity === "critical" &&
        ((owner(a) === "b2b:database:Database" && a.name.startsWith("primary-")) ||
          owner(a) === "b2b:observability:Observability"),
    );
    assert.ok(critical.length >= 5, critical.map((a) => a.name).join(", "));
    const members = [...(stop.alarmRule as string).matchAll(/ALARM\("([^"]+)"\)/g)].map((m) => m[1]);
    assert.deepEqual(
      members.sort(),
      critical.map((a) => `arn:aws:cloudwatch:eu-central-1:111122223333:${inputs(a).name}`).sort(),
    );
    assert.match(stop.alarmRule, /^ALARM\(".+"\)( OR ALARM\(".+"\))*$/);
    assert.equal(stop.actionsEnabled, false);
  });

  it("logs every experiment to one encrypted log group with the stack's log retention", () => {
    const group = inputs(named(run, "aws:cloudwatch/logGroup:LogGroup", "fis-logs"));
    assert.equal(group.name, "/aws/fis/b2b-commerce-staging");
    assert.equal(group.retentionInDays, 30);
    assert.match(group.kmsKeyId, /fis-logs-key/);
    for (const t of Object.values(templates)) {
      assert.equal(t.logConfiguration.logSchemaVersion, 2);
      assert.equal(
        t.logConfiguration.cloudwatchLogsConfiguration.logGroupArn,
        `arn:aws:logs:eu-central-1:111122223333:log-group:${group.name}:*`,
      );
      assert.equal(t.experimentOptions.emptyTargetResolutionMode, "fail");
    }
  });

  it("gives each template its own role, assumable by FIS of this account only", () => {
    const roles = new Set(Object.values(templates).map((t) => t.roleArn));
    assert.equal(roles.size, 4);
    for (const key of EXPERIMENTS) {
      assert.equal(templates[key].roleArn, `arn:aws:iam::111122223333:role/b2b-commerce-staging-fis-${key}`);
      const trust = JSON.parse(inputs(named(run, "aws:iam/role:Role", `${key}-role`)).assumeRolePolicy);
      assert.deepEqual(trust.Statement[0].Principal, { Service: "fis.amazonaws.com" });
      assert.deepEqual(trust.Statement[0].Condition, {
        StringEquals: { "aws:SourceAccount": "111122223333" },
        ArnLike: { "aws:SourceArn": "arn:*:fis:eu-central-1:111122223333:experiment/*" },
      });
    }
  });

  const grantsOf = (key: string) => mutatingGrants(inputs(named(run, "aws:iam/rolePolicy:RolePolicy", `${key}-policy`)).policy);

  it("node termination: terminates a share of the running apps nodes, and may terminate nothing else", () => {
    const t = templates["node-termination"];
    assert.deepEqual(t.actions, [
      {
        name: "terminate-apps-nodes",
        actionId: "aws:ec2:terminate-instances",
        target: { key: "Instances", value: "apps-nodes" },
      },
    ]);
    const [target] = t.targets;
    assert.equal(target.resourceType, "aws:ec2:instance");
    assert.equal(target.selectionMode, "PERCENT(33)");
    // The Name tag the apps group's launch template puts on its instances (not the system group's).
    const lt = inputs(named(run, "aws:ec2/launchTemplate:LaunchTemplate", "apps-lt"));
    const nameTag = lt.tagSpecifications.find((s: Inputs) => s.resourceType === "instance").tags.Name;
    assert.deepEqual(target.resourceTags, [{ key: "Name", value: nameTag }]);
    assert.deepEqual(target.filters, [{ path: "State.Name", values: ["running"] }]);
    assert.deepEqual(grantsOf("node-termination"), [
      {
        action: "ec2:TerminateInstances",
        resources: ["arn:aws:ec2:eu-central-1:111122223333:instance/*"],
        condition: { StringEquals: { "aws:ResourceTag/Name": nameTag } },
      },
    ]);
  });

  it("database failover: reboots the Multi-AZ primary with failover, and may reboot nothing else", () => {
    const t = templates["database-failover"];
    const primary = "arn:aws:rds:eu-central-1:111122223333:db:b2b-commerce-staging-postgres";
    assert.deepEqual(t.targets, [{ name: "primary", resourceType: "aws:rds:db", selectionMode: "ALL", resourceArns: [primary] }]);
    assert.equal(t.actions[0].actionId, "aws:rds:reboot-db-instances");
    assert.deepEqual(t.actions[0].parameters, [{ key: "forceFailover", value: "true" }]);
    assert.deepEqual(grantsOf("database-failover"), [
      { action: "rds:RebootDBInstance", resources: [primary], condition: undefined },
    ]);
  });

  it("zone disruption: cuts the first zone's app subnet off for the configured minutes; ACL changes only on FIS-tagged ACLs of this VPC", () => {
    const t = templates["zone-disruption"];
    const subnet = "arn:aws:ec2:eu-central-1:111122223333:subnet/subnet-vpc-private-0";
    assert.deepEqual(t.targets, [
      { name: "zone-app-subnets", resourceType: "aws:ec2:subnet", selectionMode: "ALL", resourceArns: [subnet] },
    ]);
    assert.equal(t.actions[0].actionId, "aws:network:disrupt-connectivity");
    assert.deepEqual(t.actions[0].parameters, [
      { key: "duration", value: "PT5M" },
      { key: "scope", value: "all" },
    ]);
    const vpc = "arn:aws:ec2:eu-central-1:111122223333:vpc/vpc-vpc";
    const acls = "arn:aws:ec2:eu-central-1:111122223333:network-acl/*";
    const grants = grantsOf("zone-disruption");
    assert.deepEqual(grants.map((g) => g.action).sort(), [
      "ec2:CreateNetworkAcl",
      "ec2:CreateNetworkAcl",
      "ec2:CreateNetworkAclEntry",
      "ec2:CreateTags",
      "ec2:DeleteNetworkAcl",
      "ec2:ReplaceNetworkAclAssociation",
    ]);
    for (const g of grants) {
      if (g.resources.includes(acls)) assert.ok(g.condition, `${g.action} on ACLs is conditioned`);
      if (["ec2:CreateNetworkAclEntry", "ec2:DeleteNetworkAcl"].includes(g.action))
        assert.deepEqual(g.condition, { StringEquals: { "aws:ResourceTag/managedByFIS": "true", "ec2:Vpc": vpc } });
    }
    assert.deepEqual(grants.find((g) => g.action === "ec2:ReplaceNetworkAclAssociation")!.resources, [subnet, acls]);
    assert.ok(grants.some((g) => g.action === "ec2:CreateNetworkAcl" && g.resources.length === 1 && g.resources[0] === vpc));
  });

  it("pod deletion: deletes half of the api pods through a namespaced Role; its AWS role only reads the cluster", () => {
    const t = templates["pod-deletion"];
    const [target] = t.targets;
    assert.equal(target.resourceType, "aws:eks:pod");
    assert.equal(target.selectionMode, "PERCENT(50)");
    assert.deepEqual(target.parameters, {
      clusterIdentifier: "b2b-commerce-staging-eks",
      namespace: "api",
      selectorType: "labelSelector",
      selectorValue: "app.kubernetes.io/name=api",
    });
    const params = Object.fromEntries(t.actions[0].parameters.map((p: Inputs) => [p.key, p.value]));
    assert.equal(t.actions[0].actionId, "aws:eks:pod-delete");
    assert.equal(params.kubernetesServiceAccount, "fis-experiments");
    assert.equal(params.fisPodSecurityPolicy, "restricted");
    assert.deepEqual(grantsOf("pod-deletion"), []);
    const read = JSON.parse(inputs(named(run, "aws:iam/rolePolicy:RolePolicy", "pod-deletion-policy")).policy).Statement[0];
    assert.deepEqual(read, {
      Sid: "ReadTheCluster",
      Effect: "Allow",
      Action: "eks:DescribeCluster",
      Resource: "arn:aws:eks:eu-central-1:111122223333:cluster/b2b-commerce-staging-eks",
    });

    // In the cluster: a username, no access policy, one Role in the target namespace.
    const entry = inputs(named(run, "aws:eks/accessEntry:AccessEntry", "pod-deletion-access"));
    assert.equal(entry.principalArn, templates["pod-deletion"].roleArn);
    assert.equal(entry.userName, "fis-experiment");
    assert.equal(
      ofType(run, "aws:eks/accessPolicyAssociation:AccessPolicyAssociation").filter(
        (a) => inputs(a).principalArn === entry.principalArn,
      ).length,
      0,
    );
    const role = inputs(named(run, "kubernetes:rbac.authorization.k8s.io/v1:Role", "fis-role"));
    assert.equal(role.metadata.namespace, "api");
    const resources = role.rules.flatMap((r: Inputs) => r.resources);
    assert.deepEqual(resources.sort(), ["configmaps", "deployments", "pods"]);
    for (const r of role.rules) assert.ok(!r.verbs.includes("*") && !r.resources.includes("*"));
    const binding = inputs(named(run, "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", "fis-role-binding"));
    assert.deepEqual(binding.subjects.map((s: Inputs) => `${s.kind}/${s.name}`).sort(), [
      "ServiceAccount/fis-experiments",
      "User/fis-experiment",
    ]);
    // The namespace denies egress by default: the FIS pod (by the labels FIS gives it) reaches the API and DNS only.
    const egress = inputs(named(run, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "fis-pod-egress"));
    assert.deepEqual(egress.spec.podSelector.matchLabels, JSON.parse(params.fisPodLabels));
    assert.deepEqual(egress.spec.egress[0].ports, [{ protocol: "TCP", port: 443 }]);
    // The API endpoint's ENIs live in the cluster's (private) subnets.
    const vpc = inputs(ofType(run, "awsx:ec2:Vpc")[0]);
    const privateCidrs = vpc.subnetSpecs.find((s: Inputs) => s.type === "Private").cidrBlocks;
    assert.equal(privateCidrs.length, 3);
    assert.deepEqual(
      egress.spec.egress[0].to.map((p: Inputs) => p.ipBlock.cidr),
      privateCidrs,
    );
    assert.deepEqual(
      egress.spec.egress[1].ports.map((p: Inputs) => p.port),
      [53, 53],
    );
  });
});

describe("fault injection: off by default, prod only with the explicit switch", () => {
  it("creates nothing in dev and prod with their committed config", async () => {
    for (const stack of ["dev", "prod"] as const) {
      const run = await stackRun(stack);
      assert.equal(ofType(run, TEMPLATE).length, 0, stack);
      assert.equal(run.resources.filter((r) => r.type === "b2b:fault-injection:FaultInjection").length, 0, stack);
    }
  });

  it("refuses enabled in prod without allowInProd, naming the key; creates the templates with it", async () => {
    await assert.rejects(
      runStack("prod", { config: { faultInjection: JSON.stringify({ enabled: true }) } }),
      /"b2b-commerce:faultInjection.enabled" is true; allowed: false in prod unless faultInjection.allowInProd is true/,
    );
    const run = await runStack("prod", { config: { faultInjection: JSON.stringify({ enabled: true, allowInProd: true }) } });
    assert.deepEqual(
      ofType(run, TEMPLATE)
        .map((t) => t.name)
        .sort(),
      EXPERIMENTS,
    );
  });

  const devEnabled = stackRunWith("dev", { config: { faultInjection: JSON.stringify({ enabled: true }) } });
  it("has no database experiment where the primary is single-AZ (dev), since a failover needs a standby", async () => {
    const run = await devEnabled;
    assert.deepEqual(
      ofType(run, TEMPLATE)
        .map((t) => t.name)
        .sort(),
      ["node-termination", "pod-deletion", "zone-disruption"],
    );
  });
});
