import { eachContainer, WORKLOAD_TYPES } from "../../lib/k8s";
import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";

interface Config {
  allowedRegistries: string[];
}

function globMatch(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*")}$`);
  return re.test(value);
}

export const k8sPinnedImage = resourcePolicy<Config>({
  name: "kubernetes-pod-require-pinned-image",
  description: "Container images come from an allowed registry and are pinned by digest or an explicit non-latest tag.",
  severity: "high",
  topic: "supply-chain",
  category: "security",
  controls: {
    none: "No benchmark control id for this rule could be confirmed against a public source (docs/policies.md, Controls).",
  },
  remediationSteps:
    "Use <account>.dkr.ecr.<region>.amazonaws.com/<repo>:<version> or @sha256:<digest>; mirror third-party images into ECR.",
  config: {
    allowedRegistries: {
      type: "array",
      items: { type: "string" },
      default: ["*.dkr.ecr.*.amazonaws.com", "public.ecr.aws"],
      description: "Registry host patterns (* matches within a label sequence, not across /).",
    },
  },
  types: WORKLOAD_TYPES,
  validate: (r) =>
    eachContainer(r, ({ c }) => {
      const image = c.image;
      if (isUnknown(image)) {
        r.undecided("image", image);
        return undefined;
      }
      const ref = String(image ?? "");
      const slash = ref.indexOf("/");
      // Stryker disable next-line EqualityOperator: equivalent: at slash 0 the host part is empty and has no "." or ":".
      const host = slash > 0 && /[.:]/.test(ref.slice(0, slash)) ? ref.slice(0, slash) : "docker.io";
      if (!r.config.allowedRegistries.some((p) => globMatch(p, host)))
        return `image ${ref} is from ${host}, not an allowed registry.`;
      // Stryker disable next-line ConditionalExpression: equivalent: a digest's hex after "sha256:" also reads as a non-latest tag below; kept to say what is accepted.
      if (ref.includes("@sha256:")) return undefined;
      const tag = ref.slice(ref.lastIndexOf("/") + 1).split(":")[1];
      if (!tag || tag === "latest") return `image ${ref} has no pinned tag. Pin a version or digest.`;
      return undefined;
    }),
});
