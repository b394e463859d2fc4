import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { keyPolicy } from "../../lib/kms";
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
  const key = new aws.kms.Key(
    `${name}-key`,
    {
      description: `${naming.prefix} ${description}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: keyPolicy(identity.accountId, identity.arn),
      tags: { Name: naming.physical(name), DataClassification: dataClassification },
    },
    { parent, protect },
  );
  new aws.kms.Alias(`${name}-key-alias`, { name: `alias/${naming.physical(name)}`, targetKeyId: key.keyId }, { parent });
  return key;
}
