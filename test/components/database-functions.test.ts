/**
 * The database functions against a real PostgreSQL (PGlite, WASM PostgreSQL 17, served on a socket
 * so the functions' `pg` client speaks the wire protocol to it). PGlite's socket server does not
 * authenticate (every session is its superuser), so a login is proven the way PostgreSQL proves
 * it: the password is checked against the SCRAM-SHA-256 verifier PostgreSQL stored for the role
 * (RFC 5802/7677), then the session runs as that role.
 */
import { strict as assert } from "node:assert";
import { createHash, createHmac, pbkdf2Sync, timingSafeEqual } from "node:crypto";
import type { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import pg from "pg";
import { freshPGlite } from "../support/pglite";

type Secret = { username: string; password: string; dbname: string; host?: string; port?: number };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

describe("database functions against PostgreSQL (PGlite)", function () {
  this.timeout(60_000);
  let db: PGlite;
  let server: PGLiteSocketServer;
  let port: number;

  /**
   * A client on the socket, running as `role` (SET ROLE: privileges are the role's). PGlite has one
   * backend behind the socket, so the session's role is reset when the client ends.
   */
  async function session(role?: string): Promise<pg.Client> {
    const c = new pg.Client({ host: "127.0.0.1", port, user: "postgres", database: "postgres" });
    await c.connect();
    if (role) await c.query(`SET ROLE "${role}"`);
    const end = c.end.bind(c);
    c.end = (async () => {
      await c.query("RESET ROLE");
      await end();
    }) as typeof c.end;
    return c;
  }

  /** PostgreSQL's SCRAM-SHA-256 check of `password` against the role's stored verifier. */
  async function passwordMatches(role: string, password: string): Promise<boolean> {
    const r = await db.query<{ rolpassword: string | null }>("SELECT rolpassword FROM pg_authid WHERE rolname = $1", [role]);
    const stored = r.rows[0]?.rolpassword;
    const m = stored && /^SCRAM-SHA-256\$(\d+):([^$]+)\$([^:]+):(.+)$/.exec(stored);
    if (!m) return false;
    const salted = pbkdf2Sync(password, Buffer.from(m[2], "base64"), Number(m[1]), 32, "sha256");
    const storedKey = createHash("sha256").update(createHmac("sha256", salted).update("Client Key").digest()).digest();
    return timingSafeEqual(storedKey, Buffer.from(m[3], "base64"));
  }

  /** The functions' `connect`: a login with the secret's user and password, or an error like PostgreSQL's. */
  async function connect(secret: Secret) {
    const canLogin = await db.query<{ rolcanlogin: boolean }>("SELECT rolcanlogin FROM pg_roles WHERE rolname = $1", [
      secret.username,
    ]);
    if (!canLogin.rows[0]?.rolcanlogin || !(await passwordMatches(secret.username, secret.password)))
      throw Object.assign(new Error(`password authentication failed for user "${secret.username}"`), { code: "28P01" });
    return session(secret.username);
  }

  before(async () => {
    db = await freshPGlite();
    // Roles RDS provides: rds_iam (IAM token logins) and the master user, with CREATEROLE.
    await db.exec(`CREATE ROLE rds_iam; CREATE ROLE commerce_admin LOGIN CREATEROLE PASSWORD 'initial-Passw0rd'`);
    server = new PGLiteSocketServer({ db, port: 0, host: "127.0.0.1" });
    await server.start();
    port = (server as unknown as { port: number }).port;
  });
  after(async () => {
    await server?.stop();
    await db?.close();
  });

  describe("bootstrap step (functions/bootstrap.mjs, functions/sql.mjs)", () => {
    const USERS = [
      { name: "api", iam: true },
      { name: "workers", iam: true },
    ];
    let bootstrap: (event: Json) => Promise<Json>;
    before(async () => {
      const mod = await import("../../components/database/functions/bootstrap.mjs");
      bootstrap = mod.createBootstrap({
        masterSecret: async () => ({ username: "commerce_admin", password: "initial-Passw0rd", dbname: "postgres" }),
        connect: () => session(),
      });
    });

    const role = async (name: string) => (await db.query<Json>("SELECT * FROM pg_authid WHERE rolname = $1", [name])).rows[0];
    const memberships = async (name: string) =>
      (
        await db.query<{ role: string }>(
          "SELECT r.rolname AS role FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = $1 ORDER BY 1",
          [name],
        )
      ).rows.map((r) => r.role);

    it("creates one login role per workload with rds_iam, no password and no elevated attribute", async () => {
      assert.deepEqual(await bootstrap({ users: USERS }), { users: ["api", "workers"] });
      for (const { name } of USERS) {
        const r = await role(name);
        assert.ok(r, name);
        assert.equal(r.rolcanlogin, true);
        for (const attr of ["rolsuper", "rolcreaterole", "rolcreatedb", "rolreplication", "rolbypassrls"])
          assert.equal(r[attr], false, `${name} ${attr}`);
        assert.equal(r.rolpassword, null, "IAM tokens only: no password");
        assert.deepEqual(await memberships(name), ["rds_iam"], "member of rds_iam and of nothing else");
      }
    });

    it("gives each workload its own schema and nothing of the others' or of public", async () => {
      const owner = await db.query<{ nspname: string; owner: string }>(
        "SELECT nspname, pg_get_userbyid(nspowner) AS owner FROM pg_namespace WHERE nspname IN ('api','workers') ORDER BY 1",
      );
      assert.deepEqual(owner.rows, [
        { nspname: "api", owner: "api" },
        { nspname: "workers", owner: "workers" },
      ]);
      // Its logins start in its own schema.
      const setting = await db.query<{ setconfig: string[] }>(
        "SELECT setconfig FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole WHERE r.rolname = 'api'",
      );
      assert.deepEqual(setting.rows[0]?.setconfig, ["search_path=api"], JSON.stringify(setting.rows));
      const api = await session("api");
      try {
        await api.query("CREATE TABLE api.orders (id int PRIMARY KEY)");
        await api.query("INSERT INTO api.orders VALUES (1)");
        await assert.rejects(api.query("CREATE TABLE public.leak (id int)"), /permission denied/);
        await assert.rejects(api.query("CREATE TABLE workers.leak (id int)"), /permission denied/);
        await assert.rejects(api.query("CREATE ROLE sneaky"), /permission denied/);
      } finally {
        await api.end();
      }
      const workers = await session("workers");
      try {
        await assert.rejects(workers.query("SELECT * FROM api.orders"), /permission denied/);
      } finally {
        await workers.end();
      }
    });

    it("re-runs without error and resets what a person changed by hand", async () => {
      await db.exec(`ALTER ROLE api WITH CREATEDB PASSWORD 'typed-by-hand'`);
      await bootstrap({ users: USERS });
      await bootstrap({ users: USERS });
      const r = await role("api");
      assert.equal(r.rolcreatedb, false);
      assert.equal(r.rolpassword, null);
      const rows = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM api.orders");
      assert.equal(rows.rows[0].n, 1, "data survives a re-run");
    });

    it("refuses a name that is not a workload name (no SQL injection through the user list)", async () => {
      await assert.rejects(bootstrap({ users: [{ name: 'x"; DROP ROLE api; --', iam: true }] }), /not a workload name/);
      assert.ok(await role("api"));
    });
  });

  describe("rotation (functions/rotation.mjs)", () => {
    const ID = "arn:aws:secretsmanager:eu-central-1:111122223333:secret:b2b-commerce-dev/postgres/master-AbCdEf";
    let createRotation: typeof import("../../components/database/functions/rotation.mjs").createRotation;
    before(async () => {
      ({ createRotation } = await import("../../components/database/functions/rotation.mjs"));
    });

    /** Secrets Manager's version stages, in memory (the contract the function is written against). */
    function secretsManager(initial?: Secret) {
      const versions = new Map<string, { value?: string; stages: string[] }>();
      if (initial) versions.set("v0", { value: JSON.stringify(initial), stages: ["AWSCURRENT"] });
      // RotateSecret: Secrets Manager labels the new version AWSPENDING (no value yet) before the first step.
      const start = (token: string) => versions.set(token, { stages: ["AWSPENDING"] });
      const notFound = () => Object.assign(new Error("not found"), { name: "ResourceNotFoundException" });
      const byStage = (stage: string) => [...versions.entries()].find(([, v]) => v.stages.includes(stage) && v.value);
      const api = async (op: string, input: Json): Promise<Json> => {
        switch (op) {
          case "DescribeSecret":
            return {
              RotationEnabled: true,
              VersionIdsToStages: Object.fromEntries([...versions].map(([k, v]) => [k, v.stages])),
            };
          case "GetSecretValue": {
            const entry = input.VersionId
              ? [input.VersionId, versions.get(input.VersionId)]
              : byStage(input.VersionStage ?? "AWSCURRENT");
            if (!entry || !entry[1]?.value || (input.VersionStage && !entry[1].stages.includes(input.VersionStage)))
              throw notFound();
            return { SecretString: entry[1].value };
          }
          case "GetRandomPassword":
            return { RandomPassword: `Rotated-${Math.random().toString(36).slice(2)}-Aa1` };
          case "PutSecretValue":
            versions.set(input.ClientRequestToken, { value: input.SecretString, stages: input.VersionStages });
            return {};
          case "UpdateSecretVersionStage": {
            versions
              .get(input.RemoveFromVersionId)
              ?.stages.splice(versions.get(input.RemoveFromVersionId)!.stages.indexOf(input.VersionStage), 1);
            versions.get(input.MoveToVersionId)!.stages = [input.VersionStage];
            return {};
          }
        }
        throw new Error(`unexpected ${op}`);
      };
      const current = () => JSON.parse(byStage("AWSCURRENT")![1].value!) as Secret;
      return { api, versions, current, start };
    }

    /** RDS: ModifyDBInstance records the call and applies the password `delayMs` later (asynchronously, as RDS does). */
    function rds(delayMs: number) {
      const calls: Json[] = [];
      const api = async (op: string, input: Json) => {
        assert.equal(op, "ModifyDBInstance");
        calls.push(input);
        if (Number.isFinite(delayMs))
          setTimeout(
            () => void db.query(`ALTER ROLE commerce_admin PASSWORD '${input.MasterUserPassword.replace(/'/g, "''")}'`),
            delayMs,
          );
        return {};
      };
      return { api, calls };
    }

    async function resetMaster(password: string) {
      await db.query(`ALTER ROLE commerce_admin PASSWORD '${password}'`);
    }
    const loginWorks = async (s: Secret) => {
      try {
        await (await connect(s)).end();
        return true;
      } catch {
        return false;
      }
    };
    const env = {
      DB_INSTANCE_ID: "b2b-commerce-dev-postgres",
      DB_HOST: "db.internal",
      DB_PORT: "5432",
      DB_USERNAME: "commerce_admin",
      DB_NAME: "postgres",
      TEST_RETRY_MS: "50",
    };

    it("promotes the new password only once it logs in, when RDS applies it 300 ms late; the old one works until then", async () => {
      const old: Secret = { username: "commerce_admin", password: "Old-Passw0rd-1", dbname: "postgres" };
      await resetMaster(old.password);
      const sm = secretsManager(old);
      const r = rds(300);
      const handler = createRotation({ sm: sm.api, rds: r.api, connect, env });
      sm.start("v1");
      const step = (Step: string) =>
        handler({ SecretId: ID, ClientRequestToken: "v1", Step }, { getRemainingTimeInMillis: () => 60_000 });
      await step("createSecret");
      await step("setSecret");
      assert.deepEqual(r.calls, [
        {
          DBInstanceIdentifier: env.DB_INSTANCE_ID,
          MasterUserPassword: JSON.parse(sm.versions.get("v1")!.value!).password,
          ApplyImmediately: false,
        },
      ]);
      assert.equal(await loginWorks(old), true, "the old password works while the change is pending");
      const t0 = Date.now();
      await step("testSecret");
      assert.ok(Date.now() - t0 >= 200, "testSecret waited for the change to become visible");
      await step("finishSecret");
      const current = sm.current();
      assert.notEqual(current.password, old.password);
      assert.equal(await loginWorks(current), true, "AWSCURRENT logs in");
      assert.equal(await loginWorks(old), false);
      // A retried setSecret finds the password set and changes nothing.
      await handler({ SecretId: ID, ClientRequestToken: "v1", Step: "setSecret" }).catch(() => undefined);
      assert.equal(r.calls.length, 1);
    });

    it("fails testSecret when the new password never logs in, leaving AWSCURRENT unchanged and working", async () => {
      const old: Secret = { username: "commerce_admin", password: "Old-Passw0rd-2", dbname: "postgres" };
      await resetMaster(old.password);
      const sm = secretsManager(old);
      const handler = createRotation({ sm: sm.api, rds: rds(Infinity).api, connect, env });
      sm.start("v2");
      const ctx = { getRemainingTimeInMillis: () => 10_400 };
      await handler({ SecretId: ID, ClientRequestToken: "v2", Step: "createSecret" }, ctx);
      await handler({ SecretId: ID, ClientRequestToken: "v2", Step: "setSecret" }, ctx);
      await assert.rejects(handler({ SecretId: ID, ClientRequestToken: "v2", Step: "testSecret" }, ctx), /does not log in/);
      assert.deepEqual(sm.current(), old, "AWSCURRENT is still the old version");
      assert.deepEqual(sm.versions.get("v2")!.stages, ["AWSPENDING"]);
      assert.equal(await loginWorks(old), true, "and the old password still logs in");
    });

    it("builds the first version from the instance's facts when the secret has none yet", async () => {
      await resetMaster("Bootstrap-Unknown-9");
      const sm = secretsManager();
      const handler = createRotation({ sm: sm.api, rds: rds(0).api, connect, env });
      sm.start("v3");
      for (const Step of ["createSecret", "setSecret", "testSecret", "finishSecret"])
        await handler({ SecretId: ID, ClientRequestToken: "v3", Step }, { getRemainingTimeInMillis: () => 60_000 });
      const current = sm.current() as Json;
      assert.equal(current.username, "commerce_admin");
      assert.equal(current.host, "db.internal");
      assert.equal(await loginWorks(current as Secret), true);
    });

    it("never logs or returns the password", async () => {
      const fs = await import("node:fs");
      const code = fs.readFileSync(require.resolve("../../components/database/functions/rotation.mjs"), "utf8");
      assert.doesNotMatch(code, /console\.(log|info|error)\(/);
      assert.doesNotMatch(code, /ApplyImmediately: true,/);
      assert.match(code, /ApplyImmediately: false,/);
    });
  });
});
