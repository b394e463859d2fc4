/**
 * EC2 facts of the node instance types the stacks use: vCPUs and memory from the "Amazon EC2
 * instance types" specifications (general purpose and burstable tables, checked 2026-12), and the
 * most pods the VPC CNI fits on one node without prefix delegation, from `misc/eni-max-pods.txt` of
 * https://github.com/aws/amazon-vpc-cni-k8s (the value EKS AMIs give the kubelet's --max-pods).
 */
export interface InstanceSpec {
  vcpus: number;
  memoryGiB: number;
  maxPods: number;
}

export const NODE_INSTANCE_SPECS: Readonly<Record<string, InstanceSpec>> = {
  "t4g.medium": { vcpus: 2, memoryGiB: 4, maxPods: 17 },
  "t4g.large": { vcpus: 2, memoryGiB: 8, maxPods: 35 },
  "c7g.large": { vcpus: 2, memoryGiB: 4, maxPods: 29 },
  "m6g.large": { vcpus: 2, memoryGiB: 8, maxPods: 29 },
  "m7g.large": { vcpus: 2, memoryGiB: 8, maxPods: 29 },
  "m7gd.large": { vcpus: 2, memoryGiB: 8, maxPods: 29 },
  "m6g.xlarge": { vcpus: 4, memoryGiB: 16, maxPods: 58 },
  "m7g.xlarge": { vcpus: 4, memoryGiB: 16, maxPods: 58 },
  "m7gd.xlarge": { vcpus: 4, memoryGiB: 16, maxPods: 58 },
  "m7g.2xlarge": { vcpus: 8, memoryGiB: 32, maxPods: 58 },
};

/** The spec of an instance type, or an error naming the types known. */
export function instanceSpec(type: string): InstanceSpec {
  const spec = NODE_INSTANCE_SPECS[type];
  if (!spec) throw new Error(`no specification for instance type ${type}; known: ${Object.keys(NODE_INSTANCE_SPECS).join(", ")}`);
  return spec;
}

/** A Kubernetes CPU quantity (`500m`, `1`, `0.5`) in millicores. */
export function millicores(q: string): number {
  const m = /^(\d+(?:\.\d+)?)(m?)$/.exec(q);
  if (!m) throw new Error(`not a CPU quantity: ${q}`);
  return m[2] ? Number(m[1]) : Number(m[1]) * 1000;
}

/** A Kubernetes memory quantity (`512Mi`, `1Gi`) in MiB. */
export function mebibytes(q: string): number {
  const m = /^(\d+(?:\.\d+)?)(Mi|Gi|Ti)$/.exec(q);
  if (!m) throw new Error(`not a memory quantity: ${q}`);
  return Number(m[1]) * { Mi: 1, Gi: 1024, Ti: 1024 * 1024 }[m[2] as "Mi" | "Gi" | "Ti"];
}
