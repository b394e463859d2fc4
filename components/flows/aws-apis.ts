/**
 * What each AWS API of the flow table means on the network and in IAM: the interface endpoint it
 * uses (where the stack has endpoints), the actions a workload gets and the resources of this stack
 * they are limited to (the workload's own name prefix), and one representative call the
 * reachability check asks IAM about. Sources: AWS Service Authorization Reference (actions,
 * resource types and condition keys of each service).
 */
import type { AwsApi } from "../../stacks/flows";

/** Who a statement is for: the workload's own resources are named `<project>-<stack>-<workload>-*` or `<project>/<stack>/<workload>/*`. */
export interface ApiScope {
  partition: string;
  region: string;
  accountId: string;
  project: string;
  stack: string;
  workload: string;
}

export interface AwsApiSpec {
  /** Interface endpoint service (`com.amazonaws.<region>.<endpoint>`); undefined: a gateway endpoint or the NAT. */
  endpoint?: string;
  /** S3 is reached through its gateway endpoint (a route, no security group), at public addresses. */
  gateway?: boolean;
  /** Actions granted (none for STS: the trust policy authorises AssumeRoleWithWebIdentity). */
  actions: string[];
  /** The resources those actions are limited to. */
  resources: (s: ApiScope) => string[];
  /** Extra condition of the statement, if the resource type cannot carry the scope. */
  condition?: (s: ApiScope) => Record<string, Record<string, string>>;
  /** One call the workload makes, for the check: action and a concrete resource of its own. */
  probe?: (s: ApiScope) => { action: string; resource: string; context?: Record<string, string> };
}

const prefix = (s: ApiScope) => `${s.project}-${s.stack}-${s.workload}`;
const path = (s: ApiScope) => `${s.project}/${s.stack}/${s.workload}`;

export const AWS_API_SPECS: Record<AwsApi, AwsApiSpec> = {
  sts: { endpoint: "sts", actions: [], resources: () => [] },
  secretsmanager: {
    endpoint: "secretsmanager",
    actions: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
    resources: (s) => [`arn:${s.partition}:secretsmanager:${s.region}:${s.accountId}:secret:${path(s)}/*`],
    probe: (s) => ({
      action: "secretsmanager:GetSecretValue",
      resource: `arn:${s.partition}:secretsmanager:${s.region}:${s.accountId}:secret:${path(s)}/app-AbCdEf`,
    }),
  },
  s3: {
    gateway: true,
    actions: ["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
    resources: (s) => [`arn:${s.partition}:s3:::${prefix(s)}-*`, `arn:${s.partition}:s3:::${prefix(s)}-*/*`],
    probe: (s) => ({ action: "s3:GetObject", resource: `arn:${s.partition}:s3:::${prefix(s)}-data/report.csv` }),
  },
  sqs: {
    endpoint: "sqs",
    actions: [
      "sqs:SendMessage",
      "sqs:ReceiveMessage",
      "sqs:DeleteMessage",
      "sqs:ChangeMessageVisibility",
      "sqs:GetQueueAttributes",
      "sqs:GetQueueUrl",
    ],
    resources: (s) => [`arn:${s.partition}:sqs:${s.region}:${s.accountId}:${prefix(s)}-*`],
    probe: (s) => ({
      action: "sqs:ReceiveMessage",
      resource: `arn:${s.partition}:sqs:${s.region}:${s.accountId}:${prefix(s)}-jobs`,
    }),
  },
  kms: {
    endpoint: "kms",
    actions: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"],
    // Key ARNs carry no name: the workload's keys are the ones with its alias prefix.
    resources: (s) => [`arn:${s.partition}:kms:${s.region}:${s.accountId}:key/*`],
    condition: (s) => ({ "ForAnyValue:StringLike": { "kms:ResourceAliases": `alias/${prefix(s)}-*` } }),
    probe: (s) => ({
      action: "kms:Decrypt",
      resource: `arn:${s.partition}:kms:${s.region}:${s.accountId}:key/0000-probe`,
      context: { "kms:ResourceAliases": `alias/${prefix(s)}-data` },
    }),
  },
  logs: {
    endpoint: "logs",
    actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
    resources: (s) => [`arn:${s.partition}:logs:${s.region}:${s.accountId}:log-group:/${path(s)}/*`],
    probe: (s) => ({
      action: "logs:PutLogEvents",
      resource: `arn:${s.partition}:logs:${s.region}:${s.accountId}:log-group:/${path(s)}/audit:log-stream:pod-1`,
    }),
  },
  xray: {
    endpoint: "xray",
    // X-Ray has no resource-level permissions for these actions: "*" is the only possible resource.
    actions: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"],
    resources: () => ["*"],
    probe: () => ({ action: "xray:PutTraceSegments", resource: "*" }),
  },
};
