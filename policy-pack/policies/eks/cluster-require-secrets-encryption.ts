import { EKS_CLUSTERS } from "../../lib/eks";
import { resourcePolicy } from "../../lib/policy";
import { get, isSet, isUnknown } from "../../lib/props";
import { T } from "../../lib/types";

export const eksSecretsEncryption = resourcePolicy({
  name: "aws-eks-cluster-require-secrets-encryption",
  description: "EKS clusters envelope-encrypt Kubernetes secrets with a customer-managed KMS key.",
  severity: "high",
  topic: "encryption",
  category: "security",
  controls: ["FSBP:EKS.3", "PCI-DSS-4.0.1:3.5.1"],
  remediationSteps:
    'eks.Cluster: set encryptionConfigKeyArn; aws.eks.Cluster: encryptionConfig { provider: { keyArn }, resources: ["secrets"] }.',
  types: EKS_CLUSTERS,
  validate: (r) => {
    if (r.type === T.eksComponentCluster) {
      if (!isSet(r.props.encryptionConfigKeyArn))
        r.report("No encryptionConfigKeyArn. Encrypt secrets with a customer-managed key.");
      return;
    }
    const resources = get(r.props, "encryptionConfig.resources");
    if (isUnknown(resources)) return r.undecided("encryptionConfig.resources", resources);
    if (!Array.isArray(resources) || !resources.includes("secrets") || !isSet(get(r.props, "encryptionConfig.provider.keyArn"))) {
      r.report('encryptionConfig does not encrypt "secrets" with a key. Set it.');
    }
  },
});
