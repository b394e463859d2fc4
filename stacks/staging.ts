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
};
