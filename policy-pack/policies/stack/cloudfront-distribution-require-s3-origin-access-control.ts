import { stackPolicy } from "../../lib/policy";
import { isUnknown, list } from "../../lib/props";
import { ofTypes, refersTo } from "../../lib/stack";
import { T } from "../../lib/types";

/** S3 REST endpoints (bucket.s3.amazonaws.com, bucket.s3.<region>., bucket.s3-<region>., dual-stack); website endpoints are matched first. */
const S3_REST = /\.s3([.-][a-z0-9.-]+)?\.amazonaws\.com(\.cn)?$/i;
/** S3 website endpoints (bucket.s3-website-<region>... or bucket.s3-website.<region>...): public buckets only. */
const S3_WEBSITE = /\.s3-website[.-][a-z0-9-]+\.amazonaws\.com(\.cn)?$/i;

/**
 * CloudFront reaches an S3 bucket three ways: origin access control (signed SigV4 requests, the
 * bucket policy admits only the distribution; what AWS recommends), the legacy origin access
 * identity (no SSE-KMS, no new Regions, no PUT/POST), or the bucket's public website endpoint. Only
 * the first keeps the bucket private and encrypted with KMS (CloudFront developer guide, "Restrict
 * access to an Amazon S3 origin"). An OAC that does not sign requests is no control either.
 */
export const cloudfrontS3OriginAccessControl = stackPolicy({
  name: "aws-cloudfront-distribution-require-s3-origin-access-control",
  description:
    "Every S3 origin of a CloudFront distribution uses an origin access control that signs requests (no origin access identity, no public website endpoint).",
  severity: "high",
  topic: "exposure",
  category: "security",
  controls: ["FSBP:CloudFront.13"],
  remediationSteps:
    "Create an aws.cloudfront.OriginAccessControl (originAccessControlOriginType s3, signingBehavior always, signingProtocol sigv4), set the origin's originAccessControlId to it, drop s3OriginConfig.originAccessIdentity, use the bucket's regional REST domain name, and allow only this distribution (aws:SourceArn) in the bucket policy.",
  validate: (s) => {
    const controls = ofTypes(s.resources, [T.cloudfrontOriginAccessControl]);
    for (const d of ofTypes(s.resources, [T.cloudfrontDistribution])) {
      const origins = d.props.origins;
      if (isUnknown(origins)) {
        s.undecided("origins", origins);
        continue;
      }
      for (const [i, raw] of (list(origins) as unknown[]).entries()) {
        const o = raw as Record<string, unknown>;
        const where = `origin ${String(o.originId ?? i)} of distribution ${d.name}`;
        const domain = o.domainName;
        const oai = (o.s3OriginConfig as { originAccessIdentity?: unknown } | undefined)?.originAccessIdentity;
        if (oai !== undefined && oai !== "") {
          s.report(`The ${where} uses a legacy origin access identity. Use an origin access control instead.`, d.urn);
          continue;
        }
        // The unknown sentinel matches neither endpoint pattern.
        if (S3_WEBSITE.test(String(domain))) {
          s.report(
            `The ${where} is the S3 website endpoint ${domain}, which needs a public bucket. Use the bucket's REST endpoint with an origin access control.`,
            d.urn,
          );
          continue;
        }
        if (isUnknown(o.customOriginConfig)) {
          s.undecided("origins.customOriginConfig", o.customOriginConfig);
          continue;
        }
        // An origin without a custom origin block is an S3 origin to CloudFront's API (the
        // provider sends an S3OriginConfig), whatever its domain; an S3 REST domain behind a
        // custom block is a bucket read without signatures, so public as well.
        const s3Domain = S3_REST.test(String(domain));
        if (o.customOriginConfig !== undefined && o.customOriginConfig !== null && !s3Domain) continue;
        const oacId = o.originAccessControlId;
        if (oacId === undefined || oacId === "" || oacId === null) {
          s.report(
            `The S3 ${where} has no origin access control: the bucket must be public for CloudFront to read it. Set originAccessControlId.`,
            d.urn,
          );
          continue;
        }
        // The control named by a known id, else the S3 controls the distribution's origins depend on.
        const byId = controls.filter((c) => !isUnknown(oacId) && c.props.id === oacId);
        const candidates =
          byId.length > 0
            ? byId
            : controls.filter(
                (c) => refersTo(d, "origins", c, ["id"]) && (c.props.originAccessControlOriginType ?? "s3") === "s3",
              );
        for (const oac of candidates) {
          const signing = oac.props.signingBehavior;
          if (isUnknown(signing)) s.undecided("signingBehavior", signing);
          else if (signing !== "always")
            s.report(
              `The S3 ${where} uses origin access control ${oac.name}, which does not sign every request (signingBehavior ${String(signing)}). Set signingBehavior to always.`,
              d.urn,
            );
        }
      }
    }
  },
});
