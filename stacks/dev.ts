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
};
