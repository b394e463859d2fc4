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
  observability: {
    // Two Prometheus replicas; 30 days of metrics; logs 90 days hot, archived 7 years (Glacier after 30 days).
    prometheusRetentionDays: 30,
    prometheusVolumeGiB: 200,
    prometheusReplicas: 2,
    grafanaVolumeGiB: 10,
    logRetentionDays: 90,
    traceSamplingPercent: 10,
    logArchive: true,
    logArchiveGlacierDays: 30,
    logArchiveExpireDays: 2557,
    canary: true,
  },
};
