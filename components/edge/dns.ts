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
  /**
   * Failover routing: this target is the PRIMARY, answered while its health check passes; the
   * optional secondary (the DR region's load balancer) takes over when it fails.
   */
  failover?: { healthCheckId: pulumi.Input<string>; secondary?: { name: pulumi.Input<string>; zoneId: pulumi.Input<string> } };
}

/** Route 53 alias records, keyed by host (never by position). */
export function createAliasRecords(parent: pulumi.Resource, zoneId: pulumi.Input<string>, aliases: Record<string, AliasTarget>) {
  const records: aws.route53.Record[] = [];
  for (const [host, target] of Object.entries(aliases)) {
    for (const type of target.ipv6 ? ["A", "AAAA"] : ["A"]) {
      const failover = target.failover;
      records.push(
        new aws.route53.Record(
          `${host}-${type.toLowerCase()}`,
          {
            zoneId,
            name: host,
            type,
            aliases: [{ name: target.name, zoneId: target.zoneId, evaluateTargetHealth: target.evaluateTargetHealth }],
            ...(failover
              ? {
                  setIdentifier: "primary",
                  failoverRoutingPolicies: [{ type: "PRIMARY" }],
                  healthCheckId: failover.healthCheckId,
                }
              : {}),
          },
          { parent },
        ),
      );
      if (failover?.secondary) {
        records.push(
          new aws.route53.Record(
            `${host}-${type.toLowerCase()}-secondary`,
            {
              zoneId,
              name: host,
              type,
              setIdentifier: "secondary",
              failoverRoutingPolicies: [{ type: "SECONDARY" }],
              aliases: [{ name: failover.secondary.name, zoneId: failover.secondary.zoneId, evaluateTargetHealth: true }],
            },
            { parent },
          ),
        );
      }
    }
  }
  return records;
}

/** What Route 53 checks per public host: HTTPS on 443, the path, every 30 s, unhealthy after 3 failures. */
export interface HostHealthCheck {
  host: string;
  path: string;
}

/**
 * Route 53 health checks of the public hosts (from Route 53's checkers in several regions): they
 * drive the failover records and show in the Route 53 console which host is down.
 */
export function createHealthChecks(parent: pulumi.Resource, namePrefix: string, checks: Record<string, HostHealthCheck>) {
  return Object.fromEntries(
    Object.entries(checks).map(([key, check]) => [
      key,
      new aws.route53.HealthCheck(
        `health-${key}`,
        {
          type: "HTTPS",
          fqdn: check.host,
          port: 443,
          resourcePath: check.path,
          enableSni: true,
          requestInterval: 30,
          failureThreshold: 3,
          measureLatency: true,
          tags: { Name: `${namePrefix}-${key}` },
        },
        { parent },
      ),
    ]),
  );
}
