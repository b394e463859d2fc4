import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ServiceName, ServiceTarget } from "./alb";

/**
 * One TargetGroupBinding per service: the AWS Load Balancer Controller (installed with the cluster)
 * keeps the pod IPs of the Kubernetes Service registered in the target group that Pulumi owns. No
 * `networking` block: the ALB-to-node security group rules are Pulumi-managed (alb.ts), so the
 * controller never edits security groups. Source: AWS Load Balancer Controller docs,
 * "TargetGroupBinding" (CRD elbv2.k8s.aws/v1beta1).
 */
export function createTargetGroupBindings(
  parent: pulumi.Resource,
  provider: k8s.Provider,
  services: Record<ServiceName, ServiceTarget>,
  targetGroupArns: Record<ServiceName, pulumi.Input<string>>,
) {
  return (Object.entries(services) as [ServiceName, ServiceTarget][]).map(
    ([key, service]) =>
      new k8s.apiextensions.CustomResource(
        `${key}-tgb`,
        {
          apiVersion: "elbv2.k8s.aws/v1beta1",
          kind: "TargetGroupBinding",
          metadata: {
            name: service.serviceName,
            namespace: service.namespace,
            labels: { "app.kubernetes.io/part-of": "edge", "app.kubernetes.io/managed-by": "pulumi" },
          },
          spec: {
            targetGroupARN: targetGroupArns[key],
            targetType: "ip",
            serviceRef: { name: service.serviceName, port: service.port },
          },
        },
        { parent, provider },
      ),
  );
}
