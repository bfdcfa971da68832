// The public face of the farmtopeople.com replica: used by scraper tests, end-to-end tests, the benchmarks and the demo.
import { ACCOUNTS, type ReplicaAccount } from "./fixtures";
import type { ReplicaOptions } from "./server";

export { type ClassVariant, classNamer } from "./class-names";
export { deliveryDay, expectedDelivery } from "./delivery-calendar";
export {
  ACCOUNTS,
  type AccountBehaviour,
  type AccountName,
  type FixtureBox,
  type FixtureCart,
  goldenCartBody,
  type ReplicaAccount,
} from "./fixtures";
export {
  catalogTiles,
  createReplicaApp,
  DEFAULT_MODES,
  type LatencyMode,
  type MutationRecord,
  type ReplicaHandle,
  type ReplicaModes,
  type ReplicaOptions,
  type ReplicaStats,
  startReplica,
} from "./server";

/** The demo's site: real time, the normal cart, and an account anyone can type. */
export const demoScenario: { account: ReplicaAccount & { password: string }; options: ReplicaOptions } = {
  account: ACCOUNTS.demo as ReplicaAccount & { password: string },
  options: {},
};
