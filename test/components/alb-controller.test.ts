import { strict as assert } from "node:assert";
import { STACKS, stackRun } from "../support/stacks";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The AWS Load Balancer Controller may only be asked to do what its IAM policy allows: Shield and
 * WAF Classic (`--enable-shield`, `--enable-waf`, both on by default) are off because the policy
 * grants no `shield:` or `waf-regional:` action. WAFv2 is on (off, the controller would ignore the
 * Ingresses' `wafv2-acl-arn` and leave the public ALB without its WAF), and the policy lets it
 * attach exactly the Web ACL the Ingresses name.
 */
for (const stack of STACKS) {
  it(`${stack}: the load balancer controller's Shield and WAF Classic features are off, matching its IAM policy`, async () => {
    const run = await stackRun(stack);
    const release = run.resources.find(
      (r) => r.type === "kubernetes:helm.sh/v3:Release" && r.name === "aws-load-balancer-controller",
    );
    const values = release!.inputs.values as Json;
    assert.equal(values.enableShield, false);
    assert.equal(values.enableWaf, false);
    assert.equal(values.enableWafv2, true);
    // Whatever the controller creates carries the stack's required tags (the provider's defaultTags do not reach it).
    assert.equal(values.defaultTags.Environment, run.outputs.environment);
    const policies = run.resources.filter(
      (r) => r.type === "aws:iam/rolePolicy:RolePolicy" && String(r.name).includes("aws-load-balancer-controller"),
    );
    assert.ok(policies.length > 0, "the controller's policy");
    const actions = policies.flatMap((p) =>
      (JSON.parse(p.inputs.policy as string).Statement as Json[]).flatMap((s) => [s.Action].flat()),
    );
    assert.ok(!actions.some((a: string) => a.startsWith("shield:") || a.startsWith("waf-regional:")), actions.join(","));
    assert.ok(actions.includes("wafv2:AssociateWebACL"));
    const waf = policies
      .flatMap((p) => JSON.parse(p.inputs.policy as string).Statement as Json[])
      .filter((s) => [s.Action].flat().includes("wafv2:AssociateWebACL"));
    assert.equal(waf.length, 1);
    const aclResources = [waf[0].Resource].flat().filter((r: string) => r.includes(":wafv2:"));
    assert.deepEqual(aclResources, [
      `arn:aws:wafv2:eu-central-1:111122223333:regional/webacl/b2b-commerce-${stack}-waf-regional/*`,
    ]);
    // ... which is the ACL every edge Ingress names.
    const ingresses = run.resources.filter((r) => r.type === "kubernetes:networking.k8s.io/v1:Ingress");
    assert.ok(ingresses.length > 0);
    for (const i of ingresses) {
      const arn = (i.inputs.metadata as Json).annotations["alb.ingress.kubernetes.io/wafv2-acl-arn"] as string;
      assert.ok(arn.startsWith(aclResources[0].slice(0, -1)), `${arn} is the granted ACL`);
    }
  });
}

/**
 * Argo Rollouts moves canary weights by patching the edge's Ingresses: its chart's ClusterRole
 * grants `networking.k8s.io ingresses patch` and TargetGroupBinding reads (argo-helm
 * charts/argo-rollouts `templates/_helpers.tpl`, chart 2.41.0) unless `clusterInstall`,
 * `controller.createClusterRole` or `providerRBAC` turn it off; the load balancer controller serves
 * the class the Ingresses name only with its IngressClass (`createIngressClassResource`, `ingressClass: alb`).
 */
for (const stack of STACKS) {
  it(`${stack}: Argo Rollouts keeps the RBAC to rewrite the Ingresses' actions, and verifies the ALB's target groups`, async () => {
    const run = await stackRun(stack);
    const release = (name: string) =>
      run.resources.find((r) => r.type === "kubernetes:helm.sh/v3:Release" && r.name === name)!.inputs.values as Json;
    const argo = release("argo-rollouts");
    assert.notEqual(argo.clusterInstall, false);
    assert.notEqual(argo.controller?.createClusterRole, false);
    assert.notEqual(argo.providerRBAC?.enabled, false);
    assert.notEqual(argo.providerRBAC?.providers?.awsLoadBalancerController, false);
    assert.equal(argo.controller.awsVerifyTargetGroup, true);
    // A custom `--alb-ingress-classes` would make Argo Rollouts ignore the `alb` Ingresses.
    assert.ok(!JSON.stringify(argo.controller.extraArgs ?? []).includes("alb-ingress-classes"));
    const lbc = release("aws-load-balancer-controller");
    assert.notEqual(lbc.createIngressClassResource, false);
    assert.ok(lbc.ingressClass === undefined || lbc.ingressClass === "alb");
    // The class refers to the edge's IngressClassParams (edge.test.ts), and the legacy annotation,
    // which would bypass the class and its parameters, is refused.
    const params = run.resources.find((r) => r.type === "kubernetes:elbv2.k8s.aws/v1beta1:IngressClassParams");
    assert.ok(params);
    assert.deepEqual(lbc.ingressClassParams, { create: false, name: (params.inputs.metadata as Json).name });
    assert.equal(lbc.disableIngressClassAnnotation, true);
    const classes = new Set(
      run.resources
        .filter((r) => r.type === "kubernetes:networking.k8s.io/v1:Ingress")
        .map((r) => (r.inputs.spec as Json).ingressClassName),
    );
    assert.deepEqual([...classes], ["alb"]);
  });
}
