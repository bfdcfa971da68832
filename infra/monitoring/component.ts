// Sentry for one environment: team, project, client key (the app's SENTRY_DSN), issue alerts and metric alerts whose
// actions follow the severity routes. All Sentry resources live here so swapping the provider touches one file.
import * as pulumi from "@pulumi/pulumi";
import * as sentry from "@pulumiverse/sentry";
import { channelsFor, issueAlertActions, metricAlertActions, type SentryIntegrations } from "../alerting/plan";
import type { AlertRoutes, StackName } from "../config";
import { ISSUE_ALERTS, metricAlerts, type Threshold } from "./plan";

export interface MonitoringArgs {
  stack: StackName;
  organization: string;
  /** Team slug; the team owns the project and receives email alerts. */
  team: string;
  project: string;
  /** @default "node-express" */
  platform: string;
  routes: AlertRoutes;
  integrations: SentryIntegrations;
  /** Minutes between two notifications for the same issue. */
  issueAlertFrequencyMinutes: number;
  errorCount: Threshold;
  p95LatencyMs: Threshold;
}

export class Monitoring extends pulumi.ComponentResource {
  /** The DSN handed to the app; treated as a secret because anyone holding it can send events. */
  readonly dsn: pulumi.Output<string>;
  readonly projectSlug: pulumi.Output<string>;

  constructor(name: string, args: MonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
    super("farmtopeople:monitoring:Monitoring", name, {}, opts);
    const child = { parent: this };
    const team = new sentry.SentryTeam(`${name}-team`, { organization: args.organization, name: args.team, slug: args.team }, child);
    const project = new sentry.SentryProject(
      `${name}-project`,
      { organization: args.organization, teams: [team.slug], name: args.project, slug: args.project, platform: args.platform },
      child,
    );
    const key = new sentry.SentryKey(
      `${name}-key`,
      { organization: args.organization, project: project.slug, name: `app-${args.stack}` },
      child,
    );

    for (const alert of ISSUE_ALERTS) {
      new sentry.SentryIssueAlert(
        `${name}-${alert.role}`,
        {
          organization: args.organization,
          project: project.slug,
          name: `${alert.name} (${alert.severity})`,
          environment: args.stack,
          actionMatch: "any",
          filterMatch: "any",
          frequency: args.issueAlertFrequencyMinutes,
          conditions: [{ id: alert.condition }],
          actions: issueAlertActions(channelsFor(args.routes, alert.severity), team.teamId, args.integrations),
        },
        child,
      );
    }
    for (const alert of metricAlerts(args.stack, args.errorCount, args.p95LatencyMs)) {
      new sentry.SentryMetricAlert(
        `${name}-${alert.role}`,
        {
          organization: args.organization,
          project: project.slug,
          name: alert.name,
          environment: args.stack,
          dataset: alert.dataset,
          query: alert.query,
          aggregate: alert.aggregate,
          timeWindow: alert.timeWindow,
          thresholdType: alert.thresholdType,
          triggers: alert.triggers.map((trigger) => ({
            label: trigger.label,
            alertThreshold: trigger.alertThreshold,
            thresholdType: alert.thresholdType,
            actions: metricAlertActions(channelsFor(args.routes, trigger.severity), team.teamId, args.integrations),
          })),
        },
        child,
      );
    }

    this.dsn = pulumi.secret(key.dsnPublic);
    this.projectSlug = project.slug;
    this.registerOutputs({ projectSlug: this.projectSlug });
  }
}
