// `npm run demo`: the whole system on one machine with embedded defaults and no variable to set: the embedded
// database (PGlite), the in-process cache, MOCK_SMS, the replica of farmtopeople.com with a demo account, the
// fallback planner (unless OPENAI_API_KEY is set) and the phone simulator. Same code path as production.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { demoScenario, startReplica } from "../../tests/support/ftp-replica";
import { compose } from "../compose";
import { parseConfig } from "../config";
import { parsePhone } from "../identity";
import { SMS_CONSENT_VERSION } from "../preferences";
import { phoneSimulatorRouter } from "../web/demo/phone-simulator";

/** The demo customer: already signed up and confirmed, so PLAN works at once. */
export const DEMO_PHONE = "+12125550100";
const OUR_NUMBER = "18334391183";

interface DemoSecrets {
  ENCRYPTION_KEY: string;
  SECRET_KEY: string;
  API_KEY: string;
}

/** Secrets for this demo folder only, made on first run: the app itself never has default keys. */
function demoSecrets(dataDir: string): DemoSecrets {
  const file = join(dataDir, "demo-secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as DemoSecrets;
  const secrets = {
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    SECRET_KEY: randomBytes(32).toString("hex"),
    API_KEY: randomBytes(24).toString("hex"),
  };
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

async function runDemo(): Promise<void> {
  const dataDir = process.env.DATA_DIR ?? ".data/demo";
  mkdirSync(dataDir, { recursive: true });
  const replica = await startReplica(demoScenario.options);
  const config = parseConfig({
    ...demoSecrets(dataDir),
    ...process.env,
    ENVIRONMENT: "development",
    MOCK_SMS: "true",
    DATA_DIR: dataDir,
    FTP_BASE_URL: replica.url,
    VONAGE_PHONE_NUMBER: OUR_NUMBER,
  });
  const system = await compose(config, {
    extraRouters: ({ repos }) => {
      return [
        phoneSimulatorRouter({
          listConversation: async (phone) =>
            (await repos.conversations.list(parsePhone(phone), 50)).map((e) => ({
              direction: e.direction,
              body: e.body,
              at: e.at.toISOString(),
            })),
          canonicalPhone: (input) => parsePhone(input),
          ourNumber: OUR_NUMBER,
          defaultPhone: DEMO_PHONE,
        }),
      ];
    },
  });
  await seedDemoCustomer(system);
  const { port } = await system.start();
  const base = `http://localhost:${port}`;
  process.stdout.write(
    [
      "",
      "Farm to People meal plans: demo running",
      `  phone simulator  ${base}/demo/phone   (the demo customer ${DEMO_PHONE} is signed up: text PLAN)`,
      `  sign-up page     ${base}/signup       (replica login: ${demoScenario.account.email} / ${demoScenario.account.password})`,
      `  health           ${base}/health`,
      `  replica site     ${replica.url}`,
      "Press Ctrl+C to stop.",
      "",
    ].join("\n"),
  );
  const stop = () =>
    system
      .stop()
      .then(() => replica.close())
      .then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

async function seedDemoCustomer(system: Awaited<ReturnType<typeof compose>>): Promise<void> {
  const phone = parsePhone(DEMO_PHONE);
  if (await system.repos.users.findByPhone(phone)) return;
  const user = await system.repos.users.create({ phone, state: "active", consent: { at: new Date(), textVersion: SMS_CONSENT_VERSION } });
  await system.repos.credentials.save(user.id, { email: demoScenario.account.email, password: demoScenario.account.password });
  await system.repos.users.savePreferences(user.id, { householdSize: "1-2", cookingStyles: ["one-pan"], goals: ["quick-dinners"] });
}

void runDemo();
