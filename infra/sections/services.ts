import type { AdmissionMode } from "../../components/delivery/signatures";
import { SERVICE_NAMES, ServiceName, ServiceProfile } from "../../stacks/services";
import { int, matching, oneOf, section, SettingsOf, z, ROLE_ARN } from "../schema";

const DIGEST = /^sha256:[a-f0-9]{64}$/;
const REPOSITORY = /^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/;
const DIGEST_ALLOWED = "an image digest sha256:<64 lower-case hex digits> (the image workflow's pull request sets it)";
const digest = () => matching(DIGEST, DIGEST_ALLOWED).optional();

/**
 * The image each service runs, by digest (`imageDigests.<service>`, written by
 * tools/bump-image-digest.mjs). A service without one gets its repository and Services only, so
 * a first deploy gives the image workflow somewhere to push.
 */
export const images = section({
  key: "imageDigests",
  fields: Object.fromEntries(SERVICE_NAMES.map((s) => [s, digest()])) as Record<ServiceName, ReturnType<typeof digest>>,
});
export type ImageSettings = SettingsOf<typeof images>;

/** The golden path's per-environment settings (stacks/services.ts) and the stack's signer and CI role. */
export const services = section({
  key: "services",
  fields: {
    /** Kyverno's signature check: Audit reports, Enforce refuses unsigned images. */
    admissionMode: oneOf(["Audit", "Enforce"] as const satisfies readonly [AdmissionMode, ...AdmissionMode[]]),
    /** Semver releases kept per ECR repository (older ones expire). */
    keepReleases: int(1, 1000),
  },
  fixed: {
    /** Per service: replicas, resources, probes, autoscaling, rollout strategy, secrets. */
    workloads: z.custom<Record<ServiceName, ServiceProfile>>((v) => typeof v === "object" && v !== null),
  },
  keys: {
    /** GitHub `owner/repo` whose image workflow signs the images (Kyverno trusts only its keyless signatures). */
    imageSigner: matching(REPOSITORY, "the GitHub owner/repo whose image workflow signs the images"),
    /** The CI role that pushes images (the bootstrap program's deploy role); unset: nobody may push. */
    ciRoleArn: matching(ROLE_ARN, "an IAM role ARN such as arn:aws:iam::111122223333:role/ci-deploy").optional(),
  },
  finish: (v, ctx, fail) => {
    if (v.admissionMode === "Audit" && !ctx.requirements.imageAdmissionAuditAllowed) {
      fail("services.admissionMode", v.admissionMode, `"Enforce" in ${ctx.environment} (unsigned images must be refused there)`);
    }
    return v;
  },
});
export type ServicesSettings = SettingsOf<typeof services>;
