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
  observability: {
    prometheusRetentionDays: 15,
    prometheusVolumeGiB: 50,
    prometheusReplicas: 1,
    grafanaVolumeGiB: 10,
    logRetentionDays: 30,
    traceSamplingPercent: 25,
    logArchive: false,
    logArchiveGlacierDays: 30,
    logArchiveExpireDays: 365,
    canary: true,
  },
};
