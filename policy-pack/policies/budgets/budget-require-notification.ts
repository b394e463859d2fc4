import { resourcePolicy } from "../../lib/policy";
import { isUnknown, list } from "../../lib/props";

export const budgetsBudgetRequireNotification = resourcePolicy({
  name: "aws-budgets-budget-require-notification",
  description:
    "AWS budgets notify someone (at least one notification with a subscriber), so an overspend is seen before the invoice.",
  severity: "low",
  topic: "visibility",
  category: "cost",
  controls: { none: "Cost governance; no security benchmark names budgets." },
  remediationSteps:
    "Add a notification (ACTUAL at 80 %, FORECASTED at 100 %) with subscriberEmailAddresses or subscriberSnsTopicArns.",
  types: ["aws:budgets/budget:Budget"],
  validate: (r) => {
    const ns = list(r.props.notifications);
    if (ns === undefined) return r.undecided("notifications", r.props.notifications);
    if (ns.length === 0) return r.report("No notifications: the budget alerts nobody. Add one with a subscriber.");
    ns.forEach((n, i) => {
      const x = n as Record<string, unknown>;
      if (isUnknown(x.subscriberEmailAddresses) || isUnknown(x.subscriberSnsTopicArns))
        return r.undecided(`notifications.${i}`, x.subscriberEmailAddresses);
      if ((list(x.subscriberEmailAddresses) ?? []).length + (list(x.subscriberSnsTopicArns) ?? []).length === 0)
        r.report(
          `Notification ${i} (${String(x.notificationType)} at ${String(x.threshold)}) has no subscriber. Add an e-mail address or SNS topic.`,
        );
    });
  },
});
