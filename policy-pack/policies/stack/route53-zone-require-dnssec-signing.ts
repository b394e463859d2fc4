import { stackPolicy, type StackResource } from "../../lib/policy";
import { isUnknown } from "../../lib/props";
import { ofTypes, refersTo } from "../../lib/stack";
import { T } from "../../lib/types";
import { publicZones } from "./route53-zone-require-query-logging";

/**
 * DNSSEC signing needs both halves: the zone's signing enabled (HostedZoneDnsSec, status SIGNING
 * by default) and an active key-signing key (KeySigningKey, status ACTIVE by default, backed by an
 * asymmetric ECC_NIST_P256 KMS key in us-east-1). Either alone signs nothing.
 */
/** "on" when one resource has the status (its default when unset), "unknown" when one may have it. */
function state(rs: StackResource[], key: string, on: string): "on" | "off" | "unknown" {
  if (rs.some((r) => (r.props[key] ?? on) === on)) return "on";
  return rs.some((r) => isUnknown(r.props[key])) ? "unknown" : "off";
}

export const route53ZoneDnssecSigning = stackPolicy({
  name: "aws-route53-zone-require-dnssec-signing",
  description: "Every public Route 53 hosted zone is DNSSEC-signed: signing enabled and an active key-signing key.",
  severity: "medium",
  topic: "data-protection",
  category: "security",
  controls: { none: "No Security Hub FSBP, CIS AWS Foundations v3.0.0 or PCI DSS v4.0.1 control names DNSSEC signing." },
  remediationSteps:
    "Create an aws.route53.KeySigningKey (status ACTIVE, a customer managed ECC_NIST_P256 SIGN_VERIFY KMS key in us-east-1) and an aws.route53.HostedZoneDnsSec (signingStatus SIGNING) for the zone, then publish the DS record at the parent zone.",
  validate: (s) => {
    const dnssec = ofTypes(s.resources, [T.route53HostedZoneDnsSec]);
    const keys = ofTypes(s.resources, [T.route53KeySigningKey]);
    for (const zone of publicZones(s.resources, s.undecided)) {
      const forZone = (rs: typeof dnssec) => rs.filter((r) => refersTo(r, "hostedZoneId", zone, ["zoneId", "id"]));
      const signing = state(forZone(dnssec), "signingStatus", "SIGNING");
      const key = state(forZone(keys), "status", "ACTIVE");
      const missing: string[] = [];
      if (signing === "off") missing.push("signing enabled (aws.route53.HostedZoneDnsSec with signingStatus SIGNING)");
      if (key === "off") missing.push("an active key-signing key (aws.route53.KeySigningKey with status ACTIVE)");
      if (missing.length === 0 && (signing === "unknown" || key === "unknown"))
        s.undecided(signing === "unknown" ? "signingStatus" : "status");
      if (missing.length > 0)
        s.report(`Public hosted zone ${zone.name} is not DNSSEC-signed: it lacks ${missing.join(" and ")}.`, zone.urn);
    }
  },
});
