import { s3AclNoPublic } from "../policies/s3/bucket-acl-disallow-public";
import { s3OwnershipEnforced } from "../policies/s3/bucket-ownership-require-enforced";
import { s3PolicyNoPublicPrincipal } from "../policies/s3/bucket-policy-disallow-public-principal";
import { s3PolicyRequireTls } from "../policies/s3/bucket-policy-require-tls";
import { s3PublicAccessBlockAll } from "../policies/s3/bucket-public-access-block-require-all";
import { s3SseRequireKms } from "../policies/s3/bucket-sse-require-kms";
import { s3VersioningEnabled } from "../policies/s3/bucket-versioning-require-enabled";
import { UNKNOWN_STRING } from "../lib/props";
import { assertEqual, describePolicy, Props, remediate } from "./helpers";

const BUCKET = "arn:aws:s3:::b2b-prod-assets";
const tlsDeny = {
  Sid: "DenyInsecureTransport",
  Effect: "Deny",
  Principal: "*",
  Action: "s3:*",
  Resource: [BUCKET, `${BUCKET}/*`],
  Condition: { Bool: { "aws:SecureTransport": "false" } },
};
const cloudfront = {
  Sid: "CloudFrontRead",
  Effect: "Allow",
  Principal: { Service: "cloudfront.amazonaws.com" },
  Action: "s3:GetObject",
  Resource: `${BUCKET}/*`,
  Condition: { StringEquals: { "AWS:SourceArn": "arn:aws:cloudfront::123456789012:distribution/E1" } },
};
const doc = (st: Props[]) => JSON.stringify({ Version: "2012-10-17", Statement: st });

describe("policy-pack s3", () => {
  describePolicy({
    policy: s3SseRequireKms,
    type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    compliant: {
      bucket: "b",
      rules: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: UNKNOWN_STRING },
          bucketKeyEnabled: true,
        },
      ],
    },
    alsoCompliant: [
      {
        name: "the V2 alias type",
        type: "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
        change: () => undefined,
      },
      {
        name: "SSE-S3 on a bucket named in sseS3Buckets (ALB access logs support no other)",
        change: (p) => (p.rules = [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]),
        config: { sseS3Buckets: ["b"] },
      },
      { name: "DSSE-KMS", change: (p) => (p.rules[0].applyServerSideEncryptionByDefault.sseAlgorithm = "aws:kms:dsse") },
      { name: "the bucket key unknown at preview", change: (p) => (p.rules[0].bucketKeyEnabled = UNKNOWN_STRING) },
      {
        name: "SSE-S3 on a bucket matched by a prefix pattern of sseS3Buckets (names ending in account and region)",
        change: (p) => (p.rules = [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]),
        config: { sseS3Buckets: ["b*"] },
      },
    ],
    violations: [
      {
        name: "SSE-S3 (AES256)",
        change: (p) => (p.rules[0].applyServerSideEncryptionByDefault.sseAlgorithm = "AES256"),
        expect: "uses AES256",
      },
      {
        name: "no key",
        change: (p) => delete p.rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId,
        expect: "names no kmsMasterKeyId",
      },
      { name: "bucket key off", change: (p) => (p.rules[0].bucketKeyEnabled = false), expect: "bucketKeyEnabled off" },
      { name: "no rules", change: (p) => (p.rules = []), expect: "No encryption rule" },
      {
        name: "no algorithm on a bucket named in sseS3Buckets (the exception is SSE-S3, not none)",
        change: (p) => (p.rules = [{ applyServerSideEncryptionByDefault: {} }]),
        expect: "uses no algorithm",
        config: { sseS3Buckets: ["b"] },
      },
      {
        name: "SSE-S3 on a bucket a prefix pattern of sseS3Buckets does not match",
        change: (p) => (p.rules = [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]),
        expect: "uses AES256",
        config: { sseS3Buckets: ["other-*"] },
      },
      {
        name: "SSE-S3 on a bucket not named in sseS3Buckets",
        change: (p) => (p.rules = [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]),
        expect: "rules[0] uses AES256; use aws:kms with a customer-managed key.",
      },
      {
        name: "SSE-S3 where sseS3Buckets holds a lone * (no blanket exception)",
        change: (p) => (p.rules = [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]),
        expect: "uses AES256",
        config: { sseS3Buckets: ["*"] },
      },
      {
        name: "SSE-S3 on a bucket whose name only ends with the pattern's prefix",
        change: (p) => ((p.bucket = "logs-b"), (p.rules = [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }])),
        expect: "uses AES256",
        config: { sseS3Buckets: ["b*"] },
      },
      {
        name: "SSE-S3 on a bucket that has the exact name as a prefix",
        change: (p) => ((p.bucket = "bb"), (p.rules = [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }])),
        expect: "uses AES256",
        config: { sseS3Buckets: ["b"] },
      },
      {
        name: "SSE-S3 without a bucket name (the exception needs the name)",
        change: (p) => (delete p.bucket, (p.rules = [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }])),
        expect: "rules[0] uses AES256",
        config: { sseS3Buckets: ["b*"] },
      },
      {
        name: "the second rule without a key and with the bucket key off",
        change: (p) =>
          p.rules.push({ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms:dsse" }, bucketKeyEnabled: false }),
        expect: "rules[1] names no kmsMasterKeyId; the AWS-managed key would be used. Set the data key's ARN.",
      },
      {
        name: "no rules property",
        change: (p) => delete p.rules,
        expect: "No encryption rule. Add one with sseAlgorithm aws:kms and a customer-managed key.",
      },
    ],
    unknown: ["rules", "rules.0.applyServerSideEncryptionByDefault.sseAlgorithm"],
  });
  const pab = {
    bucket: "b",
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  };
  describePolicy({
    policy: s3PublicAccessBlockAll,
    type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    compliant: pab,
    violations: [
      { name: "blockPublicPolicy off", change: (p) => (p.blockPublicPolicy = false), expect: "blockPublicPolicy not true" },
      { name: "restrictPublicBuckets unset", change: (p) => delete p.restrictPublicBuckets, expect: "restrictPublicBuckets" },
      {
        name: "two settings off",
        change: (p) => ((p.blockPublicAcls = false), (p.ignorePublicAcls = "false")),
        expect: "blockPublicAcls, ignorePublicAcls not true. Turn all four settings on.",
      },
    ],
    alsoCompliant: [{ name: "settings as strings", change: (p) => (p.blockPublicAcls = "true") }],
  });
  it("remediation turns the missing public access block settings on", async () => {
    const fixed = await remediate(s3PublicAccessBlockAll, {
      type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
      props: { ...pab, blockPublicPolicy: false },
    });
    assertEqual([fixed?.blockPublicPolicy, fixed?.bucket], [true, "b"], "remediated");
  });
  describePolicy({
    policy: s3OwnershipEnforced,
    type: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    compliant: { bucket: "b", rule: { objectOwnership: "BucketOwnerEnforced" } },
    violations: [
      {
        name: "ObjectWriter",
        change: (p) => (p.rule.objectOwnership = "ObjectWriter"),
        expect: "objectOwnership is ObjectWriter",
      },
    ],
  });
  describePolicy({
    policy: s3VersioningEnabled,
    type: "aws:s3/bucketVersioning:BucketVersioning",
    compliant: { bucket: "b", versioningConfiguration: { status: "Enabled" } },
    alsoCompliant: [{ name: "the V2 alias type", type: "aws:s3/bucketVersioningV2:BucketVersioningV2", change: () => undefined }],
    violations: [
      {
        name: "Suspended",
        change: (p) => (p.versioningConfiguration.status = "Suspended"),
        expect: "Versioning status is Suspended",
      },
    ],
  });
  describePolicy({
    policy: s3PolicyRequireTls,
    type: "aws:s3/bucketPolicy:BucketPolicy",
    compliant: { bucket: "b", policy: doc([tlsDeny, cloudfront]) },
    violations: [
      { name: "no TLS deny", change: (p) => (p.policy = doc([cloudfront])), expect: "No statement denies s3:*" },
      {
        name: "deny on true instead of false",
        change: (p) => (p.policy = doc([{ ...tlsDeny, Condition: { Bool: { "aws:SecureTransport": "true" } } }])),
        expect: "No statement denies",
      },
      {
        name: "an Allow with the TLS condition instead of a Deny",
        change: (p) => (p.policy = doc([{ ...tlsDeny, Effect: "Allow" }, cloudfront])),
        expect: "No statement denies s3:* when aws:SecureTransport is false. Add the TLS-only deny.",
      },
      {
        name: "the deny covers only some actions",
        change: (p) => (p.policy = doc([{ ...tlsDeny, Action: ["s3:GetObject", "s3:PutObject"] }, cloudfront])),
        expect: "No statement denies",
      },
      {
        name: "the deny has no Action (NotAction)",
        change: (p) => (p.policy = doc([{ ...tlsDeny, Action: undefined, NotAction: "s3:GetObject" }, cloudfront])),
        expect: "No statement denies",
      },
      {
        name: "a condition operator that only ends in Bool",
        change: (p) => (p.policy = doc([{ ...tlsDeny, Condition: { NotBool: { "aws:SecureTransport": "false" } } }, cloudfront])),
        expect: "No statement denies",
      },
      {
        name: "another Bool key",
        change: (p) => (p.policy = doc([{ ...tlsDeny, Condition: { Bool: { "aws:ViaAWSService": "false" } } }, cloudfront])),
        expect: "No statement denies",
      },
      { name: "an invalid document", change: (p) => (p.policy = "{not json"), expect: "The bucket policy is invalid: " },
    ],
    alsoCompliant: [
      {
        name: 'the deny on every action ("*"), with the key in other casing and Bool spelt in lower case',
        change: (p) =>
          (p.policy = doc([{ ...tlsDeny, Action: "*", Condition: { bool: { "AWS:SecureTransport": ["false"] } } }, cloudfront])),
      },
      {
        name: "the deny after other statements, with a second condition key",
        change: (p) =>
          (p.policy = doc([
            cloudfront,
            {
              ...tlsDeny,
              Condition: {
                Bool: { "aws:ViaAWSService": "true", "aws:SecureTransport": "false" },
                StringLike: { "aws:UserAgent": "*" },
              },
            },
          ])),
      },
    ],
    unknown: ["policy"],
  });
  describePolicy({
    policy: s3PolicyNoPublicPrincipal,
    type: "aws:s3/bucketPolicy:BucketPolicy",
    compliant: { bucket: "b", policy: doc([tlsDeny, cloudfront]) },
    alsoCompliant: [
      {
        name: '"*" bound to our organisation',
        change: (p) =>
          (p.policy = doc([
            {
              Effect: "Allow",
              Principal: "*",
              Action: "s3:GetObject",
              Resource: `${BUCKET}/*`,
              Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc" } },
            },
          ])),
      },
      { name: "an invalid document (reported by aws-s3-bucket-policy-require-tls)", change: (p) => (p.policy = "{not json") },
    ],
    violations: [
      {
        name: "public read",
        change: (p) =>
          (p.policy = doc([
            tlsDeny,
            { Sid: "Public", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `${BUCKET}/*` },
          ])),
        expect: "Statement Public allows principal",
      },
    ],
    unknown: ["policy"],
  });
  describePolicy({
    policy: s3AclNoPublic,
    type: "aws:s3/bucketAcl:BucketAcl",
    compliant: { bucket: "b", acl: "private" },
    violations: [
      { name: "public-read", change: (p) => (p.acl = "public-read"), expect: "public-read makes the bucket public" },
      {
        name: "a grant to AllUsers",
        change: (p) => (
          delete p.acl,
          (p.accessControlPolicy = {
            grants: [{ grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers" }, permission: "READ" }],
          })
        ),
        expect: "AllUsers",
      },
      {
        name: "a grant to AuthenticatedUsers after a private one",
        change: (p) => (
          delete p.acl,
          (p.accessControlPolicy = {
            grants: [
              { grantee: { type: "CanonicalUser", id: "abc" }, permission: "FULL_CONTROL" },
              {
                grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AuthenticatedUsers" },
                permission: "READ",
              },
            ],
          })
        ),
        expect: "A grant to http://acs.amazonaws.com/groups/global/AuthenticatedUsers makes the bucket public. Remove it.",
      },
      {
        name: "public-read-write",
        change: (p) => (p.acl = "public-read-write"),
        expect: "The canned ACL public-read-write makes the bucket public.",
      },
    ],
    alsoCompliant: [
      { name: "a grant without grantee", change: (p) => (p.accessControlPolicy = { grants: [{ permission: "READ" }] }) },
      {
        name: "the log-delivery group",
        change: (p) => (
          (p.acl = "log-delivery-write"),
          (p.accessControlPolicy = {
            grants: [{ grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/s3/LogDelivery" }, permission: "WRITE" }],
          })
        ),
      },
    ],
    unknown: ["acl"],
  });
});
