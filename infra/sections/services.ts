import { SERVICE_NAMES, SERVICES, ServiceName, ServicesProfile } from "../../stacks/services";
import { EnvironmentName } from "../../stacks";
import { Validator } from "../validation";

const DIGEST = /^sha256:[a-f0-9]{64}$/;
const REPOSITORY = /^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\/-]{1,512}$/;

export interface ServicesConfig extends ServicesProfile {
  /** The image each service runs, by digest; a service without one gets its repository only. */
  imageDigests: Partial<Record<ServiceName, string>>;
  /** `owner/repo` whose image workflow signs the images (Kyverno trusts its keyless signatures). */
  imageSigner: string;
  /** The CI role that pushes images (the bootstrap program's deploy role); unset: nobody may push. */
  ciRoleArn?: string;
}

/** Reads `imageDigests`, `imageSigner` and `ciRoleArn` over the environment's service profile. */
export function readServices(v: Validator, environment: EnvironmentName): ServicesConfig {
  const digests = v.object("imageDigests");
  v.knownFields("imageDigests", digests, SERVICE_NAMES);
  const imageDigests: Partial<Record<ServiceName, string>> = {};
  for (const service of SERVICE_NAMES) {
    const value = digests[service];
    if (value === undefined) continue;
    if (typeof value !== "string" || !DIGEST.test(value)) {
      v.fail(
        `imageDigests.${service}`,
        value,
        "an image digest sha256:<64 lower-case hex digits> (the image workflow's pull request sets it)",
      );
    } else imageDigests[service] = value;
  }
  const imageSigner = v.requireString("imageSigner", REPOSITORY, "the GitHub owner/repo whose image workflow signs the images");
  const ciRoleArn = v.get("ciRoleArn");
  if (ciRoleArn !== undefined && !ROLE_ARN.test(ciRoleArn)) v.fail("ciRoleArn", ciRoleArn, "an IAM role ARN");
  return { ...SERVICES[environment], imageDigests, imageSigner, ...(ciRoleArn ? { ciRoleArn } : {}) };
}
