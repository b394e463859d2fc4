import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument } from "../../lib/iam";
import { Naming } from "../../lib/naming";
import { RegistrySettings } from "./types";

/**
 * Tags that stay mutable under IMMUTABLE_WITH_EXCLUSION: cosign and notation store signatures,
 * SBOMs and attestations as `sha256-<digest>.sig` / `.att` tags that are re-pushed when a second
 * signature or attestation is attached (sigstore cosign "Signature specification"; Amazon ECR user
 * guide, "Image tag mutability", exclusion filters).
 */
export const MUTABLE_TAG_FILTER = "sha256-*";

/** Release tags the lifecycle rule counts: semver `v1.2.3` (the image workflow also tags the git SHA). */
export const RELEASE_TAG_PREFIX = "v";

/** The lifecycle policy: untagged builds expire, the last N releases stay (Amazon ECR lifecycle policies). */
export function lifecyclePolicy(keepReleases: number, untaggedExpiryDays: number): string {
  return JSON.stringify({
    rules: [
      {
        rulePriority: 1,
        description: `Expire untagged images after ${untaggedExpiryDays} days`,
        selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: untaggedExpiryDays },
        action: { type: "expire" },
      },
      {
        rulePriority: 2,
        description: `Keep the last ${keepReleases} releases`,
        selection: {
          tagStatus: "tagged",
          tagPrefixList: [RELEASE_TAG_PREFIX],
          countType: "imageCountMoreThan",
          countNumber: keepReleases,
        },
        action: { type: "expire" },
      },
    ],
  });
}

/** The service's image repository: immutable tags (signatures excepted), KMS, scanning, lifecycle, pull/push scoped. */
export function createRepository(parent: pulumi.Resource, prefix: string, naming: Naming, service: string, s: RegistrySettings) {
  const repository = new aws.ecr.Repository(
    `${prefix}-repository`,
    {
      name: `${naming.prefix}/${service}`,
      imageTagMutability: "IMMUTABLE_WITH_EXCLUSION",
      imageTagMutabilityExclusionFilters: [{ filter: MUTABLE_TAG_FILTER, filterType: "WILDCARD" }],
      encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: s.kmsKeyArn }],
      // With registry-level enhanced scanning (Inspector) this flag is ignored; it keeps basic
      // scanning on where Inspector is off.
      imageScanningConfiguration: { scanOnPush: true },
      // Deleting a repository with images fails unless forced: prod never forces it.
      forceDelete: !s.protect,
    },
    { parent, protect: s.protect },
  );
  new aws.ecr.LifecyclePolicy(
    `${prefix}-lifecycle`,
    { repository: repository.name, policy: lifecyclePolicy(s.keepReleases, s.untaggedExpiryDays) },
    { parent },
  );
  new aws.ecr.RepositoryPolicy(
    `${prefix}-policy`,
    {
      repository: repository.name,
      policy: policyDocument([
        {
          Sid: "PullByNodesAndCi",
          Effect: "Allow",
          Principal: { AWS: s.pullPrincipalArns },
          Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"],
        },
        // No CI role configured (e.g. a first deploy before the bootstrap program): nobody pushes.
        ...(s.pushPrincipalArns.length === 0
          ? []
          : [
              {
                Sid: "PushByCi",
                Effect: "Allow" as const,
                Principal: { AWS: s.pushPrincipalArns },
                Action: [
                  "ecr:PutImage",
                  "ecr:InitiateLayerUpload",
                  "ecr:UploadLayerPart",
                  "ecr:CompleteLayerUpload",
                  "ecr:BatchCheckLayerAvailability",
                ],
              },
            ]),
      ]),
    },
    { parent },
  );
  return repository;
}
