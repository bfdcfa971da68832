// One SNS topic per severity for AWS-side alarms, subscribed according to the stack's routes. The same routes drive
// the Sentry alert actions built by ../monitoring; the decisions are in ./plan.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type AlertRoutes, SEVERITIES, type Severity, type StackName } from "../config";
import { channelsFor, snsSubscriptions } from "./plan";

export interface AlertRoutingArgs {
  stack: StackName;
  routes: AlertRoutes;
  /** Addresses subscribed wherever a route says "email". */
  emails: string[];
  /** PagerDuty's CloudWatch integration URL; required when a route says "pager". */
  pagerEndpointUrl?: pulumi.Output<string>;
  tags: Record<string, string>;
}

export class AlertRouting extends pulumi.ComponentResource {
  readonly topicArns: Record<Severity, pulumi.Output<string>>;

  constructor(name: string, args: AlertRoutingArgs, opts?: pulumi.ComponentResourceOptions) {
    super("farmtopeople:alerting:AlertRouting", name, {}, opts);
    const arns: Partial<Record<Severity, pulumi.Output<string>>> = {};
    for (const severity of SEVERITIES) {
      const level = severity.toLowerCase();
      const topic = new aws.sns.Topic(
        `${name}-${level}`,
        { namePrefix: `farmtopeople-${args.stack}-${level}-`, tags: { ...args.tags, severity } },
        { parent: this },
      );
      for (const spec of snsSubscriptions(channelsFor(args.routes, severity), args.emails)) {
        const endpoint = spec.protocol === "https" ? this.pagerEndpoint(args) : spec.endpoint;
        new aws.sns.TopicSubscription(
          `${name}-${level}-${spec.role}`,
          { topic: topic.arn, protocol: spec.protocol, endpoint, endpointAutoConfirms: spec.protocol === "https" },
          { parent: this },
        );
      }
      arns[severity] = topic.arn;
    }
    this.topicArns = arns as Record<Severity, pulumi.Output<string>>;
    this.registerOutputs({ topicArns: this.topicArns });
  }

  private pagerEndpoint(args: AlertRoutingArgs): pulumi.Output<string> {
    if (!args.pagerEndpointUrl) throw new pulumi.RunError("a route pages on-call but the pagerEndpointUrl secret is not set");
    return pulumi.secret(args.pagerEndpointUrl);
  }
}
