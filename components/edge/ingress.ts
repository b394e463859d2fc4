import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ALB_SSL_POLICY, ORIGIN_VERIFY_HEADER, ServiceName, ServiceRouting, ServiceTarget } from "./alb";

/**
 * The public ALB as the AWS Load Balancer Controller builds it from Ingresses of one IngressGroup.
 *
 * Why the controller owns the ALB: Argo Rollouts moves canary traffic by rewriting the
 * `alb.ingress.kubernetes.io/actions.<service>` annotation of an Ingress, and the controller turns
 * that into a weighted forward action; it cannot adopt or add rules to an ALB it did not create
 * (kubernetes-sigs/aws-load-balancer-controller issues #228, #2065, #3338). So the settings the
 * Pulumi-owned ALB had are annotations here, each checked by a pack policy
 * (policy-pack/policies/kubernetes/ingress-*), and the same values are enforced by the `alb`
 * class's IngressClassParams in the cluster; the ALB's attributes are read back by name (index.ts)
 * for CloudFront's origin record, the alarms and Shield.
 *
 * Annotation names and formats: kubernetes-sigs/aws-load-balancer-controller v3.5.0
 * `docs/guide/ingress/annotations.md`. Load balancer attribute keys: ELB API reference,
 * `LoadBalancerAttribute`.
 */
const ALB_ANNOTATION_PREFIX = "alb.ingress.kubernetes.io";
const annotation = (key: string) => `${ALB_ANNOTATION_PREFIX}/${key}`;

/** The IngressClass the controller's chart creates (`createIngressClassResource`, `ingressClass: alb`), with the edge's parameters. */
const ALB_INGRESS_CLASS = "alb";

/** What the ALB-wide annotations are built from (every Ingress of the group carries the same). */
export interface LoadBalancerSettings {
  /** The ALB's name (`load-balancer-name`), looked up by it afterwards. */
  name: string;
  /** The IngressGroup: every Ingress with this `group.name` shares the ALB. */
  groupName: string;
  subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  securityGroupId: pulumi.Input<string>;
  certificateArn: pulumi.Input<string>;
  webAclArn: pulumi.Input<string>;
  logBucket: pulumi.Input<string>;
  logPrefix: string;
  idleTimeoutSeconds: number;
  deletionProtection: boolean;
}

/**
 * The ALB-wide annotations: the same guarantees the Pulumi-owned ALB had. "Exclusive" annotations
 * (the controller's term) must agree across the group; giving every Ingress the full set keeps the
 * ALB's settings independent of which Ingress the controller reads first.
 */
export function loadBalancerAnnotations(s: LoadBalancerSettings): Record<string, pulumi.Input<string>> {
  const attributes = loadBalancerAttributes(s);
  return {
    [annotation("group.name")]: s.groupName,
    [annotation("load-balancer-name")]: s.name,
    [annotation("scheme")]: "internet-facing",
    // The VPC has no IPv6 range.
    [annotation("ip-address-type")]: "ipv4",
    [annotation("subnets")]: pulumi.output(s.subnetIds).apply((ids) => ids.join(",")),
    // Pulumi's group (alb.ts): 80/443 in, the service ports out; the node rules stay Pulumi's too.
    [annotation("security-groups")]: s.securityGroupId,
    [annotation("manage-backend-security-group-rules")]: "false",
    [annotation("listen-ports")]: JSON.stringify([{ HTTP: 80 }, { HTTPS: 443 }]),
    // Every HTTP request is redirected (301) to HTTPS; no rule is served on port 80.
    [annotation("ssl-redirect")]: "443",
    [annotation("certificate-arn")]: s.certificateArn,
    [annotation("ssl-policy")]: ALB_SSL_POLICY,
    [annotation("wafv2-acl-arn")]: s.webAclArn,
    [annotation("load-balancer-attributes")]: pulumi
      .all(Object.entries(attributes).map(([k, v]) => pulumi.interpolate`${k}=${v}`))
      .apply((pairs) => pairs.join(",")),
  };
}

/**
 * The same settings as the IngressClassParams of the `alb` class (elbv2.k8s.aws/v1beta1; controller
 * docs "IngressClass"), which the controller enforces over any Ingress's annotations: only Ingresses
 * in the edge's namespaces may use the class (others are refused), all of them join this group, and
 * scheme, TLS policy, redirect, certificate, Web ACL and attributes cannot be changed by an Ingress.
 * Subnets and the security group have no or a restricted field there and stay annotations.
 */
export function ingressClassParamsSpec(s: LoadBalancerSettings, namespaces: string[]) {
  return {
    namespaceSelector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values: namespaces }] },
    group: { name: s.groupName },
    loadBalancerName: s.name,
    scheme: "internet-facing",
    ipAddressType: "ipv4",
    targetType: "ip",
    sslPolicy: ALB_SSL_POLICY,
    sslRedirectPort: "443",
    certificateArn: [s.certificateArn],
    wafv2AclArn: s.webAclArn,
    loadBalancerAttributes: Object.entries(loadBalancerAttributes(s)).map(([key, value]) => ({ key, value })),
  };
}

function loadBalancerAttributes(s: LoadBalancerSettings): Record<string, pulumi.Input<string>> {
  return {
    "access_logs.s3.enabled": "true",
    "access_logs.s3.bucket": s.logBucket,
    "access_logs.s3.prefix": s.logPrefix,
    "deletion_protection.enabled": String(s.deletionProtection),
    "idle_timeout.timeout_seconds": String(s.idleTimeoutSeconds),
    "routing.http.drop_invalid_header_fields.enabled": "true",
    "routing.http.desync_mitigation_mode": "strictest",
    // Keep the client's X-Forwarded-For value and append the peer address (default, explicit).
    "routing.http.xff_header_processing.mode": "append",
    // A WAF outage must not open the ALB: requests fail closed.
    "waf.fail_open.enabled": "false",
  };
}

/** Target-group annotations: IP targets (VPC CNI pod IPs), health checks and a short drain. */
export function targetGroupAnnotations(healthCheckPath: string): Record<string, string> {
  return {
    [annotation("target-type")]: "ip",
    [annotation("backend-protocol")]: "HTTP",
    [annotation("backend-protocol-version")]: "HTTP1",
    [annotation("healthcheck-protocol")]: "HTTP",
    [annotation("healthcheck-port")]: "traffic-port",
    [annotation("healthcheck-path")]: healthCheckPath,
    [annotation("success-codes")]: "200-399",
    [annotation("healthcheck-interval-seconds")]: "15",
    [annotation("healthcheck-timeout-seconds")]: "5",
    [annotation("healthy-threshold-count")]: "2",
    [annotation("unhealthy-threshold-count")]: "3",
    // Pods are drained quickly on rollouts; 300 s (the default) slows every deployment.
    [annotation("target-group-attributes")]: "deregistration_delay.timeout_seconds=30",
  };
}

/**
 * The forward action Argo Rollouts writes when no update is in progress: all traffic to stable.
 * Byte for byte what argo-rollouts v1.9 `rollout/trafficrouting/alb/alb.go` (getForwardActionString)
 * marshals (canary first, weight 0), so a re-apply by Pulumi between rollouts changes nothing.
 */
export function stableForwardAction(routing: Extract<ServiceRouting, { kind: "weighted" }>, servicePort: number): string {
  const group = (ServiceName: string, Weight: number) => ({ ServiceName, ServicePort: String(servicePort), Weight });
  return JSON.stringify({
    Type: "forward",
    ForwardConfig: { TargetGroups: [group(routing.canaryService, 0), group(routing.stableService, 100)] },
  });
}

/**
 * The extra condition of CloudFront's rules: the origin-verify header with either rotation slot
 * (origin-secret.ts; a condition's values are OR'ed). Without it the origin host falls through to
 * the 404 default, so the storefront cannot be reached around CloudFront and its WAF.
 */
export function originConditions(secrets: string[]): string {
  return JSON.stringify([{ field: "http-header", httpHeaderConfig: { httpHeaderName: ORIGIN_VERIFY_HEADER, values: secrets } }]);
}

/** One listener rule: one Ingress, so each Rollout owns the action annotation of its own Ingresses. */
export interface Route {
  /** The Ingress's name (in the service's namespace). */
  name: string;
  service: ServiceName;
  /** `group.order`: lower is evaluated first. */
  order: number;
  host: "api" | "origin";
  /** ALB path pattern (pathType ImplementationSpecific keeps it verbatim). */
  path: string;
  /** Only requests carrying CloudFront's origin secret match. */
  fromCloudFront: boolean;
}

/**
 * Direct API clients by host; CloudFront (origin host + secret header) by path: /api/* to the API,
 * everything else to the storefront; anything else gets the controller's default 404 (an
 * IngressGroup without a default backend answers unmatched requests with a fixed 404). The API
 * has two Ingresses because `conditions.<service>` applies to every rule of its Ingress that
 * forwards to that service, and only the origin rule needs the secret.
 */
export const ROUTES: readonly Route[] = [
  { name: "api", service: "api", order: 10, host: "api", path: "/*", fromCloudFront: false },
  { name: "api-origin", service: "api", order: 20, host: "origin", path: "/api/*", fromCloudFront: true },
  { name: "storefront", service: "storefront", order: 30, host: "origin", path: "/*", fromCloudFront: true },
];

export interface IngressArgs {
  provider: k8s.Provider;
  /** Name of the IngressClassParams the cluster's `alb` IngressClass refers to (components/cluster). */
  classParamsName: string;
  services: Record<ServiceName, ServiceTarget>;
  hosts: { api: string; origin: string };
  loadBalancer: LoadBalancerSettings;
  /** The origin-verify values the ALB accepts (Pulumi secrets: the annotation stays secret). */
  originVerifySecrets: pulumi.Input<string>[];
  /** Resources the ALB must wait for (the log bucket's policy: ELB tests its write access). */
  dependsOn: pulumi.Resource[];
  /**
   * `protect` the Ingresses (prod): when an IngressGroup loses its last Ingress the controller
   * deletes the ALB "and any deletion protection of that ALB will be ignored" (controller docs,
   * IngressGroup), so the ALB's own deletion protection does not cover a mistaken `up` or `destroy`.
   */
  protect: boolean;
}

/** The Ingresses of the edge's IngressGroup, by route name. */
export function createIngresses(parent: pulumi.Resource, args: IngressArgs): Record<string, k8s.networking.v1.Ingress> {
  // Secret on its own: the other annotations stay readable in the plan (and by the pack).
  const secretCondition = pulumi.secret(pulumi.all(args.originVerifySecrets).apply(originConditions));
  const lbAnnotations = loadBalancerAnnotations(args.loadBalancer);
  const namespaces = [...new Set(ROUTES.map((r) => args.services[r.service].namespace))].sort();
  const classParams = new k8s.apiextensions.CustomResource(
    "alb-class-params",
    {
      apiVersion: "elbv2.k8s.aws/v1beta1",
      kind: "IngressClassParams",
      metadata: {
        name: args.classParamsName,
        labels: { "app.kubernetes.io/part-of": "edge", "app.kubernetes.io/managed-by": "pulumi" },
      },
      spec: ingressClassParamsSpec(args.loadBalancer, namespaces),
    },
    // Deleted after the Ingresses (they depend on it), as the controller's cleanup order asks.
    { parent, provider: args.provider, dependsOn: args.dependsOn, protect: args.protect },
  );
  const ingresses: Record<string, k8s.networking.v1.Ingress> = {};
  for (const route of ROUTES) {
    const target = args.services[route.service];
    // The rule's backend is the root Service; weighted, its name only names the action.
    const weighted = target.routing.kind === "weighted" ? target.routing : undefined;
    const annotations: Record<string, pulumi.Input<string>> = {
      // Argo Rollouts takes over the action annotation (an Update by its own field manager). Without
      // force, a server-side apply of this Ingress during a canary (a certificate, WAF or secret
      // rotation change) would fail with a field conflict; forced, it writes the 0/100 action and Argo
      // Rollouts restores the step's weight at its next reconcile (traffic briefly on stable only).
      // pulumi/pulumi-kubernetes provider/pkg/await/await.go: patchForce, ssaUpdate.
      ...(weighted ? { "pulumi.com/patchForce": "true" } : {}),
      ...lbAnnotations,
      ...targetGroupAnnotations(target.healthCheckPath),
      [annotation("group.order")]: String(route.order),
      ...(weighted ? { [annotation(`actions.${target.serviceName}`)]: stableForwardAction(weighted, target.port) } : {}),
      ...(route.fromCloudFront ? { [annotation(`conditions.${target.serviceName}`)]: secretCondition } : {}),
    };
    ingresses[route.name] = new k8s.networking.v1.Ingress(
      `${route.name}-ingress`,
      {
        metadata: {
          name: route.name,
          namespace: target.namespace,
          labels: { "app.kubernetes.io/part-of": "edge", "app.kubernetes.io/managed-by": "pulumi" },
          annotations,
        },
        spec: {
          ingressClassName: ALB_INGRESS_CLASS,
          rules: [
            {
              host: args.hosts[route.host],
              http: {
                paths: [
                  {
                    path: route.path,
                    pathType: "ImplementationSpecific",
                    backend: {
                      service: {
                        name: target.serviceName,
                        port: weighted ? { name: "use-annotation" } : { number: target.port },
                      },
                    },
                  },
                ],
              },
            },
          ],
        },
      },
      { parent, provider: args.provider, dependsOn: [...args.dependsOn, classParams], protect: args.protect },
    );
  }
  return ingresses;
}
