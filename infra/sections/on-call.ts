import { bool, matching, section, SettingsOf, z } from "../schema";

const USERS_ALLOWED = "a list of PagerDuty user ids such as PABC123";
const TIME_ZONE_ALLOWED = "an IANA time zone such as Europe/Berlin";

/** On-call as code with PagerDuty (components/oncall); optional per stack. */
export const onCall = section({
  key: "onCall",
  fields: {
    /** Create the schedules, escalation policy and service in PagerDuty (needs the secret `pagerDutyToken`). */
    enabled: bool(),
    /** PagerDuty user ids of the rotation, in rotation order. */
    users: z.array(matching(/^P[A-Z0-9]{6}$/, USERS_ALLOWED), { error: USERS_ALLOWED }),
    /** Time zone of the rotation's handover (IANA). */
    timeZone: matching(/^(UTC|[A-Z][A-Za-z_]+(\/[A-Za-z_+-]+){1,2})$/, TIME_ZONE_ALLOWED),
  },
  secrets: {
    /** PagerDuty REST API token of the account the resources are created in. */
    pagerDutyToken: matching(/^[A-Za-z0-9_+-]{20}$|^[A-Za-z0-9_+-]{32,64}$/, "a PagerDuty REST API token"),
  },
  finish: (v, ctx, fail) => {
    if (v.enabled && v.users.length < 2) {
      fail("onCall.users", v.users, "at least 2 PagerDuty user ids while onCall.enabled (a rotation needs two people)");
    }
    if (v.enabled && v.pagerDutyToken === undefined) {
      fail(
        "pagerDutyToken",
        undefined,
        `a PagerDuty REST API token, set with \`pulumi config set --secret pagerDutyToken <token> --stack ${ctx.stack}\` (onCall.enabled is true)`,
      );
    }
    return v;
  },
});

export type OnCallSettings = SettingsOf<typeof onCall>;
