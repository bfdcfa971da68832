// Rules for alerting: every alert tells someone, and staging never pages on-call.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { stackOf, TYPES } from "./rule-support";

export const alertsNotify: ResourceValidationPolicy = {
  name: "sentry-alerts-notify",
  description: "Issue alerts have actions and every metric alert trigger has actions: an alert nobody receives is noise.",
  enforcementLevel: "mandatory",
  validateResource: (args, report) => {
    if (args.type === TYPES.issueAlert && !(args.props.actions?.length > 0)) report("issue alert without actions");
    if (args.type === TYPES.metricAlert) {
      for (const trigger of (args.props.triggers ?? []) as { label?: string; actions?: unknown[] }[]) {
        if (!(trigger.actions && trigger.actions.length > 0)) report(`trigger ${trigger.label ?? "?"} without actions`);
      }
    }
  },
};

const PAGER_ACTION = /pagerduty|opsgenie/i;

export const stagingNeverPages: ResourceValidationPolicy = {
  name: "staging-never-pages",
  description: "Outside production, alerts go by email only: no pager, no https subscriptions.",
  enforcementLevel: "mandatory",
  validateResource: (args, report) => {
    if (stackOf(args.urn) === "production") return;
    if (args.type === TYPES.topicSubscription && args.props.protocol !== "email") {
      report(`subscription protocol ${args.props.protocol} outside production`);
    }
    if (args.type === TYPES.issueAlert || args.type === TYPES.metricAlert) {
      if (PAGER_ACTION.test(JSON.stringify(args.props.actions ?? args.props.triggers ?? []))) report("pager action outside production");
    }
  },
};
