import { SERVICE_NAMES, ServiceName } from "../../stacks/services";
import { bool, int, oneOf, section, SettingsOf } from "../schema";

/**
 * AWS FIS experiment templates (components/fault-injection, docs/game-days.md): created only when
 * enabled; nothing runs until someone starts an experiment. Off in every profile; the staging stack
 * file turns them on. Prod needs a second, explicit switch.
 */
export const faultInjection = section({
  key: "faultInjection",
  fields: {
    /** Create the experiment templates, their roles and their log group. */
    enabled: bool(),
    /** Prod only: `enabled` takes effect there only with this set too (experiments on customers' traffic). */
    allowInProd: bool(),
    /** Share of the apps node group's running instances the node experiment terminates (percent). */
    nodeTerminationPercent: int(1, 50),
    /** How long the AZ experiment cuts one zone's app subnets off, in minutes. */
    zoneDisruptionMinutes: int(1, 30),
    /** The service whose pods the pod experiment deletes. */
    podDeletionService: oneOf(SERVICE_NAMES as readonly ServiceName[] as [ServiceName, ...ServiceName[]]),
    /** Share of that service's pods deleted (percent). */
    podDeletionPercent: int(1, 100),
  },
  finish: (v, ctx, fail) => {
    if (ctx.environment === "prod" && v.enabled && !v.allowInProd) {
      fail(
        "faultInjection.enabled",
        v.enabled,
        "false in prod unless faultInjection.allowInProd is true as well (experiments in prod need an explicit second switch)",
      );
    }
    return v;
  },
});

export type FaultInjectionSettings = SettingsOf<typeof faultInjection>;
