import { EnvironmentProfile } from "./profile";

/** Production: every HA and protection switch on; retention long enough for incident review. */
export const prod: EnvironmentProfile = {
  highAvailability: true,
  protectStatefulResources: true,
  network: {
    azCount: 3,
    natStrategy: "OnePerAz",
    flowLogRetentionDays: 365,
    interfaceEndpoints: true,
  },
  edge: {
    // Per client IP per 5 minutes; B2B buyers behind one corporate NAT share an IP, so not lower.
    wafRateLimit: 2000,
    blockAnonymousIps: true,
    // A year of access logs for incident review and audits.
    accessLogExpiryDays: 365,
    wafLogRetentionDays: 365,
    // Every edge location: customers order from all regions.
    priceClass: "PriceClass_All",
    // Off by default: 3,000 USD/month plus a 1-year commitment; see docs/edge.md.
    shieldAdvanced: false,
  },
};
