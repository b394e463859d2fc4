// Creates the workloads' database users (sql.mjs) as the master user. Invoked by the deployment
// (aws.lambda.Invocation) whenever the list of users or this code changes; idempotent.
import { connect } from "./db.mjs";
import { bootstrapStatements } from "./sql.mjs";

/** The handler with its dependencies given (tests pass a real PostgreSQL). */
export function createBootstrap(deps) {
  return async function handler(event) {
    const users = event.users ?? [];
    const secret = await deps.masterSecret();
    const client = await deps.connect(secret);
    try {
      await client.query("BEGIN");
      for (const sql of bootstrapStatements(users, secret.dbname)) await client.query(sql);
      await client.query("COMMIT");
    } catch (e) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw e;
    } finally {
      await client.end();
    }
    // Names only: nothing secret leaves the function.
    return { users: users.map((u) => u.name) };
  };
}

// The first rotation (started with the secret) may still be running on the first deploy: wait for
// the secret's first current version rather than fail.
async function masterSecret() {
  const { SecretsManagerClient, GetSecretValueCommand } = await import("@aws-sdk/client-secrets-manager");
  const sm = new SecretsManagerClient({});
  for (let attempt = 0; ; attempt++) {
    try {
      const out = await sm.send(new GetSecretValueCommand({ SecretId: process.env.SECRET_ARN }));
      return JSON.parse(out.SecretString);
    } catch (e) {
      if (e.name !== "ResourceNotFoundException" || attempt >= 9) throw e;
      await new Promise((r) => setTimeout(r, 5000));
    }
  }
}

export const handler = createBootstrap({ masterSecret, connect });
