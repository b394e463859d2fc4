import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";
import { LISTENERS } from "../../lib/types";

export const listenerHttpsRedirect = resourcePolicy({
  name: "aws-lb-listener-require-https-redirect",
  description: "Plain HTTP listeners only redirect to HTTPS; they never forward traffic.",
  severity: "high",
  topic: "encryption",
  category: "security",
  controls: ["FSBP:ELB.1", "PCI-DSS-4.0.1:4.2.1"],
  remediationSteps:
    'Give the HTTP listener a single default action { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }.',
  types: LISTENERS,
  validate: (r) => {
    const protocol = r.props.protocol;
    if (isUnknown(protocol)) return r.undecided("protocol", protocol);
    if (protocol !== "HTTP") return;
    const actions = r.props.defaultActions;
    if (isUnknown(actions)) return r.undecided("defaultActions", actions);
    for (const [i, a] of ((actions ?? []) as { type?: unknown; redirect?: Record<string, unknown> }[]).entries()) {
      if (a.type !== "redirect" || a.redirect?.protocol !== "HTTPS") {
        r.report(`defaultActions[${i}] is ${String(a.type)} on an HTTP listener; redirect to HTTPS instead.`);
      }
    }
  },
});
