import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument } from "../../lib/iam";
import { Naming } from "../../lib/naming";
import { functionBase, functionCode, vpcAccessStatements } from "./functions";

export interface BootstrapArgs {
  naming: Naming;
  /** The workloads' database users (the flow table's workloads with a database flow). */
  users: string[];
  secret: aws.secretsmanager.Secret;
  instance: aws.rds.Instance;
  kmsKeyArn: pulumi.Input<string>;
  logRetentionDays: number;
  protect: boolean;
  subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  securityGroupId: pulumi.Input<string>;
  accountId: pulumi.Input<string>;
  partition: pulumi.Input<string>;
  region: pulumi.Input<string>;
  /** Runs after the first rotation (the master secret has a current version only then). */
  dependsOn: pulumi.Resource[];
}

/**
 * The program-owned step that creates the workloads' database users: a function in the VPC
 * (functions/bootstrap.mjs, SQL in functions/sql.mjs) logs in as the master user and runs
 * idempotent SQL: per workload a login role with `rds_iam`, its own schema, no elevated attribute.
 * The deployment invokes it (`aws.lambda.Invocation`) whenever the list of users or the code changes.
 */
export function createBootstrap(parent: pulumi.Resource, args: BootstrapArgs) {
  const { functionName, logGroup, role } = functionBase(parent, "bootstrap", args);
  const policy = new aws.iam.RolePolicy(
    "bootstrap-policy",
    {
      role: role.name,
      policy: policyDocument([
        { Sid: "ReadTheMasterSecret", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: args.secret.arn },
        {
          Sid: "DecryptThroughSecretsManager",
          Effect: "Allow",
          Action: "kms:Decrypt",
          Resource: args.kmsKeyArn,
          Condition: { StringEquals: { "kms:ViaService": pulumi.interpolate`secretsmanager.${args.region}.amazonaws.com` } },
        },
        {
          Sid: "WriteOwnLogs",
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
          Resource: pulumi.interpolate`${logGroup.arn}:*`,
        },
        ...vpcAccessStatements(args.partition, args.region, args.accountId),
      ]),
    },
    { parent },
  );
  const fn = new aws.lambda.Function(
    "bootstrap",
    {
      name: functionName,
      description: "Creates the workloads' PostgreSQL users (IAM authentication, own schema)",
      runtime: "nodejs22.x",
      architectures: ["arm64"],
      handler: "bootstrap.handler",
      role: role.arn,
      code: functionCode(),
      timeout: 60,
      memorySize: 256,
      vpcConfig: { subnetIds: args.subnetIds, securityGroupIds: [args.securityGroupId] },
      loggingConfig: { logFormat: "JSON", logGroup: logGroup.name },
      environment: { variables: { SECRET_ARN: args.secret.arn, NODE_EXTRA_CA_CERTS: "/var/runtime/ca-cert.pem" } },
      tags: { Name: functionName },
    },
    { parent, dependsOn: [logGroup, policy] },
  );
  const users = args.users.map((name) => ({ name, iam: true }));
  const invocation = new aws.lambda.Invocation(
    "bootstrap-users",
    {
      functionName: fn.name,
      input: JSON.stringify({ users }),
      // Re-run when the code changes too (the input alone re-runs it on a new user list).
      triggers: { code: fn.codeSha256 },
    },
    { parent, dependsOn: args.dependsOn },
  );
  return { fn, role, invocation };
}
