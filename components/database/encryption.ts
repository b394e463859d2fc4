import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { customerManagedKey, keyPolicy, logsKeyPolicy } from "../../lib/kms";
import { Naming } from "../../lib/naming";

export interface EncryptionArgs {
  naming: Naming;
  protect: boolean;
  /** Provider of the DR region; a key is created there when set. */
  drProvider?: aws.Provider;
}

/**
 * One customer-managed key for this database's data: storage (and so snapshots and replicas in the
 * region), Performance Insights, the master secret and the exported logs (which hold query text).
 * RDS, Secrets Manager and RDS Proxy use it through IAM (`kms:ViaService` grants of the callers), so
 * the key policy needs only the account statement plus the CloudWatch Logs service statement.
 *
 * A KMS key is regional: the DR replica and the replicated backups are encrypted with a second key
 * in the DR region (RDS re-encrypts on the cross-region copy).
 */
export function createKeys(parent: pulumi.Resource, args: EncryptionArgs) {
  const { naming } = args;
  const identity = aws.getCallerIdentityOutput({}, { parent });
  const region = aws.getRegionOutput({}, { parent });

  const key = customerManagedKey(parent, "db-key", {
    naming,
    aliasStem: "postgres",
    description: "PostgreSQL data, Performance Insights, master secret and logs",
    policy: logsKeyPolicy(identity.accountId, identity.arn, region.region),
    tags: { Name: naming.physical("postgres"), DataClassification: "confidential" },
    protect: args.protect,
  });

  let drKey: aws.kms.Key | undefined;
  if (args.drProvider) {
    drKey = customerManagedKey(parent, "db-dr-key", {
      naming,
      aliasStem: "postgres-dr",
      description: "PostgreSQL DR replica and replicated backups",
      policy: keyPolicy(identity.accountId, identity.arn),
      tags: { Name: naming.physical("postgres-dr"), DataClassification: "confidential" },
      protect: args.protect,
      provider: args.drProvider,
    });
  }
  return { key, drKey, identity, region };
}
