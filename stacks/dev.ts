import { EnvironmentProfile } from "./profile";

/** Development: one NAT gateway and no interface endpoints to keep the monthly bill low. */
export const dev: EnvironmentProfile = {
  highAvailability: false,
  protectStatefulResources: false,
  network: {
    azCount: 2,
    natStrategy: "Single",
    flowLogRetentionDays: 14,
    interfaceEndpoints: false,
  },
  edge: {
    // Low limit: dev traffic is engineers and CI; a runaway script is blocked early.
    wafRateLimit: 1000,
    blockAnonymousIps: false,
    accessLogExpiryDays: 14,
    wafLogRetentionDays: 14,
    // North America and Europe edges only: cheapest, enough for engineers.
    priceClass: "PriceClass_100",
    shieldAdvanced: false,
  },
};
