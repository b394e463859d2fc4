/** Reads the same setting from either EKS cluster type: the AWS resource or the eks remote component's inputs. */
import { get } from "./props";
import { T } from "./types";

export const EKS_CLUSTERS = [T.eksCluster, T.eksComponentCluster];
export const NODE_GROUPS = [T.eksNodeGroup, "eks:index:ManagedNodeGroup"];

/** [path, value] of a setting, by cluster type. Defaults are the AWS/eks-component defaults. */
export function clusterSetting(
  type: string,
  props: Record<string, unknown>,
  setting: "publicAccess" | "publicCidrs" | "logTypes" | "authMode",
): [string, unknown] {
  const aws = type === T.eksCluster;
  switch (setting) {
    case "publicAccess":
      return aws
        ? ["vpcConfig.endpointPublicAccess", get(props, "vpcConfig.endpointPublicAccess") ?? true]
        : ["endpointPublicAccess", props.endpointPublicAccess ?? true];
    case "publicCidrs":
      return aws
        ? ["vpcConfig.publicAccessCidrs", get(props, "vpcConfig.publicAccessCidrs")]
        : ["publicAccessCidrs", props.publicAccessCidrs];
    case "logTypes":
      return ["enabledClusterLogTypes", props.enabledClusterLogTypes];
    case "authMode":
      return aws
        ? ["accessConfig.authenticationMode", get(props, "accessConfig.authenticationMode") ?? "CONFIG_MAP"]
        : ["authenticationMode", props.authenticationMode ?? "CONFIG_MAP"];
  }
}
