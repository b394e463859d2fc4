// Secrets Manager rotation function for the PostgreSQL master secret (see ../credentials.ts).
//
// It changes the master password through the RDS API (ModifyDBInstance), not through a database
// connection: the function needs no network path to port 5432, so the database's security group
// keeps admitting only the cluster and the proxy. The four steps follow the Secrets Manager
// rotation contract (createSecret, setSecret, testSecret, finishSecret); each is idempotent.
// The AWS SDK v3 clients ship with the Lambda Node.js runtime.
import { DescribeDBInstancesCommand, ModifyDBInstanceCommand, RDSClient } from "@aws-sdk/client-rds";
import {
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from "@aws-sdk/client-secrets-manager";

const sm = new SecretsManagerClient({});
const rds = new RDSClient({});
const env = process.env;

export async function handler(event) {
  const { SecretId: secretId, ClientRequestToken: token, Step: step } = event;
  const meta = await sm.send(new DescribeSecretCommand({ SecretId: secretId }));
  if (!meta.RotationEnabled) throw new Error("rotation is not enabled on the secret");
  const stages = meta.VersionIdsToStages?.[token];
  if (!stages) throw new Error("the rotation token is not a version of the secret");
  if (stages.includes("AWSCURRENT")) return; // already finished
  if (!stages.includes("AWSPENDING")) throw new Error("the version is not pending");

  switch (step) {
    case "createSecret":
      return createSecret(secretId, token);
    case "setSecret":
      return setSecret(secretId, token);
    case "testSecret":
      return testSecret();
    case "finishSecret":
      return finishSecret(secretId, token, meta);
    default:
      throw new Error(`unknown step ${step}`);
  }
}

async function createSecret(secretId, token) {
  try {
    await sm.send(new GetSecretValueCommand({ SecretId: secretId, VersionId: token, VersionStage: "AWSPENDING" }));
    return; // created by an earlier attempt
  } catch (e) {
    if (e.name !== "ResourceNotFoundException") throw e;
  }
  // RDS master passwords: 8-128 printable ASCII characters except / " @ and space.
  const { RandomPassword } = await sm.send(new GetRandomPasswordCommand({ PasswordLength: 40, ExcludeCharacters: "/\"@ '\\`" }));
  const value = {
    engine: "postgres",
    host: env.DB_HOST,
    port: Number(env.DB_PORT),
    username: env.DB_USERNAME,
    password: RandomPassword,
    dbname: env.DB_NAME,
    dbInstanceIdentifier: env.DB_INSTANCE_ID,
  };
  await sm.send(
    new PutSecretValueCommand({
      SecretId: secretId,
      ClientRequestToken: token,
      SecretString: JSON.stringify(value),
      VersionStages: ["AWSPENDING"],
    }),
  );
}

async function setSecret(secretId, token) {
  const pending = await sm.send(new GetSecretValueCommand({ SecretId: secretId, VersionId: token, VersionStage: "AWSPENDING" }));
  const { password } = JSON.parse(pending.SecretString);
  await rds.send(
    new ModifyDBInstanceCommand({
      DBInstanceIdentifier: env.DB_INSTANCE_ID,
      MasterUserPassword: password,
      ApplyImmediately: true,
    }),
  );
}

// The password change is applied asynchronously; the step succeeds once RDS reports it applied.
async function testSecret() {
  for (let i = 0; i < 40; i++) {
    const { DBInstances } = await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: env.DB_INSTANCE_ID }));
    const db = DBInstances?.[0];
    if (db && db.DBInstanceStatus === "available" && !db.PendingModifiedValues?.MasterUserPassword) return;
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
  throw new Error("the master password change is still pending");
}

async function finishSecret(secretId, token, meta) {
  const current = Object.entries(meta.VersionIdsToStages ?? {}).find(([, s]) => s.includes("AWSCURRENT"))?.[0];
  await sm.send(
    new UpdateSecretVersionStageCommand({
      SecretId: secretId,
      VersionStage: "AWSCURRENT",
      MoveToVersionId: token,
      RemoveFromVersionId: current,
    }),
  );
}
