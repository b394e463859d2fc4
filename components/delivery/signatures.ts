/** Kyverno's mode per environment: report only (dev) or refuse unsigned images (staging, prod). */
export type AdmissionMode = "Audit" | "Enforce";

/** Who may have signed an image: the repository's image workflow, keyless through GitHub's OIDC issuer. */
export interface SignerIdentity {
  /** `owner/repo` of the repository whose workflow builds and signs the images. */
  repository: string;
  /** The workflow file that signs (`.github/workflows/<file>`). */
  workflowFile: string;
}

/** Fulcio certificates for GitHub Actions carry this issuer (sigstore docs, "OIDC usage in Fulcio"). */
export const GITHUB_OIDC_ISSUER = "https://token.actions.githubusercontent.com";

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/**
 * The certificate subject of a keyless signature made by a reusable workflow: the workflow's ref,
 * `https://github.com/<repo>/.github/workflows/<file>@refs/heads/main` (sigstore cosign, "Keyless
 * signing with GitHub Actions"). Only main's runs sign deployable images.
 */
export function signerSubjectRegExp(s: SignerIdentity): string {
  return `^${escape(`https://github.com/${s.repository}/.github/workflows/${s.workflowFile}`)}@refs/heads/main$`;
}

/**
 * A Kyverno ClusterPolicy (kyverno.io/v1, verifyImages) for Pods in the application namespaces:
 * every image of the given repositories must carry a keyless cosign signature from the image
 * workflow, logged in Rekor; tags are rewritten to the verified digest. ECR credentials come from
 * the admission controller's IRSA role (`imageRegistryCredentials.providers: [amazon]`).
 */
export function verifyImagesPolicy(args: {
  namespaces: string[];
  imageReferences: string[];
  signer: SignerIdentity;
  mode: AdmissionMode;
}) {
  return {
    apiVersion: "kyverno.io/v1",
    kind: "ClusterPolicy",
    metadata: {
      name: "verify-image-signatures",
      annotations: {
        "policies.kyverno.io/title": "Verify image signatures",
        "policies.kyverno.io/description": "Images of the application namespaces are signed by the image workflow.",
      },
    },
    spec: {
      background: false,
      webhookTimeoutSeconds: 30,
      // Enforce: no pod is admitted unverified even while Kyverno is unavailable (fail closed).
      webhookConfiguration: { failurePolicy: args.mode === "Enforce" ? "Fail" : "Ignore" },
      rules: [
        {
          name: "signed-by-image-workflow",
          match: { any: [{ resources: { kinds: ["Pod"], namespaces: args.namespaces } }] },
          verifyImages: [
            {
              failureAction: args.mode,
              imageReferences: args.imageReferences,
              imageRegistryCredentials: { providers: ["amazon"] },
              mutateDigest: true,
              verifyDigest: true,
              required: true,
              attestors: [
                {
                  count: 1,
                  entries: [
                    {
                      keyless: {
                        issuer: GITHUB_OIDC_ISSUER,
                        subjectRegExp: signerSubjectRegExp(args.signer),
                        rekor: { url: "https://rekor.sigstore.dev" },
                      },
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    },
  };
}
