import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface AliasTarget {
  /** DNS name of the target (ALB or CloudFront). */
  name: pulumi.Input<string>;
  /** Hosted zone id of the target's service (the ALB's region zone or CloudFront's global zone). */
  zoneId: pulumi.Input<string>;
  /** Whether Route 53 checks the target's health (ALB yes; CloudFront does not support it). */
  evaluateTargetHealth: boolean;
  /** Also publish an AAAA record (CloudFront serves IPv6; the ALB is IPv4-only). */
  ipv6: boolean;
}

/** Route 53 alias records, keyed by host (never by position). */
export function createAliasRecords(parent: pulumi.Resource, zoneId: pulumi.Input<string>, aliases: Record<string, AliasTarget>) {
  const records: aws.route53.Record[] = [];
  for (const [host, target] of Object.entries(aliases)) {
    for (const type of target.ipv6 ? ["A", "AAAA"] : ["A"]) {
      records.push(
        new aws.route53.Record(
          `${host}-${type.toLowerCase()}`,
          {
            zoneId,
            name: host,
            type,
            aliases: [{ name: target.name, zoneId: target.zoneId, evaluateTargetHealth: target.evaluateTargetHealth }],
          },
          { parent },
        ),
      );
    }
  }
  return records;
}
