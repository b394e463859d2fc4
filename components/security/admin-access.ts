import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument } from "../../lib/iam";
import { Naming } from "../../lib/naming";
import { AccountContext, auditLogGroup, PREFIX } from "./archive";

/** Session Manager limits: idle sessions close after 20 minutes, every session after 60. */
export const SESSION_IDLE_MINUTES = 20;
export const SESSION_MAX_MINUTES = 60;
/** The local port the database port-forwarding document opens on the operator's machine by default. */
export const DB_LOCAL_PORT = 15432;

export interface SessionAccessArgs {
  naming: Naming;
  ctx: AccountContext;
  bucket: aws.s3.Bucket;
  keyArn: pulumi.Input<string>;
  logRetentionDays: number;
  /** The nodes' IAM role: it gets the agent's session permissions. */
  nodeRoleName: pulumi.Input<string>;
  /** Host and port the port-forwarding document is fixed to (the RDS Proxy, else the writer). */
  database: { host: pulumi.Input<string>; port: number };
}

/**
 * Administrative access without SSH: Session Manager sessions to the nodes (no key pairs, no port
 * 22: the agent connects out to ssmmessages over 443), each transcript encrypted with the audit key
 * to CloudWatch Logs and the audit archive, and one port-forwarding document fixed to the database
 * endpoint for break-glass debugging (the node forwards to the proxy, which the node security
 * group already reaches). Who may start a session is decided by IAM: only the break-glass role.
 */
export function createSessionAccess(parent: pulumi.Resource, args: SessionAccessArgs) {
  const { naming, ctx } = args;
  const logGroup = auditLogGroup(parent, "session-logs", {
    name: naming.logGroup("ssm-sessions"),
    tagName: naming.physical("ssm-sessions"),
    retentionInDays: args.logRetentionDays,
    keyArn: args.keyArn,
  });
  // The account's Session Manager preferences document (this exact name is what the console and
  // `aws ssm start-session` use by default; import it if the console already created it).
  const preferences = new aws.ssm.Document(
    "session-preferences",
    {
      name: "SSM-SessionManagerRunShell",
      documentType: "Session",
      documentFormat: "JSON",
      content: pulumi.jsonStringify({
        schemaVersion: "1.0",
        description: "Session Manager preferences: encrypted, logged, time-limited sessions",
        sessionType: "Standard_Stream",
        inputs: {
          s3BucketName: args.bucket.bucket,
          s3KeyPrefix: PREFIX.sessions,
          s3EncryptionEnabled: true,
          cloudWatchLogGroupName: logGroup.name,
          cloudWatchEncryptionEnabled: true,
          cloudWatchStreamingEnabled: true,
          kmsKeyId: args.keyArn,
          runAsEnabled: false,
          idleSessionTimeout: String(SESSION_IDLE_MINUTES),
          maxSessionDuration: String(SESSION_MAX_MINUTES),
          shellProfile: { linux: "", windows: "" },
        },
      }),
      tags: { Name: "SSM-SessionManagerRunShell" },
    },
    { parent },
  );
  const portForward = new aws.ssm.Document(
    "db-port-forward",
    {
      name: naming.physical("db-port-forward"),
      documentType: "Session",
      documentFormat: "JSON",
      content: pulumi.jsonStringify({
        schemaVersion: "1.0",
        description: "Forwards a local port to the database endpoint through a node (break-glass debugging)",
        sessionType: "Port",
        parameters: {
          localPortNumber: { type: "String", default: String(DB_LOCAL_PORT), allowedPattern: "^([1-9]\\d{3,4})$" },
        },
        properties: {
          type: "LocalPortForwarding",
          host: args.database.host,
          portNumber: String(args.database.port),
          localPortNumber: "{{ localPortNumber }}",
        },
      }),
      tags: { Name: naming.physical("db-port-forward") },
    },
    { parent },
  );

  // What the SSM agent on a node needs for sessions, and nothing of Run Command or State Manager.
  const agentPolicy = new aws.iam.RolePolicy(
    "node-session-agent",
    {
      role: args.nodeRoleName,
      policy: policyDocument([
        {
          Sid: "RegisterWithSystemsManager",
          Effect: "Allow",
          Action: "ssm:UpdateInstanceInformation",
          Resource: pulumi.interpolate`arn:${ctx.partition}:ec2:${ctx.region}:${ctx.accountId}:instance/*`,
        },
        {
          Sid: "SessionChannels",
          Effect: "Allow",
          Action: [
            "ssmmessages:CreateControlChannel",
            "ssmmessages:CreateDataChannel",
            "ssmmessages:OpenControlChannel",
            "ssmmessages:OpenDataChannel",
          ],
          Resource: "*",
        },
        {
          Sid: "WriteTranscriptsToLogs",
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
          Resource: pulumi.interpolate`${logGroup.arn}:log-stream:*`,
        },
        {
          Sid: "CheckLogGroupEncryption",
          Effect: "Allow",
          Action: "logs:DescribeLogGroups",
          Resource: "*",
        },
        {
          Sid: "WriteTranscriptsToArchive",
          Effect: "Allow",
          Action: "s3:PutObject",
          Resource: pulumi.interpolate`${args.bucket.arn}/${PREFIX.sessions}/*`,
        },
        {
          Sid: "CheckArchiveEncryption",
          Effect: "Allow",
          Action: "s3:GetEncryptionConfiguration",
          Resource: args.bucket.arn,
        },
        {
          Sid: "SessionEncryption",
          Effect: "Allow",
          Action: ["kms:Decrypt", "kms:GenerateDataKey"],
          Resource: args.keyArn,
        },
      ]),
    },
    { parent },
  );
  return { logGroup, preferences, portForward, agentPolicy };
}

export interface ClientVpnArgs {
  naming: Naming;
  vpcId: pulumi.Input<string>;
  vpcCidr: pulumi.Input<string>;
  /** Private subnets; the endpoint is associated with the first two (two AZs). */
  subnetIds: pulumi.Output<string[]>;
  serverCertificateArn: string;
  clientRootCertificateArn: string;
  clientCidr: string;
  keyArn: pulumi.Input<string>;
  logRetentionDays: number;
}

/**
 * Optional AWS Client VPN: mutual TLS (client certificates signed by the given CA), split tunnel
 * (only VPC routes go through it), connection logs to an encrypted log group, access to the VPC
 * only. Off by default: Session Manager covers break-glass access without an endpoint-hour bill.
 */
export function createClientVpn(parent: pulumi.Resource, args: ClientVpnArgs) {
  const { naming } = args;
  const logGroup = auditLogGroup(parent, "client-vpn-logs", {
    name: naming.logGroup("client-vpn"),
    tagName: naming.physical("client-vpn"),
    retentionInDays: args.logRetentionDays,
    keyArn: args.keyArn,
  });
  const sg = new aws.ec2.SecurityGroup(
    "client-vpn-sg",
    {
      name: naming.physical("client-vpn", "securityGroup"),
      description: "Client VPN endpoint: egress to the VPC only",
      vpcId: args.vpcId,
    },
    { parent },
  );
  new aws.vpc.SecurityGroupEgressRule(
    "client-vpn-egress-https",
    {
      securityGroupId: sg.id,
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      cidrIpv4: args.vpcCidr,
      description: "HTTPS inside the VPC",
    },
    { parent },
  );
  const endpoint = new aws.ec2clientvpn.Endpoint(
    "client-vpn",
    {
      description: naming.physical("client-vpn"),
      serverCertificateArn: args.serverCertificateArn,
      clientCidrBlock: args.clientCidr,
      authenticationOptions: [{ type: "certificate-authentication", rootCertificateChainArn: args.clientRootCertificateArn }],
      splitTunnel: true,
      transportProtocol: "udp",
      sessionTimeoutHours: 8,
      selfServicePortal: "disabled",
      vpcId: args.vpcId,
      securityGroupIds: [sg.id],
      connectionLogOptions: { enabled: true, cloudwatchLogGroup: logGroup.name },
      tags: { Name: naming.physical("client-vpn") },
    },
    { parent },
  );
  for (const i of [0, 1]) {
    new aws.ec2clientvpn.NetworkAssociation(
      `client-vpn-subnet-${i}`,
      { clientVpnEndpointId: endpoint.id, subnetId: args.subnetIds.apply((ids) => ids[i]) },
      { parent },
    );
  }
  new aws.ec2clientvpn.AuthorizationRule(
    "client-vpn-vpc",
    { clientVpnEndpointId: endpoint.id, targetNetworkCidr: args.vpcCidr, authorizeAllGroups: true, description: "The VPC" },
    { parent },
  );
  return { endpoint, logGroup, securityGroup: sg };
}
