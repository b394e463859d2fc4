import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument } from "../../lib/iam";
import { Naming } from "../../lib/naming";
import { functionBase, functionCode, vpcAccessStatements } from "./functions";

/**
 * Why not `manageMasterUserPassword` (RDS-managed secret): the RDS User Guide ("Password management
 * with Amazon RDS and AWS Secrets Manager", Limitations) lists "Creating a read replica when the
 * source DB instance manages credentials with Secrets Manager" as unsupported for every engine but
 * SQL Server, and the API answers "Creating read replicas for source instance ... where
 * ManageMasterUserPassword is enabled is not supported" (terraform-aws-rds issues 512, 532). We need
 * replicas, so we use the documented alternative: our own secret with rotation.
 *
 * How no live password reaches config, code, state or logs:
 * - the instance is created with a bootstrap password that Secrets Manager generates at deploy time
 *   (`getRandomPassword`), passed as a Pulumi secret through the write-only `passwordWo`. Pulumi
 *   keeps a write-only value out of state outputs but does write its first value, encrypted as a
 *   secret, to the state's inputs (Pulumi docs "Write-only fields"; pulumi-terraform-bridge issue
 *   3201), which is why the bootstrap password is single-use:
 * - the rotation function replaces it at once (`rotateImmediately`) and every 30 days, writing the
 *   new password to the secret only. Pulumi never writes a secret value, so the only copy of the live
 *   password is the secret (encrypted with our key).
 * The secret is created empty: the first rotation gives it its first (AWSCURRENT) version; the
 * rotation function copes with a secret that has no current version yet. An empty placeholder
 * version written by Pulumi would be worse: a `refresh` after Secrets Manager drops that old version
 * would make Pulumi recreate it as AWSCURRENT.
 * Replicas inherit the password through physical replication. Services never use it: they log in
 * as their own users with IAM tokens (proxy.ts, bootstrap.ts).
 */
export const ROTATION_DAYS = 30;

export interface CredentialsArgs {
  naming: Naming;
  kmsKeyArn: pulumi.Input<string>;
  protect: boolean;
  logRetentionDays: number;
}

/** The secret and the bootstrap password; the rotation (which needs the instance) comes after it. */
export function createSecret(parent: pulumi.Resource, args: CredentialsArgs) {
  const { naming } = args;
  const secret = new aws.secretsmanager.Secret(
    "master-secret",
    {
      name: `${naming.prefix}/postgres/master`,
      description: "PostgreSQL master user (rotated by the database's rotation function; used by RDS Proxy)",
      kmsKeyId: args.kmsKeyArn,
      recoveryWindowInDays: args.protect ? 30 : 7,
      tags: { Name: naming.physical("postgres-master"), DataClassification: "restricted" },
    },
    { parent, protect: args.protect },
  );
  const generated = aws.secretsmanager.getRandomPasswordOutput(
    { passwordLength: 40, excludePunctuation: true, includeSpace: false },
    { parent },
  );
  const bootstrapPassword = pulumi.secret(generated.apply((g) => g.randomPassword as string));
  return { secret, bootstrapPassword };
}

export interface RotationArgs extends CredentialsArgs {
  secret: aws.secretsmanager.Secret;
  instance: aws.rds.Instance;
  accountId: pulumi.Input<string>;
  partition: pulumi.Input<string>;
  region: pulumi.Input<string>;
  /** Private subnets the function runs in (it logs in to the database to test the new password). */
  subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** The database functions' security group (5432 to the database, 443 to AWS APIs). */
  securityGroupId: pulumi.Input<string>;
}

/**
 * The rotation function (functions/rotation.mjs) and its schedule. It runs in the VPC: testSecret
 * logs in with the new password before it becomes current. Its role may rotate this one secret and
 * change the password of this one instance.
 */
export function createRotation(parent: pulumi.Resource, args: RotationArgs) {
  const { secret, instance } = args;
  const { functionName, logGroup, role } = functionBase(parent, "rotation", args);
  const policy = new aws.iam.RolePolicy(
    "rotation-policy",
    {
      role: role.name,
      policy: policyDocument([
        {
          Sid: "RotateThisSecret",
          Effect: "Allow",
          Action: [
            "secretsmanager:DescribeSecret",
            "secretsmanager:GetSecretValue",
            "secretsmanager:PutSecretValue",
            "secretsmanager:UpdateSecretVersionStage",
          ],
          Resource: secret.arn,
        },
        {
          // GetRandomPassword has no resource type (Service Authorization Reference, AWS Secrets
          // Manager actions): "*" is the only possible resource, and the action changes nothing.
          Sid: "GeneratePasswords",
          Effect: "Allow",
          Action: "secretsmanager:GetRandomPassword",
          Resource: "*",
        },
        {
          Sid: "SetPasswordOfThisInstance",
          Effect: "Allow",
          Action: "rds:ModifyDBInstance",
          Resource: instance.arn,
        },
        ...vpcAccessStatements(args.partition, args.region, args.accountId),
        {
          Sid: "UseTheKeyThroughSecretsManager",
          Effect: "Allow",
          Action: ["kms:Decrypt", "kms:GenerateDataKey"],
          Resource: args.kmsKeyArn,
          Condition: { StringEquals: { "kms:ViaService": pulumi.interpolate`secretsmanager.${args.region}.amazonaws.com` } },
        },
        {
          Sid: "WriteOwnLogs",
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
          Resource: pulumi.interpolate`${logGroup.arn}:*`,
        },
      ]),
    },
    { parent },
  );

  const fn = new aws.lambda.Function(
    "rotation",
    {
      name: functionName,
      description: "Rotates the PostgreSQL master password (RDS API) and tests it by logging in",
      runtime: "nodejs22.x",
      architectures: ["arm64"],
      handler: "rotation.handler",
      role: role.arn,
      code: functionCode(),
      vpcConfig: { subnetIds: args.subnetIds, securityGroupIds: [args.securityGroupId] },
      timeout: 300,
      memorySize: 256,
      loggingConfig: { logFormat: "JSON", logGroup: logGroup.name },
      environment: {
        variables: {
          DB_INSTANCE_ID: instance.identifier,
          DB_HOST: instance.address,
          DB_PORT: instance.port.apply(String),
          DB_USERNAME: instance.username,
          DB_NAME: instance.dbName,
          NODE_EXTRA_CA_CERTS: "/var/runtime/ca-cert.pem",
        },
      },
      // The environment holds no secret (identifier, host, port, user and database names).
      tags: { Name: functionName },
    },
    // The network interfaces are created with the function: its policy must exist first.
    { parent, dependsOn: [logGroup, policy] },
  );
  const permission = new aws.lambda.Permission(
    "rotation-invoke",
    {
      function: fn.name,
      action: "lambda:InvokeFunction",
      principal: "secretsmanager.amazonaws.com",
      sourceArn: secret.arn,
      sourceAccount: args.accountId,
    },
    { parent },
  );
  const rotation = new aws.secretsmanager.SecretRotation(
    "master-rotation",
    {
      secretId: secret.id,
      rotationLambdaArn: fn.arn,
      rotationRules: { automaticallyAfterDays: ROTATION_DAYS },
      rotateImmediately: true,
    },
    { parent, dependsOn: [permission] },
  );
  return { fn, role, rotation, logGroup };
}
