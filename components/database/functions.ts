import * as fs from "node:fs";
import * as path from "node:path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { serviceTrustPolicy, Statement } from "../../lib/iam";
import { Naming } from "../../lib/naming";

const FUNCTIONS_DIR = path.join(__dirname, "functions");

/** Node's lookup of an installed package folder: `node_modules/<name>` here or in a parent folder. */
function packageDir(name: string, from: string): string {
  for (let d = from; ; d = path.dirname(d)) {
    const candidate = path.join(d, "node_modules", name);
    if (fs.existsSync(path.join(candidate, "package.json"))) return candidate;
    if (path.dirname(d) === d) throw new Error(`package ${name} is not installed (npm ci)`);
  }
}

/** The package folders `name` needs at run time: itself and its dependencies, transitively (hoisted layout). */
function packageClosure(name: string, from = FUNCTIONS_DIR, seen = new Map<string, string>()): Map<string, string> {
  if (seen.has(name)) return seen;
  const dir = packageDir(name, from);
  seen.set(name, dir);
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
  for (const dep of Object.keys(pkg.dependencies ?? {})) packageClosure(dep, dir, seen);
  return seen;
}

/**
 * The code of the database functions (functions/*.mjs) with the `pg` client and its dependencies
 * from this repository's node_modules (pinned in package.json), so the deployed code is the code
 * the tests ran against PostgreSQL. The AWS SDK v3 ships with the Lambda Node.js runtime.
 */
export function functionCode(): pulumi.asset.AssetArchive {
  const assets: Record<string, pulumi.asset.Asset | pulumi.asset.Archive> = {};
  for (const f of fs.readdirSync(FUNCTIONS_DIR).filter((f) => f.endsWith(".mjs")))
    assets[f] = new pulumi.asset.FileAsset(path.join(FUNCTIONS_DIR, f));
  for (const [name, dir] of packageClosure("pg")) assets[`node_modules/${name}`] = new pulumi.asset.FileArchive(dir);
  return new pulumi.asset.AssetArchive(assets);
}

/**
 * What a function in the VPC needs to manage its network interfaces (the actions of the managed
 * AWSLambdaVPCAccessExecutionRole). Describe has no resource-level permissions; the others are
 * limited to this account's and region's EC2 resources.
 */
export function vpcAccessStatements(
  partition: pulumi.Input<string>,
  region: pulumi.Input<string>,
  accountId: pulumi.Input<string>,
): Statement[] {
  return [
    {
      Sid: "ManageOwnNetworkInterfaces",
      Effect: "Allow",
      Action: [
        "ec2:CreateNetworkInterface",
        "ec2:DeleteNetworkInterface",
        "ec2:AssignPrivateIpAddresses",
        "ec2:UnassignPrivateIpAddresses",
      ],
      Resource: pulumi.interpolate`arn:${partition}:ec2:${region}:${accountId}:*`,
    },
    {
      Sid: "DescribeNetworkInterfaces",
      Effect: "Allow",
      Action: ["ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups"],
      Resource: "*",
    },
  ];
}

export interface FunctionBaseArgs {
  naming: Naming;
  logRetentionDays: number;
  kmsKeyArn: pulumi.Input<string>;
  protect: boolean;
  accountId: pulumi.Input<string>;
}

/**
 * What each database function starts with: its physical name `<prefix>-postgres-<key>`, its log
 * group at the path Lambda writes to (created first: encrypted, with retention) and a role only
 * Lambda of this account may assume (the caller adds the role's one policy).
 */
export function functionBase(parent: pulumi.Resource, key: "rotation" | "bootstrap", args: FunctionBaseArgs) {
  const functionName = args.naming.physical(`postgres-${key}`);
  const logGroup = new aws.cloudwatch.LogGroup(
    `${key}-logs`,
    {
      name: `/aws/lambda/${functionName}`,
      retentionInDays: args.logRetentionDays,
      kmsKeyId: args.kmsKeyArn,
      tags: { Name: functionName, DataClassification: "internal" },
    },
    { parent, protect: args.protect },
  );
  const role = new aws.iam.Role(
    `${key}-role`,
    {
      name: args.naming.physical(`postgres-${key}`, "iamRole"),
      assumeRolePolicy: serviceTrustPolicy("lambda.amazonaws.com", { accountId: args.accountId }),
    },
    { parent },
  );
  return { functionName, logGroup, role };
}
