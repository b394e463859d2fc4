import { on, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";
import { get, isTrue, isUnknown } from "../../lib/props";

export const apigatewayMethodSettingsRequireCacheEncryption = resourcePolicy({
  name: "aws-apigateway-method-settings-require-cache-encryption",
  description: "API Gateway responses cached for a method are encrypted in the cache.",
  severity: "medium",
  topic: "encryption",
  category: "security",
  controls: ["FSBP:APIGateway.5"],
  remediationSteps: "Where settings.cachingEnabled is true, set settings.cacheDataEncrypted: true.",
  types: ["aws:apigateway/methodSettings:MethodSettings"],
  validate: (r) => {
    const caching = get(r.props, "settings.cachingEnabled");
    if (isUnknown(caching)) return r.undecided("settings.cachingEnabled", caching);
    if (isTrue(caching))
      requireThat(r, "settings.cacheDataEncrypted", on, "Caching is on with cacheDataEncrypted off. Encrypt the cache.");
  },
});
