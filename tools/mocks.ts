import * as pulumi from "@pulumi/pulumi";
import { TAGGABLE_TYPES } from "../policy-pack/taggable";

/** The account and caller every mock invoke answers with. */
export const MOCK_ACCOUNT_ID = "111122223333";
export const MOCK_CALLER_ARN = `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/platform-deployer`;
/** What the mocked `secretsmanager.getRandomPassword` returns (database bootstrap password); tests look for it. */
export const MOCK_RANDOM_PASSWORD = "MockBootstrapPassw0rdNeverInState";

type State = Record<string, unknown>;

/**
 * Outputs of remote (multi-language) components: under mocks they register one resource and return
 * whatever the mock says, so these mirror the real components' output shapes.
 */
const REMOTE_OUTPUTS: Record<string, (name: string, inputs: State, region: string) => State> = {
  "awsx:ec2:Vpc": (name, inputs, region) => {
    const azs = (inputs.availabilityZoneNames as string[] | undefined) ?? [`${region}a`, `${region}b`];
    // A VPC in another region (the DR network) gets distinct ids: its zones name the region.
    const zoneRegion = azs[0].slice(0, -1);
    const id = zoneRegion === region ? name : `${name}-${zoneRegion}`;
    const ids = (tier: string) => azs.map((_, i) => `subnet-${id}-${tier}-${i}`);
    return {
      vpcId: `vpc-${id}`,
      publicSubnetIds: ids("public"),
      privateSubnetIds: ids("private"),
      isolatedSubnetIds: ids("isolated"),
    };
  },
  // --- eks:index:Cluster (components/cluster) --------------------------------------------------
  // Output names from node_modules/@pulumi/eks/cluster.d.ts. `eksCluster` is a resource in a real
  // run; a plain object here, which the component reads through lifted property access only.
  "eks:index:Cluster": (name, inputs, region) => {
    const clusterName = (inputs.name as string | undefined) ?? name;
    const issuer = `oidc.eks.${region}.amazonaws.com/id/MOCK${clusterName.length}OIDC`;
    const endpoint = `https://MOCK${clusterName.length}.gr7.${region}.eks.amazonaws.com`;
    const kubeconfig = {
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name: clusterName, cluster: { server: endpoint, "certificate-authority-data": "bW9jaw==" } }],
      contexts: [{ name: clusterName, context: { cluster: clusterName, user: clusterName } }],
      "current-context": clusterName,
      users: [
        {
          name: clusterName,
          user: {
            exec: {
              apiVersion: "client.authentication.k8s.io/v1beta1",
              command: "aws",
              args: ["eks", "get-token", "--cluster-name", clusterName],
            },
          },
        },
      ],
    };
    return {
      eksCluster: {
        name: clusterName,
        endpoint,
        arn: `arn:aws:eks:${region}:${MOCK_ACCOUNT_ID}:cluster/${clusterName}`,
        vpcConfig: { clusterSecurityGroupId: `sg-${name}-cluster` },
      },
      clusterSecurityGroupId: `sg-${name}-cluster`,
      nodeSecurityGroupId: `sg-${name}-cluster`,
      kubeconfig,
      kubeconfigJson: JSON.stringify(kubeconfig),
      oidcProviderArn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:oidc-provider/${issuer}`,
      oidcProviderUrl: `https://${issuer}`,
      oidcIssuer: issuer,
    };
  },
};

// ---- edge (components/edge) ----
/** CloudFront's fixed alias hosted zone id (Route 53 API reference, AliasTarget). */
export const MOCK_CLOUDFRONT_ZONE_ID = "Z2FDTNDATAQYW2";
/**
 * What every mocked `random.RandomPassword` generates (the edge's CloudFront origin secret, the
 * Grafana admin password, ...). A fixed value, so secrets tests can plant it and search for it.
 */
export const MOCK_RANDOM_RESULT = "mock-random-result-0123456789abcdefghijklmnop";
/** The mocked Route 53 hosted zone id returned by `route53.getZone`. */
export const MOCK_HOSTED_ZONE_ID = "Z0MOCKZONE000001";

/**
 * The Events API v2 routing key PagerDuty generates for a service integration (32 characters,
 * like the real ones), from the integration's id; secrets tests search for it in clear.
 */
export const mockPagerDutyKey = (id: string) => `PDMOCK${id.replace(/[^A-Za-z0-9]/g, "")}`.padEnd(32, "0").slice(0, 32);

/** What a mock answer is computed from. */
interface AnswerContext {
  /** The physical name when the program set one (`inputs.name`), else the logical name. */
  name: string;
  id: string;
  region: string;
  inputs: State;
}

/**
 * The one table of attributes the providers compute, keyed by resource type: every type has at
 * most one entry (a second one for the same type is a type error here, not a silent override).
 * Types not listed get `arn:aws:<service>:<region>:<account>:<name>`.
 */
const ANSWERS: Record<string, (c: AnswerContext) => State> = {
  "aws:kms/key:Key": ({ id, region }) => ({ arn: `arn:aws:kms:${region}:${MOCK_ACCOUNT_ID}:key/${id}`, keyId: id }),
  "aws:cloudwatch/logGroup:LogGroup": ({ name, region }) => ({
    arn: `arn:aws:logs:${region}:${MOCK_ACCOUNT_ID}:log-group:${name}`,
  }),
  "aws:sns/topic:Topic": ({ name, region }) => ({ arn: `arn:aws:sns:${region}:${MOCK_ACCOUNT_ID}:${name}` }),
  "aws:iam/role:Role": ({ name }) => ({ arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/${name}` }),
  // IAM names service-linked roles itself: AWSServiceRoleFor<Service> under /aws-service-role/<service>/.
  "aws:iam/serviceLinkedRole:ServiceLinkedRole": ({ inputs }) => {
    const service = String(inputs.awsServiceName);
    const stem = service.split(".")[0];
    const roleName = `AWSServiceRoleFor${stem === "autoscaling" ? "AutoScaling" : stem[0].toUpperCase() + stem.slice(1)}`;
    return {
      arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/aws-service-role/${service}/${roleName}`,
      name: roleName,
      path: `/aws-service-role/${service}/`,
    };
  },
  // --- database (components/database): RDS instance and proxy endpoints, secret and function ARNs ---
  "aws:rds/instance:Instance": ({ name, region, inputs }) => {
    const identifier = (inputs.identifier as string | undefined) ?? name;
    const address = `${identifier}.cmock0example.${region}.rds.amazonaws.com`;
    return {
      arn: `arn:aws:rds:${region}:${MOCK_ACCOUNT_ID}:db:${identifier}`,
      identifier,
      address,
      endpoint: `${address}:5432`,
      port: inputs.port ?? 5432,
      resourceId: `db-${identifier
        .toUpperCase()
        .replace(/[^A-Z0-9]/g, "")
        .slice(-24)}`,
      username: inputs.username ?? "commerce_admin",
      dbName: inputs.dbName ?? "commerce",
    };
  },
  "aws:rds/proxy:Proxy": ({ name, id, region }) => ({
    arn: `arn:aws:rds:${region}:${MOCK_ACCOUNT_ID}:db-proxy:prx-${id}`,
    endpoint: `${name}.proxy-cmock0example.${region}.rds.amazonaws.com`,
  }),
  "aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup": ({ id, region }) => ({
    arn: `arn:aws:rds:${region}:${MOCK_ACCOUNT_ID}:target-group:prx-tg-${id}`,
    name: "default",
  }),
  "aws:secretsmanager/secret:Secret": ({ name, region }) => ({
    arn: `arn:aws:secretsmanager:${region}:${MOCK_ACCOUNT_ID}:secret:${name}-AbCdEf`,
  }),
  "aws:lambda/function:Function": ({ name, region }) => ({ arn: `arn:aws:lambda:${region}:${MOCK_ACCOUNT_ID}:function:${name}` }),
  // --- cache (components/cache): ElastiCache ARNs by id; TLS endpoints as `master.`/`replica.` names ---
  "aws:elasticache/replicationGroup:ReplicationGroup": ({ region, inputs }) => {
    const id = String(inputs.replicationGroupId);
    const host = (role: string) => `${role}.${id}.mock0e.${region}.cache.amazonaws.com`;
    return {
      arn: `arn:aws:elasticache:${region}:${MOCK_ACCOUNT_ID}:replicationgroup:${id}`,
      primaryEndpointAddress: host("master"),
      readerEndpointAddress: host("replica"),
    };
  },
  "aws:elasticache/user:User": ({ region, inputs }) => ({
    arn: `arn:aws:elasticache:${region}:${MOCK_ACCOUNT_ID}:user:${String(inputs.userId)}`,
  }),
  "aws:elasticache/userGroup:UserGroup": ({ region, inputs }) => ({
    arn: `arn:aws:elasticache:${region}:${MOCK_ACCOUNT_ID}:usergroup:${String(inputs.userGroupId)}`,
  }),
  // components/cluster: launch templates are referenced by version from node groups.
  "aws:ec2/launchTemplate:LaunchTemplate": ({ id, region }) => ({
    arn: `arn:aws:ec2:${region}:${MOCK_ACCOUNT_ID}:launch-template/${id}`,
    latestVersion: 1,
    defaultVersion: 1,
  }),
  // S3 ARNs have no region or account.
  "aws:s3/bucket:Bucket": ({ name, region, inputs }) => {
    const bucket = (inputs.bucket as string | undefined) ?? name;
    return {
      bucket,
      arn: `arn:aws:s3:::${bucket}`,
      bucketDomainName: `${bucket}.s3.amazonaws.com`,
      bucketRegionalDomainName: `${bucket}.s3.${region}.amazonaws.com`,
    };
  },
  // components/service: repository URLs are `<account>.dkr.ecr.<region>.amazonaws.com/<name>`.
  "aws:ecr/repository:Repository": ({ name, region }) => ({
    arn: `arn:aws:ecr:${region}:${MOCK_ACCOUNT_ID}:repository/${name}`,
    repositoryUrl: `${MOCK_ACCOUNT_ID}.dkr.ecr.${region}.amazonaws.com/${name}`,
  }),
  "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": ({ name, region }) => ({
    arn: `arn:aws:firehose:${region}:${MOCK_ACCOUNT_ID}:deliverystream/${name}`,
  }),
  "random:index/randomPassword:RandomPassword": () => ({
    result: MOCK_RANDOM_RESULT,
    bcryptHash: "$2a$10$mockmockmockmockmockmu",
  }),
  // --- edge: ALB, CloudFront, ACM, WAF, Route 53, log delivery ---
  // The load balancer controller writes the ALB's DNS name into the Ingress's status once it is built.
  "kubernetes:networking.k8s.io/v1:Ingress": ({ inputs, region }) => {
    const annotations = ((inputs.metadata as State | undefined)?.annotations ?? {}) as Record<string, string>;
    const name = annotations["alb.ingress.kubernetes.io/load-balancer-name"] ?? "k8s-mock";
    return { status: { loadBalancer: { ingress: [{ hostname: mockAlb(name, region).dnsName }] } } };
  },
  "aws:cloudfront/distribution:Distribution": ({ id }) => ({
    arn: `arn:aws:cloudfront::${MOCK_ACCOUNT_ID}:distribution/${id}`,
    domainName: `${id}.cloudfront.net`,
    hostedZoneId: MOCK_CLOUDFRONT_ZONE_ID,
  }),
  "aws:acm/certificate:Certificate": ({ id, region, inputs }) => {
    const domains = [inputs.domainName as string, ...((inputs.subjectAlternativeNames as string[] | undefined) ?? [])];
    return {
      arn: `arn:aws:acm:${region}:${MOCK_ACCOUNT_ID}:certificate/${id}`,
      domainValidationOptions: domains.map((domainName) => ({
        domainName,
        resourceRecordName: `_mock.${domainName}.`,
        resourceRecordType: "CNAME",
        resourceRecordValue: `_mock.acm-validations.aws.`,
      })),
    };
  },
  "aws:acm/certificateValidation:CertificateValidation": ({ inputs }) => ({ certificateArn: inputs.certificateArn }),
  "aws:wafv2/webAcl:WebAcl": ({ name, id, region, inputs }) => ({
    arn: `arn:aws:wafv2:${region}:${MOCK_ACCOUNT_ID}:${inputs.scope === "CLOUDFRONT" ? "global" : "regional"}/webacl/${name}/${id}`,
  }),
  "aws:wafv2/ipSet:IpSet": ({ name, id, region, inputs }) => ({
    arn: `arn:aws:wafv2:${region}:${MOCK_ACCOUNT_ID}:${inputs.scope === "CLOUDFRONT" ? "global" : "regional"}/ipset/${name}/${id}`,
  }),
  "aws:route53/record:Record": ({ inputs }) => ({ fqdn: String(inputs.name).replace(/\.$/, "") }),
  // --- rum (components/rum): RUM ARNs are `appmonitor/<name>`; the monitor also has a generated id ---
  "aws:rum/appMonitor:AppMonitor": ({ name, id, region }) => ({
    arn: `arn:aws:rum:${region}:${MOCK_ACCOUNT_ID}:appmonitor/${name}`,
    appMonitorId: `00000000-0000-4000-8000-${Buffer.from(id).toString("hex").padEnd(12, "0").slice(0, 12)}`,
  }),
  "aws:cognito/identityPool:IdentityPool": ({ id, region }) => ({
    arn: `arn:aws:cognito-identity:${region}:${MOCK_ACCOUNT_ID}:identitypool/${id}`,
  }),
  "aws:cloudwatch/logDeliverySource:LogDeliverySource": ({ name }) => ({
    arn: `arn:aws:logs:us-east-1:${MOCK_ACCOUNT_ID}:delivery-source:${name}`,
  }),
  // --- on-call (components/oncall): PagerDuty generates each integration's routing key ---
  "pagerduty:index/serviceIntegration:ServiceIntegration": ({ id }) => ({ integrationKey: mockPagerDutyKey(id) }),
  "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination": ({ name }) => ({
    arn: `arn:aws:logs:us-east-1:${MOCK_ACCOUNT_ID}:delivery-destination:${name}`,
  }),
};

/** The attributes the provider computes for a custom resource (the table above, or a plain ARN). */
export function computedAttributes(type: string, c: AnswerContext): State {
  const answer = ANSWERS[type];
  if (answer) return answer(c);
  const service = type.split(":")[1]?.split("/")[0] ?? "unknown";
  return { arn: `arn:aws:${service}:${c.region}:${MOCK_ACCOUNT_ID}:${c.name}` };
}

/** An ALB as `elbv2:DescribeLoadBalancers` reports it (the controller builds it; the edge reads it by name). */
export function mockAlb(name: string, region: string) {
  const suffix = `app/${name}/50dc6c495c0c9188`;
  return {
    name,
    arn: `arn:aws:elasticloadbalancing:${region}:${MOCK_ACCOUNT_ID}:loadbalancer/${suffix}`,
    arnSuffix: suffix,
    dnsName: `${name}-1234567890.${region}.elb.amazonaws.com`,
    // eu-central-1's ALB hosted zone (ELB endpoints and quotas, AWS General Reference).
    zoneId: "Z215JYRZR1TBD5",
    loadBalancerType: "application",
    internal: false,
  };
}

/** The one table of invoke answers, keyed by token; unknown tokens answer `{}`. */
const INVOKES: Record<string, (inputs: State, region: string) => State> = {
  "aws:index/getCallerIdentity:getCallerIdentity": () => ({
    accountId: MOCK_ACCOUNT_ID,
    arn: MOCK_CALLER_ARN,
    userId: "AROAMOCK",
    id: MOCK_ACCOUNT_ID,
  }),
  "aws:index/getRegion:getRegion": (_, region) => ({ name: region, region, id: region, endpoint: `ec2.${region}.amazonaws.com` }),
  "aws:index/getPartition:getPartition": () => ({ partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" }),
  "aws:index/getAvailabilityZones:getAvailabilityZones": (_, region) => {
    const names = ["a", "b", "c"].map((z) => `${region}${z}`);
    return { names, zoneIds: names.map((_n, i) => `az${i + 1}`), id: region };
  },
  "aws:ec2/getRouteTables:getRouteTables": () => ({
    ids: ["rtb-public", "rtb-private-0", "rtb-private-1", "rtb-private-2"],
    id: "rtbs",
  }),
  "aws:iam/getPolicyDocument:getPolicyDocument": (inputs) => ({
    json: JSON.stringify({ Version: "2012-10-17", Statement: inputs.statements ?? [] }),
  }),
  // A fresh account: no service-linked role yet (infra/service-linked-roles.ts).
  "aws:iam/getRoles:getRoles": () => ({ arns: [], names: [], id: "roles" }),
  // database: the bootstrap password the primary is created with (components/database/credentials.ts)
  "aws:secretsmanager/getRandomPassword:getRandomPassword": () => ({
    randomPassword: MOCK_RANDOM_PASSWORD,
    id: "random-password",
  }),
  "aws:route53/getZone:getZone": (inputs) => ({
    zoneId: MOCK_HOSTED_ZONE_ID,
    id: MOCK_HOSTED_ZONE_ID,
    name: inputs.name,
    privateZone: false,
  }),
  "aws:lb/getLoadBalancer:getLoadBalancer": (inputs, region) => ({ ...mockAlb(String(inputs.name), region), id: "alb" }),
  // eu-central-1's ELB account (ELB ALB guide, "Enable access logs").
  "aws:elb/getServiceAccount:getServiceAccount": () => ({ arn: "arn:aws:iam::054676820928:root", id: "054676820928" }),
  // security: member mode reads the organisation-managed detector and hub.
  "aws:guardduty/getDetector:getDetector": () => ({
    id: "org0detector0000000000000000000",
    status: "ENABLED",
    findingPublishingFrequency: "FIFTEEN_MINUTES",
  }),
  "aws:securityhub/getEnabledStandards:getEnabledStandards": (_, region) => ({ id: region, standardsSubscriptions: [] }),
};

/** Parses the provider's `defaultTags` input (providers receive nested objects as JSON strings). */
export function defaultTagsOf(inputs: State): Record<string, string> {
  let value = inputs.defaultTags;
  if (typeof value === "string") value = JSON.parse(value);
  const tags = (value as { tags?: Record<string, string> } | undefined)?.tags;
  return tags ?? {};
}

/**
 * The mock answers of the harness. `providerTags` maps a provider's id to its
 * default tags so that `tagsAll` can be modelled.
 */
export class PlatformMocks implements pulumi.runtime.Mocks {
  readonly providerTags = new Map<string, Record<string, string>>();
  /**
   * Region of each explicit AWS provider by id: its invokes (zones, region) and remote components
   * answer for it. Computed ARNs keep the stack's region (tests compare them as such).
   */
  readonly providerRegions = new Map<string, string>();

  /** The region of a provider reference (`<urn>::<id>`), else the stack's. */
  regionOf(provider: string | undefined): string {
    return (provider && this.providerRegions.get(provider.split("::").pop() ?? "")) || this.region;
  }

  /**
   * @param invokes Answers that replace the table's for some invoke tokens (a test's account
   *   state, e.g. an existing service-linked role).
   */
  constructor(
    private readonly region: string,
    private readonly invokes: Record<string, State> = {},
  ) {}

  /**
   * Models the AWS provider's check step: for a taggable type, `tagsAll` is the provider's
   * `defaultTags` merged with the resource's own `tags` (resource tags win).
   */
  tagsAll(type: string, provider: string | undefined, inputs: State): Record<string, string> | undefined {
    if (!TAGGABLE_TYPES.has(type)) return undefined;
    // A provider reference is `<urn>::<id>`.
    const defaults = (provider && this.providerTags.get(provider.split("::").pop() ?? "")) || {};
    return { ...defaults, ...((inputs.tags as Record<string, string> | undefined) ?? {}) };
  }

  newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: State } {
    const inputs = args.inputs as State;
    if (args.type === "pulumi:providers:aws") {
      const id = `${args.name}-provider-id`;
      this.providerTags.set(id, defaultTagsOf(inputs));
      if (typeof inputs.region === "string") this.providerRegions.set(id, inputs.region);
      return { id, state: inputs };
    }
    const region = this.regionOf(args.provider);
    const remote = REMOTE_OUTPUTS[args.type];
    if (remote) return { id: undefined, state: { ...inputs, ...remote(args.name, inputs, region) } };
    if (!args.custom) return { id: undefined, state: {} };
    const id = `${args.name}-id`;
    const tagsAll = this.tagsAll(args.type, args.provider, inputs);
    return {
      id,
      state: {
        ...inputs,
        id,
        name: inputs.name ?? args.name,
        ...computedAttributes(args.type, {
          name: (inputs.name as string | undefined) ?? args.name,
          id,
          region: this.region,
          inputs,
        }),
        ...(tagsAll ? { tagsAll } : {}),
      },
    };
  }

  call(args: pulumi.runtime.MockCallArgs): State {
    const override = this.invokes[args.token];
    if (override) return override;
    return INVOKES[args.token]?.(args.inputs as State, this.regionOf(args.provider)) ?? {};
  }
}
