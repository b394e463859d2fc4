// Secrets Manager rotation function for the PostgreSQL master secret (see ../credentials.ts),
// following the four-step rotation contract (createSecret, setSecret, testSecret, finishSecret);
// every step is idempotent and may be retried.
//
// - setSecret changes the password with ModifyDBInstance and ApplyImmediately: false. A master
//   password change is applied asynchronously as soon as possible whatever ApplyImmediately says
//   (RDS API reference, ModifyDBInstance, MasterUserPassword), while ApplyImmediately: true would
//   also apply every modification queued for the maintenance window (instance class, storage, CA).
// - testSecret logs in to the database with the pending password (the function runs in the VPC,
//   admitted by the database's security group) and retries while RDS has not applied it yet; it
//   fails the step if the password never works. Until then AWSCURRENT is untouched and, since RDS
//   has not applied the change, the current password still logs in.
// - finishSecret moves AWSCURRENT only after testSecret succeeded (Secrets Manager runs the steps in order).
import { connect as pgConnect } from "./db.mjs";

/** The handler with its dependencies given (tests pass a real PostgreSQL and in-memory APIs). */
export function createRotation(deps) {
  const { sm, rds, connect, sleep = (ms) => new Promise((r) => setTimeout(r, ms)), env = process.env } = deps;
  const retryMs = Number(env.TEST_RETRY_MS ?? 5000);

  async function version(secretId, stage, versionId) {
    const out = await sm("GetSecretValue", {
      SecretId: secretId,
      VersionStage: stage,
      ...(versionId ? { VersionId: versionId } : {}),
    });
    return JSON.parse(out.SecretString);
  }

  async function canLogIn(secret) {
    try {
      const client = await connect(secret);
      try {
        await client.query("SELECT 1");
      } finally {
        await client.end();
      }
      return true;
    } catch {
      return false;
    }
  }

  async function createSecret(secretId, token) {
    try {
      await version(secretId, "AWSPENDING", token);
      return; // created by an earlier attempt
    } catch (e) {
      if (e.name !== "ResourceNotFoundException") throw e;
    }
    // The secret starts without a version: the first rotation builds it from the instance's facts.
    const current = await version(secretId, "AWSCURRENT").catch((e) => {
      if (e.name !== "ResourceNotFoundException") throw e;
      return { engine: "postgres", host: env.DB_HOST, port: Number(env.DB_PORT), username: env.DB_USERNAME, dbname: env.DB_NAME };
    });
    // RDS master passwords: printable ASCII except / " @ and space.
    const { RandomPassword } = await sm("GetRandomPassword", { PasswordLength: 40, ExcludeCharacters: "/\"@ '\\`" });
    await sm("PutSecretValue", {
      SecretId: secretId,
      ClientRequestToken: token,
      SecretString: JSON.stringify({ ...current, password: RandomPassword }),
      VersionStages: ["AWSPENDING"],
    });
  }

  async function setSecret(secretId, token) {
    const pending = await version(secretId, "AWSPENDING", token);
    if (await canLogIn(pending)) return; // set by an earlier attempt
    await rds("ModifyDBInstance", {
      DBInstanceIdentifier: env.DB_INSTANCE_ID,
      MasterUserPassword: pending.password,
      ApplyImmediately: false,
    });
  }

  async function testSecret(secretId, token, remainingMs) {
    const pending = await version(secretId, "AWSPENDING", token);
    // Keep 10 s for the last attempt and the answer; a timeout would leave no error to read.
    const deadline = Date.now() + Math.max(0, remainingMs() - 10_000);
    for (;;) {
      if (await canLogIn(pending)) return;
      if (Date.now() + retryMs > deadline) throw new Error("the pending password does not log in (yet); AWSCURRENT is unchanged");
      await sleep(retryMs);
    }
  }

  async function finishSecret(secretId, token, meta) {
    const current = Object.entries(meta.VersionIdsToStages ?? {}).find(([, s]) => s.includes("AWSCURRENT"))?.[0];
    if (current === token) return;
    await sm("UpdateSecretVersionStage", {
      SecretId: secretId,
      VersionStage: "AWSCURRENT",
      MoveToVersionId: token,
      RemoveFromVersionId: current,
    });
  }

  return async function handler(event, context) {
    const { SecretId: secretId, ClientRequestToken: token, Step: step } = event;
    const remainingMs = () => context?.getRemainingTimeInMillis?.() ?? 300_000;
    const meta = await sm("DescribeSecret", { SecretId: secretId });
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
        return testSecret(secretId, token, remainingMs);
      case "finishSecret":
        return finishSecret(secretId, token, meta);
      default:
        throw new Error(`unknown step ${step}`);
    }
  };
}

/** The AWS SDK v3 clients ship with the Lambda Node.js runtime; loaded on first use. */
async function awsClients() {
  const smod = await import("@aws-sdk/client-secrets-manager");
  const rmod = await import("@aws-sdk/client-rds");
  const smClient = new smod.SecretsManagerClient({});
  const rdsClient = new rmod.RDSClient({});
  return {
    sm: (op, input) => smClient.send(new smod[`${op}Command`](input)),
    rds: (op, input) => rdsClient.send(new rmod[`${op}Command`](input)),
  };
}

let real;
export async function handler(event, context) {
  real ??= awsClients().then((c) => createRotation({ ...c, connect: pgConnect }));
  return (await real)(event, context);
}
