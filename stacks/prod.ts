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
};
