import * as aws from "@pulumi/aws";
import { PlatformConfig } from "./config";

/**
 * The first `azCount` standard availability zones of the region (local and wavelength zones need
 * opt-in and are excluded). Fails with a config-style message when the region has too few.
 */
export async function availabilityZones(
  config: PlatformConfig,
  provider: aws.Provider,
  region: string = config.region,
): Promise<string[]> {
  const result = await aws.getAvailabilityZones(
    { state: "available", filters: [{ name: "opt-in-status", values: ["opt-in-not-required"] }] },
    { provider },
  );
  const names = [...result.names].sort();
  const wanted = config.network.azCount;
  if (names.length < wanted) {
    throw new Error(
      `stack "${config.stack}": config key "${config.project}:azCount" is ${wanted}, but region ${region} has only ${names.length} available zones (${names.join(", ")})`,
    );
  }
  return names.slice(0, wanted);
}
