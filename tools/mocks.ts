import * as pulumi from "@pulumi/pulumi";
import { TAGGABLE_TYPES } from "../policy-pack/taggable";

/** The account and caller every mock invoke answers with. */
export const MOCK_ACCOUNT_ID = "111122223333";
export const MOCK_CALLER_ARN = `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/platform-deployer`;
/** What the mocked `secretsmanager.getRandomPassword` returns (database bootstrap password); tests look for it. */
export const MOCK_RANDOM_PASSWORD = "MockBootstrapPassw0rdNeverInState";

type State = Record<string, unknown>;

/** The `result` every mocked `random.RandomPassword` resource returns (tests search for it in all inputs). */
export const MOCK_RANDOM_RESOURCE_PASSWORD = "mock-random-password-7f3c9a1e5b";

/**
 * Outputs of remote (multi-language) components: under mocks they register one resource and return
 * whatever the mock says, so these mirror the real components' output shapes.
 */
const REMOTE_OUTPUTS: Record<string, (name: string, inputs: State, region: string) => State> = {
  "awsx:ec2:Vpc": (name, inputs, region) => {
    const azs = (inputs.availabilityZoneNames as string[] | undefined) ?? [`${region}a`, `${region}b`];
    const ids = (tier: string) => azs.map((_, i) => `subnet-${name}-${tier}-${i}`);
    return {
      vpcId: `vpc-${name}`,
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

/** Extra attributes a provider computes for some custom resources. */
function computed(type: string, name: string, id: string, region: string, inputs: State = {}): State {
  // `name` is the physical name when the program set one, else the logical name.
  const service = type.split(":")[1]?.split("/")[0] ?? "unknown";
  const arn = `arn:aws:${service}:${region}:${MOCK_ACCOUNT_ID}:${name}`;
  switch (type) {
    case "aws:kms/key:Key":
      return { arn: `arn:aws:kms:${region}:${MOCK_ACCOUNT_ID}:key/${id}`, keyId: id };
    case "aws:cloudwatch/logGroup:LogGroup":
      return { arn: `arn:aws:logs:${region}:${MOCK_ACCOUNT_ID}:log-group:${name}` };
    case "aws:sns/topic:Topic":
      return { arn: `arn:aws:sns:${region}:${MOCK_ACCOUNT_ID}:${name}` };
    case "aws:iam/role:Role":
      return { arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/${name}` };
    // --- database (components/database): RDS instance and proxy endpoints, secret and function ARNs ---
    case "aws:rds/instance:Instance": {
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
    }
    case "aws:rds/proxy:Proxy":
      return {
        arn: `arn:aws:rds:${region}:${MOCK_ACCOUNT_ID}:db-proxy:prx-${id}`,
        endpoint: `${name}.proxy-cmock0example.${region}.rds.amazonaws.com`,
      };
    case "aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup":
      return { arn: `arn:aws:rds:${region}:${MOCK_ACCOUNT_ID}:target-group:prx-tg-${id}`, name: "default" };
    case "aws:secretsmanager/secret:Secret":
      return { arn: `arn:aws:secretsmanager:${region}:${MOCK_ACCOUNT_ID}:secret:${name}-AbCdEf` };
    case "aws:lambda/function:Function":
      return { arn: `arn:aws:lambda:${region}:${MOCK_ACCOUNT_ID}:function:${name}` };
    // --- end database ---
    // components/cluster: launch templates are referenced by version from node groups.
    case "aws:ec2/launchTemplate:LaunchTemplate":
      return { arn: `arn:aws:ec2:${region}:${MOCK_ACCOUNT_ID}:launch-template/${id}`, latestVersion: 1, defaultVersion: 1 };
    // --- observability: S3 ARNs have no region or account; Firehose ARNs; the generated password ---
    case "aws:s3/bucket:Bucket":
      return { arn: `arn:aws:s3:::${inputs.bucket ?? name}`, bucketDomainName: `${inputs.bucket ?? name}.s3.amazonaws.com` };
    case "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream":
      return { arn: `arn:aws:firehose:${region}:${MOCK_ACCOUNT_ID}:deliverystream/${name}` };
    case "random:index/randomPassword:RandomPassword":
      return { result: MOCK_RANDOM_RESOURCE_PASSWORD, bcryptHash: "$2a$10$mockmockmockmockmockmu" };
    // --- end observability ---
    // components/service: repository URLs are `<account>.dkr.ecr.<region>.amazonaws.com/<name>`.
    case "aws:ecr/repository:Repository":
      return {
        arn: `arn:aws:ecr:${region}:${MOCK_ACCOUNT_ID}:repository/${inputs.name ?? name}`,
        repositoryUrl: `${MOCK_ACCOUNT_ID}.dkr.ecr.${region}.amazonaws.com/${inputs.name ?? name}`,
      };
    default:
      return { arn };
  }
}

// ---- edge (components/edge): computed attributes of ALB, CloudFront, ACM, S3, WAF, log delivery ----
/** CloudFront's fixed alias hosted zone id (Route 53 API reference, AliasTarget). */
export const MOCK_CLOUDFRONT_ZONE_ID = "Z2FDTNDATAQYW2";
/** What the mocked `random.RandomPassword` generates (the edge's CloudFront origin secret). */
export const MOCK_RANDOM_RESULT = "mock-random-result-0123456789abcdefghijklmnop";
/** The mocked Route 53 hosted zone id returned by `route53.getZone`. */
export const MOCK_HOSTED_ZONE_ID = "Z0MOCKZONE000001";

function edgeComputed(type: string, name: string, id: string, region: string, inputs: State): State | undefined {
  switch (type) {
    case "aws:lb/loadBalancer:LoadBalancer": {
      const suffix = `app/${name}/${id}`;
      return {
        arn: `arn:aws:elasticloadbalancing:${region}:${MOCK_ACCOUNT_ID}:loadbalancer/${suffix}`,
        arnSuffix: suffix,
        dnsName: `${name}-1234567890.${region}.elb.amazonaws.com`,
        zoneId: "Z215JYRZR1TBD5",
      };
    }
    case "aws:lb/targetGroup:TargetGroup": {
      const suffix = `targetgroup/${name}/${id}`;
      return { arn: `arn:aws:elasticloadbalancing:${region}:${MOCK_ACCOUNT_ID}:${suffix}`, arnSuffix: suffix };
    }
    case "aws:lb/listener:Listener":
      return { arn: `arn:aws:elasticloadbalancing:${region}:${MOCK_ACCOUNT_ID}:listener/app/${id}` };
    case "aws:cloudfront/distribution:Distribution":
      return {
        arn: `arn:aws:cloudfront::${MOCK_ACCOUNT_ID}:distribution/${id}`,
        domainName: `${id}.cloudfront.net`,
        hostedZoneId: MOCK_CLOUDFRONT_ZONE_ID,
      };
    case "aws:acm/certificate:Certificate": {
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
    }
    case "aws:acm/certificateValidation:CertificateValidation":
      return { certificateArn: inputs.certificateArn };
    case "aws:s3/bucket:Bucket": {
      const bucket = (inputs.bucket as string | undefined) ?? name;
      return { bucket, arn: `arn:aws:s3:::${bucket}`, bucketRegionalDomainName: `${bucket}.s3.${region}.amazonaws.com` };
    }
    case "aws:wafv2/webAcl:WebAcl":
    case "aws:wafv2/ipSet:IpSet": {
      const kind = type.endsWith("WebAcl") ? "webacl" : "ipset";
      const scope = inputs.scope === "CLOUDFRONT" ? "global" : "regional";
      return { arn: `arn:aws:wafv2:${region}:${MOCK_ACCOUNT_ID}:${scope}/${kind}/${name}/${id}` };
    }
    case "aws:route53/record:Record":
      return { fqdn: String(inputs.name).replace(/\.$/, "") };
    case "random:index/randomPassword:RandomPassword":
      // A fixed value so tests can prove it never appears in plain text.
      return { result: MOCK_RANDOM_RESULT };
    case "aws:cloudwatch/logDeliverySource:LogDeliverySource":
      return { arn: `arn:aws:logs:us-east-1:${MOCK_ACCOUNT_ID}:delivery-source:${name}` };
    case "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination":
      return { arn: `arn:aws:logs:us-east-1:${MOCK_ACCOUNT_ID}:delivery-destination:${name}` };
    default:
      return undefined;
  }
}
// ---- end edge ----

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

  constructor(private readonly region: string) {}

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
      return { id, state: inputs };
    }
    const remote = REMOTE_OUTPUTS[args.type];
    if (remote) return { id: undefined, state: { ...inputs, ...remote(args.name, inputs, this.region) } };
    if (!args.custom) return { id: undefined, state: {} };
    const id = `${args.name}-id`;
    const tagsAll = this.tagsAll(args.type, args.provider, inputs);
    return {
      id,
      state: {
        ...inputs,
        id,
        name: inputs.name ?? args.name,
        ...computed(args.type, (inputs.name as string | undefined) ?? args.name, id, this.region, inputs),
        ...edgeComputed(args.type, (inputs.name as string | undefined) ?? args.name, id, this.region, inputs),
        ...(tagsAll ? { tagsAll } : {}),
      },
    };
  }

  call(args: pulumi.runtime.MockCallArgs): State {
    switch (args.token) {
      case "aws:index/getCallerIdentity:getCallerIdentity":
        return { accountId: MOCK_ACCOUNT_ID, arn: MOCK_CALLER_ARN, userId: "AROAMOCK", id: MOCK_ACCOUNT_ID };
      case "aws:index/getRegion:getRegion":
        return { name: this.region, region: this.region, id: this.region, endpoint: `ec2.${this.region}.amazonaws.com` };
      case "aws:index/getPartition:getPartition":
        return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" };
      case "aws:index/getAvailabilityZones:getAvailabilityZones": {
        const names = ["a", "b", "c"].map((z) => `${this.region}${z}`);
        return { names, zoneIds: names.map((_, i) => `az${i + 1}`), id: this.region };
      }
      case "aws:ec2/getRouteTables:getRouteTables":
        return { ids: ["rtb-public", "rtb-private-0", "rtb-private-1", "rtb-private-2"], id: "rtbs" };
      case "aws:iam/getPolicyDocument:getPolicyDocument":
        return { json: JSON.stringify({ Version: "2012-10-17", Statement: args.inputs.statements ?? [] }) };
      // database: the bootstrap password the primary is created with (components/database/credentials.ts)
      case "aws:secretsmanager/getRandomPassword:getRandomPassword":
        return { randomPassword: MOCK_RANDOM_PASSWORD, id: "random-password" };
      // ---- edge ----
      case "aws:route53/getZone:getZone":
        return { zoneId: MOCK_HOSTED_ZONE_ID, id: MOCK_HOSTED_ZONE_ID, name: args.inputs.name, privateZone: false };
      case "aws:elb/getServiceAccount:getServiceAccount":
        // eu-central-1's ELB account (ELB ALB guide, "Enable access logs").
        return { arn: "arn:aws:iam::054676820928:root", id: "054676820928" };
      // ---- end edge ----
      // ---- security (member mode reads the organisation-managed detector and hub) ----
      case "aws:guardduty/getDetector:getDetector":
        return { id: "org0detector0000000000000000000", status: "ENABLED", findingPublishingFrequency: "FIFTEEN_MINUTES" };
      case "aws:securityhub/getEnabledStandards:getEnabledStandards":
        return { id: this.region, standardsSubscriptions: [] };
      // ---- end security ----
      default:
        return {};
    }
  }
}
