// How the site's displayed text reads as data (ftp-site.md §9): whitespace, doubled text, prices, quantities.
// Pure; nothing else is rewritten, because the planner interprets what the customer saw.

/** Runs of spaces, newlines and non-breaking spaces read as one space, as the browser displays them. */
export function normaliseText(text: string): string {
  return text.replace(/[\s\u00a0\u2007\u202f]+/g, " ").trim();
}

/**
 * "Sunny HarvestSunny Harvest" → "Sunny Harvest". The site renders some names twice (one copy for small
 * screens), so textContent reads X + X. Only an exact X + X collapses: "Walla Walla" stays as it is.
 */
export function collapseDoubledText(text: string): string {
  const trimmed = normaliseText(text);
  if (trimmed.length >= 2 && trimmed.length % 2 === 0) {
    const half = trimmed.length / 2;
    const first = trimmed.slice(0, half);
    if (first === trimmed.slice(half)) return first.trim();
  }
  return trimmed;
}

/** Displayed text, or null when it is missing or blank. */
export function textOrNull(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const normalised = normaliseText(text);
  return normalised === "" ? null : normalised;
}

/** `$1.99` → 199, `$25.00` → 2500, `$1,250` → 125000; null when no dollar amount is shown. */
export function parsePriceCents(text: string | null): number | null {
  if (text === null) return null;
  const match = /\$\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?/.exec(text);
  if (!match) return null;
  const dollars = Number(match[1]!.replace(/,/g, ""));
  const cents = match[2] === undefined ? 0 : Number(match[2].padEnd(2, "0"));
  return dollars * 100 + cents;
}

/** "2 Sugar Cube Cantaloupe" → { quantity: 2, name: "Sugar Cube Cantaloupe" }; no leading integer → quantity 1. */
export function splitLeadingQuantity(text: string): { quantity: number; name: string } {
  const normalised = normaliseText(text);
  const match = /^(\d+)\s+(.+)$/.exec(normalised);
  if (!match) return { quantity: 1, name: normalised };
  const quantity = Number(match[1]);
  return quantity > 0 ? { quantity, name: match[2]! } : { quantity: 1, name: match[2]! };
}

/** A quantity shown as text ("2", " 3 "); 1 when unreadable, as the contract asks for steppers. */
export function parseQuantity(text: string | null): number {
  if (text === null) return 1;
  const match = /\d+/.exec(text);
  const value = match ? Number(match[0]) : Number.NaN;
  return Number.isInteger(value) && value > 0 ? value : 1;
}

/** "7 items selected" or "7 of 14 items selected" → 7; null when the text says neither. */
export function parseSelectedCount(text: string): number | null {
  const match = /(\d+)\s+(?:of\s+\d+\s+)?items?\s+selected/i.exec(text);
  return match ? Number(match[1]) : null;
}
