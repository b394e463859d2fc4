// The SQL of the database bootstrap step: one login role per workload, authenticated by IAM tokens
// (`rds_iam`), owning its own schema and nothing else. Every statement is idempotent, so the step
// re-runs on every deploy without error. Tested against real PostgreSQL (PGlite) in
// test/components/database-functions.test.ts.

const NAME = /^[a-z]([a-z0-9-]{0,30}[a-z0-9])?$/;

/** A quoted SQL identifier (names are validated first; quoting keeps hyphens legal). */
export function ident(name) {
  if (!NAME.test(name)) throw new Error(`not a workload name: ${JSON.stringify(name)}`);
  return `"${name}"`;
}

/** The literal of a validated name, for catalog lookups. */
function literal(name) {
  ident(name);
  return `'${name}'`;
}

/**
 * The statements for `users` ([{ name, iam: true }]) in database `database`. The master user runs
 * them: on RDS it has CREATEROLE and may grant `rds_iam`; it joins each workload role (without
 * using it) because PostgreSQL 16+ requires membership to create a schema owned by that role.
 */
export function bootstrapStatements(users, database) {
  const db = ident(database);
  const out = [`REVOKE ALL ON DATABASE ${db} FROM PUBLIC`, `REVOKE CREATE ON SCHEMA public FROM PUBLIC`];
  for (const u of users) {
    const role = ident(u.name);
    out.push(
      `DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = ${literal(u.name)}) THEN CREATE ROLE ${role} LOGIN; END IF; END $$`,
      // Whatever an earlier run or a person changed: login, no elevated attribute, no password.
      `ALTER ROLE ${role} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT PASSWORD NULL`,
      `GRANT rds_iam TO ${role}`,
      `GRANT ${role} TO CURRENT_USER`,
      `GRANT CONNECT, TEMPORARY ON DATABASE ${db} TO ${role}`,
      `CREATE SCHEMA IF NOT EXISTS ${role} AUTHORIZATION ${role}`,
      `ALTER SCHEMA ${role} OWNER TO ${role}`,
      `REVOKE ALL ON SCHEMA ${role} FROM PUBLIC`,
      `ALTER ROLE ${role} IN DATABASE ${db} SET search_path = ${role}`,
    );
  }
  return out;
}
