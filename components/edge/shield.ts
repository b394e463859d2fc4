import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Naming } from "../../lib/naming";

/**
 * Shield Advanced protections for the ALB and the distribution. Only the protections are managed
 * here: the subscription (3,000 USD/month per organization with a one-year commitment, AWS Shield
 * pricing page) is an account decision bought once outside this program; see docs/edge.md.
 */
export function createShieldProtections(
  parent: pulumi.Resource,
  naming: Naming,
  usEast1Provider: aws.Provider,
  resources: Record<string, pulumi.Input<string>>,
) {
  return Object.entries(resources).map(
    ([key, resourceArn]) =>
      new aws.shield.Protection(
        `shield-${key}`,
        { name: naming.physical(key), resourceArn, tags: { Name: naming.physical(`shield-${key}`) } },
        // The Shield Advanced API is served from us-east-1 for every protected resource.
        { parent, provider: usEast1Provider },
      ),
  );
}
