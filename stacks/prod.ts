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
  // Private API endpoint only (deploy from a runner inside the VPC, see docs/cluster.md).
  cluster: {
    publicAccessCidrs: [],
    controlPlaneLogRetentionDays: 365,
    spotAllowed: false,
    nodeGroups: {
      system: {
        capacityType: "ON_DEMAND",
        instanceTypes: ["m7g.large"],
        minSize: 3,
        desiredSize: 3,
        maxSize: 6,
        diskSizeGiB: 50,
      },
      apps: {
        capacityType: "ON_DEMAND",
        instanceTypes: ["m7g.xlarge", "m6g.xlarge"],
        minSize: 3,
        desiredSize: 3,
        maxSize: 12,
        diskSizeGiB: 50,
      },
    },
    namespaceQuota: { requestsCpu: "16", requestsMemory: "32Gi", limitsCpu: "32", limitsMemory: "64Gi", pods: 200 },
  },
};
