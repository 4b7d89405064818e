// Shapes both halves share for what an account offers the forms.

/** GET /api/emulator: the built-in emulator's public facts, never a secret. */
export interface EmulatorInfo {
  accountSid: string;
  apiKeySid: string;
  trial: boolean;
  phoneNumbers: string[];
  messagingServiceSids: string[];
  verifiedCallerIds: string[];
}

/** GET /api/datasources/:id/lookups: the account's numbers, caller IDs, services and scheduling window. */
export interface Lookups {
  phoneNumbers: string[];
  verifiedCallerIds: string[];
  messagingServiceSids: string[];
  trial: boolean | null;
  /** The shortest Send At lead time this datasource's Twilio accepts. */
  scheduleMinSeconds: number;
  error?: string;
}
