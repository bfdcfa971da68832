// Every rule of the pack, in one list: the pack (./index) and the tests use the same objects.
import type { Policies } from "@pulumi/policy";
import { alertsNotify, stagingNeverPages } from "./alerting";
import { commandLoggingOff, deployTriggered, noInlineCredentials } from "./deploy";
import { generatedSecretsStrong, iamLeastPrivilege } from "./secrets";
import { bucketHardened, bucketProtected, encryptedAtRest, publicAccessBlocked, tlsOnly, versioningEnabled } from "./storage";

export const POLICIES: Policies = [
  publicAccessBlocked,
  versioningEnabled,
  encryptedAtRest,
  tlsOnly,
  bucketProtected,
  bucketHardened,
  iamLeastPrivilege,
  generatedSecretsStrong,
  commandLoggingOff,
  noInlineCredentials,
  deployTriggered,
  alertsNotify,
  stagingNeverPages,
];
