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
  observability: {
    // One replica, a week of metrics and logs: dev data is disposable.
    prometheusRetentionDays: 7,
    prometheusVolumeGiB: 20,
    prometheusReplicas: 1,
    grafanaVolumeGiB: 5,
    logRetentionDays: 7,
    traceSamplingPercent: 100,
    logArchive: false,
    logArchiveGlacierDays: 30,
    logArchiveExpireDays: 365,
    canary: false,
  },
};
