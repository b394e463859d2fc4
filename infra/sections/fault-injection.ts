import { bool, int, section, SettingsOf } from "../schema";

/** AWS FIS experiment templates (components/resilience): created only when enabled; nothing runs until started. */
export const faultInjection = section({
  key: "faultInjection",
  fields: {
    /** Create the experiment templates and their role (docs/game-days.md). */
    enabled: bool(),
    /** Share of the apps node group's instances the node experiment terminates (percent). */
    nodeTerminationPercent: int(1, 50),
  },
});

export type FaultInjectionSettings = SettingsOf<typeof faultInjection>;
