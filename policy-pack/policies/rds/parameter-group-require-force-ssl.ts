import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";
import { T } from "../../lib/types";

/** The TLS-only parameter per engine family prefix. */
const TLS_PARAMETER: [RegExp, string][] = [
  [/^(aurora-)?postgres/, "rds.force_ssl"],
  [/^(aurora-)?mysql|^mariadb/, "require_secure_transport"],
  [/^sqlserver/, "rds.force_ssl"],
];

export const rdsForceSsl = resourcePolicy({
  name: "aws-rds-parameter-group-require-force-ssl",
  description:
    "DB parameter groups force TLS connections (rds.force_ssl=1 for PostgreSQL, require_secure_transport=1 for MySQL).",
  severity: "high",
  topic: "encryption",
  category: "security",
  controls: ["PCI-DSS-4.0.1:4.2.1"],
  remediationSteps: "Add the parameter (rds.force_ssl or require_secure_transport) with value 1 to the parameter group.",
  types: [T.rdsParameterGroup, T.rdsClusterParameterGroup],
  validate: (r) => {
    const family = r.props.family;
    if (isUnknown(family)) return r.undecided("family", family);
    const param = TLS_PARAMETER.find(([re]) => re.test(String(family)))?.[1];
    if (!param) return; // Oracle and others: TLS is configured through option groups.
    const params = r.props.parameters;
    if (isUnknown(params)) return r.undecided("parameters", params);
    const p = ((params ?? []) as Record<string, unknown>[]).find((x) => x.name === param);
    if (!p) return r.report(`${param} is not set. Add ${param}=1.`);
    if (isUnknown(p.value)) return r.undecided(`parameters.${param}`, p.value);
    if (String(p.value) !== "1" && String(p.value).toUpperCase() !== "ON")
      r.report(`${param} is ${String(p.value)}. Set it to 1.`);
  },
});
