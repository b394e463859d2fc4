import { resourcePolicy } from "../../lib/policy";
import { get, isTrue, isUnknown } from "../../lib/props";
import { T } from "../../lib/types";

export const ecrScanOnPush = resourcePolicy({
  name: "aws-ecr-repository-require-scan-on-push",
  description: "ECR repositories scan images for vulnerabilities on push.",
  severity: "medium",
  topic: "supply-chain",
  category: "security",
  controls: ["FSBP:ECR.1", "PCI-DSS-4.0.1:11.3.1"],
  remediationSteps: "Set imageScanningConfiguration { scanOnPush: true } (or enable enhanced scanning in the registry).",
  types: [T.ecrRepository],
  validate: (r) => {
    const v = get(r.props, "imageScanningConfiguration.scanOnPush");
    if (isUnknown(v)) return r.undecided("imageScanningConfiguration.scanOnPush", v);
    if (!isTrue(v)) r.report("scanOnPush is off. Turn it on.");
  },
  // Safe and obvious: scanning changes nothing for pushes or pulls.
  remediate: (r) =>
    isTrue(get(r.props, "imageScanningConfiguration.scanOnPush"))
      ? undefined
      : { imageScanningConfiguration: { scanOnPush: true } },
});
