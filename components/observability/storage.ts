import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { customerManagedKey, keyPolicy } from "../../lib/kms";
import { Naming } from "../../lib/naming";
import { DataClassification } from "../../lib/secure-bucket";

/**
 * The customer-managed key of the observability data stores (log archive, canary artifacts):
 * administered through IAM; the services that write with it get grants through their roles.
 */
export function dataKey(
  parent: pulumi.Resource,
  naming: Naming,
  name: string,
  description: string,
  dataClassification: DataClassification,
  protect: boolean,
) {
  const identity = aws.getCallerIdentityOutput({}, { parent });
  return customerManagedKey(parent, `${name}-key`, {
    naming,
    aliasStem: name,
    description,
    policy: keyPolicy(identity.accountId, identity.arn),
    tags: { Name: naming.physical(name), DataClassification: dataClassification },
    protect,
  });
}
