// Who hears about what: severity routes (P0-P3) turned into SNS subscriptions for AWS-side alarms and into Sentry
// alert actions. Staging routes only email; production pages on-call (checked in ../config).
import type { AlertRoutes, Channel, Severity } from "../config";

export interface SentryIntegrations {
  slack?: { integrationId: number; channel: string };
  pagerduty?: { integrationId: number; service: string };
}

export type SnsSubscriptionSpec =
  | { role: string; protocol: "email"; endpoint: string }
  | { role: string; protocol: "https"; endpoint: "pager" };

/** Channels of a severity; the schema guarantees every severity has a route. */
export function channelsFor(routes: AlertRoutes, severity: Severity): Channel[] {
  return routes[severity] ?? [];
}

/**
 * SNS delivers email and the pager webhook itself. Slack is reached through Sentry's Slack integration only: an SNS
 * https subscription cannot post Slack's message format.
 */
export function snsSubscriptions(channels: Channel[], emails: string[]): SnsSubscriptionSpec[] {
  const specs: SnsSubscriptionSpec[] = [];
  if (channels.includes("email")) {
    emails.forEach((endpoint, i) => {
      specs.push({ role: `email-${i + 1}`, protocol: "email", endpoint });
    });
  }
  if (channels.includes("pager")) specs.push({ role: "pager", protocol: "https", endpoint: "pager" });
  return specs;
}

/** Issue-alert actions (Sentry's rule registry ids); `T` is the team id, an Output in the component. */
export function issueAlertActions<T>(channels: Channel[], teamId: T, integrations: SentryIntegrations): Record<string, string | T>[] {
  return channels.map((channel): Record<string, string | T> => {
    switch (channel) {
      case "email":
        return { id: "sentry.mail.actions.NotifyEmailAction", targetType: "Team", targetIdentifier: teamId };
      case "slack": {
        const slack = required(integrations.slack, "slack");
        return {
          id: "sentry.integrations.slack.notify_action.SlackNotifyServiceAction",
          workspace: String(slack.integrationId),
          channel: slack.channel,
        };
      }
      case "pager": {
        const pagerduty = required(integrations.pagerduty, "pagerduty");
        return {
          id: "sentry.integrations.pagerduty.notify_action.PagerDutyNotifyServiceAction",
          account: String(pagerduty.integrationId),
          service: pagerduty.service,
        };
      }
      default:
        throw new Error(`unknown channel ${channel satisfies never}`);
    }
  });
}

export interface MetricAlertAction<T> {
  type: "email" | "slack" | "pagerduty";
  targetType: "team" | "specific";
  targetIdentifier: string | T;
  integrationId?: number;
}

/** Metric-alert trigger actions for the same channels. */
export function metricAlertActions<T>(channels: Channel[], teamId: T, integrations: SentryIntegrations): MetricAlertAction<T>[] {
  return channels.map((channel): MetricAlertAction<T> => {
    switch (channel) {
      case "email":
        return { type: "email", targetType: "team", targetIdentifier: teamId };
      case "slack": {
        const slack = required(integrations.slack, "slack");
        return { type: "slack", targetType: "specific", targetIdentifier: slack.channel, integrationId: slack.integrationId };
      }
      case "pager": {
        const pagerduty = required(integrations.pagerduty, "pagerduty");
        return { type: "pagerduty", targetType: "specific", targetIdentifier: pagerduty.service, integrationId: pagerduty.integrationId };
      }
      default:
        throw new Error(`unknown channel ${channel satisfies never}`);
    }
  });
}

function required<T>(value: T | undefined, name: string): T {
  // ../config rejects routes naming an integration that is not configured, so this only guards direct callers.
  if (value === undefined) throw new Error(`alert route uses ${name} but sentry.integrations.${name} is not configured`);
  return value;
}
