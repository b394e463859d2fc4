import { EnvironmentProfile } from "./profile";

/** Staging: shaped like prod (HA networking, endpoints) so that releases are rehearsed on it. */
export const staging: EnvironmentProfile = {
  highAvailability: true,
  protectStatefulResources: false,
  network: {
    azCount: 3,
    natStrategy: "OnePerAz",
    flowLogRetentionDays: 30,
    interfaceEndpoints: true,
  },
  edge: {
    wafRateLimit: 2000,
    blockAnonymousIps: false,
    accessLogExpiryDays: 30,
    wafLogRetentionDays: 30,
    priceClass: "PriceClass_100",
    shieldAdvanced: false,
  },
};
