// Twilio SIDs are a two-letter prefix and 32 hex digits; Twilio accepts either case of hex.

const HEX32 = '[0-9a-fA-F]{32}';

export const SID_PATTERNS = {
  account: new RegExp(`^AC${HEX32}$`),
  apiKey: new RegExp(`^SK${HEX32}$`),
  message: new RegExp(`^(SM|MM)${HEX32}$`),
  messagingService: new RegExp(`^MG${HEX32}$`),
  phoneNumber: new RegExp(`^PN${HEX32}$`),
} as const;

export type SidKind = keyof typeof SID_PATTERNS;

export function isSid(kind: SidKind, value: string): boolean {
  return SID_PATTERNS[kind].test(value);
}
