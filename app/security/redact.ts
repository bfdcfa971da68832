// Pure masking of personal data inside free text (log messages, error reports, snapshots).

// 10 or more digits, optionally with +, spaces, dots, dashes or brackets between them: every phone format
// a customer might type. Shorter runs (prices, quantities, dates) are left alone.
const PHONE_LIKE = /\+?\d[\d\s().-]{8,}\d/g;

export function maskPhonesInText(text: string): string {
  return text.replace(PHONE_LIKE, (match) => {
    const digits = match.replace(/\D/g, "");
    return digits.length >= 10 ? `***${digits.slice(-2)}` : match;
  });
}

/** `+12125550123` → `+1******0123`: enough for an operator to tell users apart, not to call them. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  if (digits.length < 4) return "***";
  return `+${digits.slice(0, 1)}${"*".repeat(Math.max(digits.length - 5, 0))}${digits.slice(-4)}`;
}
