import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { KUBE_DNS, NAMESPACE_NAME_LABEL } from "../flows/peers";

/** The Kubernetes user the pod experiment's role maps to (its access entry's username). */
export const FIS_USER = "fis-experiment";
/** The service account the FIS pod runs as in the target namespace (`kubernetesServiceAccount`). */
export const FIS_SERVICE_ACCOUNT = "fis-experiments";
/** Labels FIS puts on its pod (`fisPodLabels`), so the egress policy below selects that pod only. */
export const FIS_POD_LABELS = { "app.kubernetes.io/name": "aws-fis-pod" };

export interface PodAccessArgs {
  clusterName: pulumi.Input<string>;
  roleArn: pulumi.Input<string>;
  namespace: string;
  /** CIDRs of the subnets that hold the cluster's API endpoint ENIs (the private subnets). */
  apiServerCidrs: string[];
  provider: k8s.Provider;
}

/**
 * What the pod experiment may do inside the cluster: its role gets an access entry with no access
 * policy, only a Kubernetes username, and that user and the FIS pod's service account get one Role
 * in the target namespace (FIS user guide, "Use the AWS FIS aws:eks:pod actions": the FIS pod and
 * its config map, and the pods it deletes). The ephemeral-container and exec rules of that guide
 * are left out: pod-delete injects no container. The namespace denies all egress by default, so
 * the FIS pod alone may reach the API server and DNS.
 */
export function createPodAccess(parent: pulumi.Resource, args: PodAccessArgs) {
  const k8sOpts = { parent, provider: args.provider };
  const entry = new aws.eks.AccessEntry(
    "pod-deletion-access",
    { clusterName: args.clusterName, principalArn: args.roleArn, type: "STANDARD", userName: FIS_USER },
    { parent },
  );
  const metadata = (name: string) => ({
    name,
    namespace: args.namespace,
    labels: { "app.kubernetes.io/part-of": "fault-injection" },
  });
  const account = new k8s.core.v1.ServiceAccount(
    "fis-service-account",
    { metadata: metadata(FIS_SERVICE_ACCOUNT), automountServiceAccountToken: true },
    k8sOpts,
  );
  const role = new k8s.rbac.v1.Role(
    "fis-role",
    {
      metadata: metadata("fis-experiments"),
      rules: [
        { apiGroups: [""], resources: ["configmaps"], verbs: ["get", "create", "patch", "delete"] },
        { apiGroups: [""], resources: ["pods"], verbs: ["create", "list", "get", "delete", "deletecollection"] },
        { apiGroups: ["apps"], resources: ["deployments"], verbs: ["get"] },
      ],
    },
    k8sOpts,
  );
  const binding = new k8s.rbac.v1.RoleBinding(
    "fis-role-binding",
    {
      metadata: metadata("fis-experiments"),
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: role.metadata.name },
      subjects: [
        { kind: "ServiceAccount", name: account.metadata.name, namespace: args.namespace },
        { apiGroup: "rbac.authorization.k8s.io", kind: "User", name: FIS_USER },
      ],
    },
    { ...k8sOpts, dependsOn: [entry] },
  );
  const egress = new k8s.networking.v1.NetworkPolicy(
    "fis-pod-egress",
    {
      metadata: metadata("allow-fis-pod-egress"),
      spec: {
        podSelector: { matchLabels: FIS_POD_LABELS },
        policyTypes: ["Egress"],
        egress: [
          { to: args.apiServerCidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: [{ protocol: "TCP", port: 443 }] },
          {
            to: [
              {
                namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: KUBE_DNS.namespace } },
                podSelector: { matchLabels: KUBE_DNS.labels },
              },
            ],
            ports: KUBE_DNS.ports,
          },
        ],
      },
    },
    k8sOpts,
  );
  return { serviceAccountName: FIS_SERVICE_ACCOUNT, ready: [entry, binding, egress] };
}
