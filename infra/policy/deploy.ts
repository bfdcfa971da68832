// Rules for the commands that drive the Railway CLI: credentials never on a command line, nothing logged where a
// credential is present, and a deploy only re-runs when its trigger changes.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { TYPES } from "./rule-support";

const CREDENTIAL_NAME = /(TOKEN|SECRET|PASSWORD|PASSPHRASE|API_KEY|PRIVATE_KEY|DSN|DATABASE_URL|ACCESS_KEY)/i;
/** What a credential looks like when it is pasted into a command line. */
const INLINE_CREDENTIAL = [
  /\b[A-Z0-9_]*(TOKEN|SECRET|PASSWORD|API_KEY)=\S/,
  /--(token|password|secret)\b/i,
  /:\/\/[^/\s:@]+:[^@\s]+@/,
  /\bBearer\s+\S/,
];

export const commandLoggingOff: ResourceValidationPolicy = {
  name: "command-logging-off-with-credentials",
  description: "A command that receives stdin or a credential in its environment logs nothing.",
  enforcementLevel: "mandatory",
  validateResource: (args, report) => {
    if (args.type !== TYPES.command) return;
    const credentialEnv = Object.keys(args.props.environment ?? {}).filter((k) => CREDENTIAL_NAME.test(k));
    const hasStdin = args.props.stdin !== undefined && args.props.stdin !== "";
    if ((hasStdin || credentialEnv.length > 0) && args.props.logging !== "none") {
      report(`logging must be "none" (stdin: ${hasStdin}, credentials: ${credentialEnv.join(", ") || "none"})`);
    }
  },
};

export const noInlineCredentials: ResourceValidationPolicy = {
  name: "command-no-inline-credentials",
  description: "Command lines carry no credentials: values go through stdin or the environment, never argv.",
  enforcementLevel: "mandatory",
  validateResource: (args, report) => {
    if (args.type !== TYPES.command) return;
    for (const field of ["create", "update", "delete"]) {
      const line = args.props[field];
      if (typeof line === "string" && INLINE_CREDENTIAL.some((re) => re.test(line))) report(`${field} looks like it carries a credential`);
    }
  },
};

export const deployTriggered: ResourceValidationPolicy = {
  name: "command-deploy-has-trigger",
  description: "A deploy command names what it deploys (a content hash in triggers), so it runs once per release.",
  enforcementLevel: "mandatory",
  validateResource: (args, report) => {
    if (args.type !== TYPES.command) return;
    const create = String(args.props.create ?? "");
    if (!/railway up|railway\/deploy\.sh/.test(create)) return;
    const triggers = args.props.triggers as unknown[] | undefined;
    if (!triggers || triggers.length === 0 || typeof triggers[0] !== "string" || !/^[0-9a-f]{64}$/.test(triggers[0])) {
      report("triggers[0] must be the release's sha256 content hash");
    }
  },
};
