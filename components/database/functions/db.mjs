// Opens a TLS connection to PostgreSQL with a secret's credentials (the `pg` client, bundled with
// the functions). The Node.js 20+ Lambda runtimes do not trust the RDS CA by default; the function
// sets NODE_EXTRA_CA_CERTS=/var/runtime/ca-cert.pem, which holds it (AWS Lambda developer guide,
// "Building Lambda functions with Node.js", certificate loading).
export async function connect(secret) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({
    host: secret.host,
    port: secret.port,
    user: secret.username,
    password: secret.password,
    database: secret.dbname,
    ssl: { rejectUnauthorized: true },
    connectionTimeoutMillis: 5000,
  });
  await client.connect();
  return client;
}
