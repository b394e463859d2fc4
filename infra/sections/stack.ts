import { bool, matching, REGION, section } from "../schema";

const DOMAIN = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const EMAIL = /^[A-Za-z0-9._%+-]+@([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
/** AWS tag values: 1-256 of letters, digits, spaces and `_ . : / = + - @`. */
const TAG_VALUE = /^[\p{L}\p{N} _.:/=+\-@]{1,256}$/u;
const RUNBOOK_BASE_URL = /^https:\/\/[^\s/]+\/\S*docs\/runbooks$/;
const TAG_ALLOWED = "a tag value: 1-256 letters, digits, spaces or _ . : / = + - @";

export function isDomain(text: string | undefined): text is string {
  return text !== undefined && DOMAIN.test(text);
}

/** The stack-wide keys and the profile's environment-wide switches. */
export const stack = section({
  keys: {
    region: matching(REGION, "an AWS region name such as eu-central-1"),
    /** Team that owns the stack (the `Owner` tag). */
    owner: matching(TAG_VALUE, TAG_ALLOWED),
    /** Cost allocation code (the `CostCenter` tag). */
    costCenter: matching(TAG_VALUE, TAG_ALLOWED),
    /** Where alarms are e-mailed. */
    alertEmail: matching(EMAIL, "an e-mail address such as platform-alerts@example.com"),
    /** The stack's public DNS domain (a Route 53 hosted zone of the same name must exist). */
    domain: matching(DOMAIN, "a lower-case DNS domain such as shop.example.com"),
    /** Where docs/runbooks of this repository is browsable: every alert links to its page there. */
    runbookBaseUrl: matching(
      RUNBOOK_BASE_URL,
      "an https URL of this repository's docs/runbooks folder, e.g. https://github.com/acme/b2b-commerce/blob/main/docs/runbooks",
    ),
  },
  fixed: {
    /** Whether the environment must survive the loss of one AZ (checked against the sections). */
    highAvailability: bool(),
    /** Protect stateful resources (`protect`, deletion protection) from a mistaken `up`/`destroy`. */
    protectStatefulResources: bool(),
  },
});
