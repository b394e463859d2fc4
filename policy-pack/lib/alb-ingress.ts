/**
 * Ingresses the AWS Load Balancer Controller turns into an ALB: their settings are annotations
 * (kubernetes-sigs/aws-load-balancer-controller `docs/guide/ingress/annotations.md`, v3.5.0), so
 * the checks that an `aws:lb/*` resource gets in the plan have to read them here instead.
 */
import type { ResourceContext } from "./policy";
import { get, isUnknown } from "./props";

export const INGRESSES = [
  "kubernetes:networking.k8s.io/v1:Ingress",
  "kubernetes:networking.k8s.io/v1beta1:Ingress",
  "kubernetes:extensions/v1beta1:Ingress",
] as const;

/** The controller's default annotation prefix (`--annotations-prefix`). */
export const ALB_PREFIX = "alb.ingress.kubernetes.io/";

/** The IngressClass names the controller serves (its chart's default `ingressClass: alb`). */
export const DEFAULT_ALB_CLASSES = ["alb"];

export type AlbIngress =
  | { kind: "alb"; annotations: Record<string, unknown>; path: (key: string) => string }
  | { kind: "other" }
  | { kind: "unknown"; path: string; value: unknown };

/** Whether the Ingress is the controller's (by `spec.ingressClassName` or the legacy class annotation). */
export function albIngress(props: Record<string, unknown>, classes: readonly string[] = DEFAULT_ALB_CLASSES): AlbIngress {
  const annotations = (get(props, "metadata.annotations") ?? {}) as Record<string, unknown>;
  const specClass = get(props, "spec.ingressClassName");
  const legacy = annotations["kubernetes.io/ingress.class"];
  const cls = specClass ?? legacy;
  if (isUnknown(cls))
    return { kind: "unknown", path: specClass !== undefined ? "spec.ingressClassName" : "metadata.annotations", value: cls };
  if (typeof cls !== "string" || !classes.includes(cls)) return { kind: "other" };
  return { kind: "alb", annotations, path: (key) => `metadata.annotations["${ALB_PREFIX}${key}"]` };
}

/** `key=value,key=value` (the controller's stringMap annotations); undefined when unset. */
export function stringMap(value: unknown): Record<string, string> | undefined {
  if (typeof value !== "string") return undefined;
  return Object.fromEntries(
    value
      .split(",")
      .map((kv) => kv.trim())
      .filter(Boolean)
      .map((kv) => {
        const i = kv.indexOf("=");
        return i < 0 ? [kv, ""] : [kv.slice(0, i).trim(), kv.slice(i + 1).trim()];
      }),
  );
}

/**
 * The listeners `listen-ports` asks for, as protocol/port pairs. Unset, the controller listens on
 * HTTPS 443 when a certificate is given and on HTTP 80 otherwise. Invalid JSON: undefined.
 */
export function listenPorts(annotations: Record<string, unknown>): { protocol: string; port: number }[] | undefined {
  const raw = annotations[`${ALB_PREFIX}listen-ports`];
  if (raw === undefined)
    return annotations[`${ALB_PREFIX}certificate-arn`] !== undefined
      ? [{ protocol: "HTTPS", port: 443 }]
      : [{ protocol: "HTTP", port: 80 }];
  try {
    const parsed = JSON.parse(String(raw)) as Record<string, number>[];
    if (!Array.isArray(parsed)) return undefined;
    return parsed.flatMap((o) =>
      Object.entries(o).map(([protocol, port]) => ({ protocol: protocol.toUpperCase(), port: Number(port) })),
    );
  } catch {
    return undefined;
  }
}

/** The first unknown value among the annotations read, so a policy can defer its decision. */
export function firstUnknown(annotations: Record<string, unknown>, keys: string[]): string | undefined {
  return keys.find((k) => isUnknown(annotations[`${ALB_PREFIX}${k}`]));
}

/**
 * The annotations of an Ingress the controller serves, once every annotation the check reads is
 * known; undefined when the check does not apply (another class) or must wait (recorded as
 * undecided, so known violations elsewhere still show at preview).
 */
export function albAnnotations<C>(r: ResourceContext<C>, reads: string[]): Record<string, unknown> | undefined {
  const ingress = albIngress(r.props);
  if (ingress.kind === "unknown") return void r.undecided(ingress.path, ingress.value);
  if (ingress.kind === "other") return undefined;
  const unknown = firstUnknown(ingress.annotations, reads);
  if (unknown) return void r.undecided(ingress.path(unknown));
  return ingress.annotations;
}

/** The listeners, or undefined after reporting a `listen-ports` that is not JSON. */
export function listenersOrReport<C>(r: ResourceContext<C>, annotations: Record<string, unknown>) {
  const ports = listenPorts(annotations);
  if (ports === undefined) r.report(`${ALB_PREFIX}listen-ports is not a JSON list of listeners; write e.g. [{"HTTPS":443}].`);
  return ports;
}

/** The ALB attributes set by `load-balancer-attributes` (empty when unset). */
export const lbAttributes = (annotations: Record<string, unknown>) =>
  stringMap(annotations[`${ALB_PREFIX}load-balancer-attributes`]) ?? {};
