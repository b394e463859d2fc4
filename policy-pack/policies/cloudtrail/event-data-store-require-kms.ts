import { present, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const cloudtrailEventDataStoreRequireKms = resourcePolicy({
  name: "aws-cloudtrail-event-data-store-require-kms",
  description: "CloudTrail Lake event data stores encrypt events with a customer-managed KMS key.",
  severity: "medium",
  topic: "encryption",
  category: "security",
  controls: {
    none: "Security Hub has no control for CloudTrail Lake encryption; CIS 3.5 names trails only. Defence in depth for the audit record.",
  },
  remediationSteps: "Set kmsKeyId on the event data store to a customer-managed key.",
  types: ["aws:cloudtrail/eventDataStore:EventDataStore"],
  validate: (r) => {
    requireThat(
      r,
      "kmsKeyId",
      present,
      "No kmsKeyId: events are encrypted with an AWS owned key. Name a customer-managed KMS key.",
    );
  },
});
