/**
 * A read-only Kubernetes API GET from the deployer, with the cluster's kubeconfig (the one the
 * Kubernetes provider uses): server and CA from the current context's cluster; credentials from
 * the user's `token`, client certificate, or `exec` plugin (an EKS kubeconfig runs
 * `aws eks get-token`, which prints a client.authentication.k8s.io ExecCredential; Kubernetes
 * docs, "client-go credential plugins"). Only Node built-ins, so the dynamic provider that calls
 * it runs in Pulumi's Node.js provider host without extra packages. The built-ins are required
 * inside the functions: Pulumi serializes a dynamic provider's closure, and a module object
 * captured from an `import` would be serialized by value (native code cannot be).
 */
type ChildProcess = typeof import("node:child_process");
type Https = typeof import("node:https");
type Http = typeof import("node:http");

interface Named {
  name: string;
}
interface Kubeconfig {
  "current-context"?: string;
  contexts?: (Named & { context: { cluster: string; user: string } })[];
  clusters?: (Named & {
    cluster: { server: string; "certificate-authority-data"?: string; "insecure-skip-tls-verify"?: boolean };
  })[];
  users?: (Named & {
    user: {
      token?: string;
      "client-certificate-data"?: string;
      "client-key-data"?: string;
      exec?: { command: string; args?: string[]; env?: { name: string; value: string }[] | null };
    };
  })[];
}

export interface Credentials {
  server: string;
  ca?: Buffer;
  insecure: boolean;
  headers: () => Record<string, string>;
  cert?: Buffer;
  key?: Buffer;
}

const b64 = (s?: string) => (s ? Buffer.from(s, "base64") : undefined);

/** Server, CA and credentials of the kubeconfig's current context (JSON, as `eks.Cluster` emits it). */
export function credentialsOf(kubeconfig: string): Credentials {
  let kc: Kubeconfig;
  try {
    kc = JSON.parse(kubeconfig) as Kubeconfig;
  } catch {
    throw new Error("the kubeconfig is not JSON (pass the cluster's kubeconfigJson)");
  }
  const ctxName = kc["current-context"] ?? kc.contexts?.[0]?.name;
  const ctx = kc.contexts?.find((c) => c.name === ctxName)?.context;
  const cluster = kc.clusters?.find((c) => c.name === ctx?.cluster)?.cluster;
  const user = kc.users?.find((u) => u.name === ctx?.user)?.user ?? {};
  if (!ctx || !cluster) throw new Error(`the kubeconfig has no context/cluster for ${String(ctxName)}`);
  let cached: { token: string; until: number } | undefined;
  const execToken = () => {
    const exec = user.exec;
    if (!exec) return undefined;
    if (cached && cached.until > Date.now()) return cached.token;
    const env = { ...process.env, ...Object.fromEntries((exec.env ?? []).map((e) => [e.name, e.value])) };
    const { execFileSync } = require("node:child_process") as ChildProcess;
    const out = JSON.parse(execFileSync(exec.command, exec.args ?? [], { env, encoding: "utf8" })) as {
      status?: { token?: string; expirationTimestamp?: string };
    };
    const token = out.status?.token;
    if (!token) throw new Error(`${exec.command} printed no ExecCredential token`);
    const expiry = out.status?.expirationTimestamp ? Date.parse(out.status.expirationTimestamp) : Date.now() + 5 * 60_000;
    cached = { token, until: expiry - 60_000 };
    return token;
  };
  return {
    server: cluster.server.replace(/\/$/, ""),
    ca: b64(cluster["certificate-authority-data"]),
    insecure: cluster["insecure-skip-tls-verify"] === true,
    cert: b64(user["client-certificate-data"]),
    key: b64(user["client-key-data"]),
    headers: (): Record<string, string> => {
      const token = user.token ?? execToken();
      return token ? { Authorization: `Bearer ${token}` } : {};
    },
  };
}

/** GET `path` (e.g. /apis/argoproj.io/v1alpha1/namespaces/api/rollouts/api) as parsed JSON; rejects on non-2xx. */
export function kubeGet(creds: Credentials, path: string, timeoutMs = 15_000): Promise<unknown> {
  const url = new URL(creds.server + path);
  // A plain-HTTP server (a local API proxy, `kubectl proxy`) is allowed as kubectl allows it.
  const client = url.protocol === "http:" ? (require("node:http") as Http) : (require("node:https") as Https);
  return new Promise((resolve, reject) => {
    const req = (client as Https).request(
      url,
      {
        method: "GET",
        headers: { Accept: "application/json", ...creds.headers() },
        ca: creds.ca,
        cert: creds.cert,
        key: creds.key,
        rejectUnauthorized: !creds.insecure,
        timeout: timeoutMs,
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => {
          if ((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300) {
            try {
              resolve(JSON.parse(body));
            } catch (e) {
              reject(e as Error);
            }
          } else reject(new Error(`GET ${path}: HTTP ${res.statusCode} ${body.slice(0, 200)}`));
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error(`GET ${path}: timed out`)));
    req.on("error", reject);
    req.end();
  });
}
