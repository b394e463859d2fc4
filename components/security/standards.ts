/**
 * The Security Hub CSPM standards this platform subscribes to, as regional ARNs.
 *
 * Sources:
 * - FSBP v1.0.0 and PCI DSS v4.0.1: the `standardsArn` table of `aws.securityhub.StandardsSubscription`
 *   in @pulumi/aws 7.48 (securityhub/standardsSubscription.d.ts), which lists every standard's ARN
 *   in the form `arn:<partition>:securityhub:<region>::standards/<id>/v/<version>`.
 * - CIS AWS Foundations Benchmark v3.0.0: the same table, and the Security Hub user guide page
 *   "CIS AWS Foundations Benchmark in Security Hub CSPM"
 *   (https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-standards-cis.html).
 *   CIS v5.0.0 also exists (finding payloads carry `.../cis-aws-foundations-benchmark/v/5.0.0`) but
 *   is not in the 7.48 table; confirm with `aws securityhub describe-standards` before switching.
 * Only CIS v1.2.0 uses the legacy global form `arn:aws:securityhub:::ruleset/...`; it is not used.
 */
export const STANDARDS = {
  fsbp: "aws-foundational-security-best-practices/v/1.0.0",
  cis: "cis-aws-foundations-benchmark/v/3.0.0",
  pciDss: "pci-dss/v/4.0.1",
} as const;

export type StandardKey = keyof typeof STANDARDS;

export function standardArn(partition: string, region: string, key: StandardKey): string {
  return `arn:${partition}:securityhub:${region}::standards/${STANDARDS[key]}`;
}
