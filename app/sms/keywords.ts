// Whole-word keyword routing (spec/product.md 3.3): which family an inbound text belongs to. Pure; what to do
// about it, per account state, is decided in replies-by-state.ts.
import { wordsOf } from "./normalise";

export const KEYWORD_FAMILIES = ["opt_out", "help", "start", "status", "settings", "plan", "signup", "greeting", "unknown"] as const;
export type KeywordFamily = (typeof KEYWORD_FAMILIES)[number];

export interface Keyword {
  family: KeywordFamily;
  /** Plan family only: `new`, `again`, `another`, `different` or `refresh` was also present. */
  forceRefresh: boolean;
}

/** Each entry is a word or a phrase (space-separated words that must appear consecutively). */
const OPT_OUT = [
  "stop",
  "end",
  "cancel",
  "unsubscribe",
  "quit",
  "stopall",
  "revoke",
  "optout",
  "unsub",
  "opt out",
  "no more texts",
  "no more messages",
  "stop texting",
  "stop messaging",
  "stop sending",
  "dont text",
  "do not text",
  "take me off",
  "remove me",
  "leave me alone",
];
const HELP = ["help", "info"];
const START = ["start", "unstop", "yes"];
const STATUS = ["status"];
const SETTINGS = ["settings", "preferences"];
const PLAN = ["plan", "meal", "meals"];
const FORCE_REFRESH = ["new", "again", "another", "different", "refresh"];
const SIGNUP = ["new", "join", "signup", "sign up"];
const GREETING = ["hi", "hello", "hey"];

export function containsPhrase(words: readonly string[], phrase: string): boolean {
  const parts = phrase.split(" ");
  for (let i = 0; i + parts.length <= words.length; i++) {
    if (parts.every((part, j) => words[i + j] === part)) return true;
  }
  return false;
}

function matchesAny(words: readonly string[], entries: readonly string[]): boolean {
  return entries.some((entry) => containsPhrase(words, entry));
}

export interface MatchOptions {
  /**
   * Pending, opted-out and suppressed numbers check the Start family third (row 3); active accounts and unknown
   * numbers check it last (row 9), so "yes, plan please" from an active account asks for a plan.
   */
  startFirst: boolean;
}

/** The first family that matches wins; the opt-out check runs first whatever the state. */
export function matchKeyword(text: string, options: MatchOptions): Keyword {
  const words = wordsOf(text);
  const found = (family: KeywordFamily, forceRefresh = false): Keyword => ({ family, forceRefresh });
  if (matchesAny(words, OPT_OUT)) return found("opt_out");
  if (matchesAny(words, HELP)) return found("help");
  if (options.startFirst && matchesAny(words, START)) return found("start");
  if (matchesAny(words, STATUS)) return found("status");
  if (matchesAny(words, SETTINGS)) return found("settings");
  if (matchesAny(words, PLAN)) return found("plan", matchesAny(words, FORCE_REFRESH));
  if (matchesAny(words, SIGNUP)) return found("signup");
  if (matchesAny(words, GREETING)) return found("greeting");
  if (!options.startFirst && matchesAny(words, START)) return found("start");
  return found("unknown");
}
