import type twilio from 'twilio';
import type { Lookups } from '../../src/contract/lookups';
import { asTransportFailure, asTwilioRefusal } from './errors';
import { UpstreamRedirect, withCallScope } from './http-client';
import { UpstreamTooLarge } from './transport';

// What the query forms offer as choices: the account's phone numbers (for From), its verified
// caller IDs (for To on a trial account) and whether it is a trial. Best effort: a Standard API
// key cannot read the account, and a failure leaves the lists empty with a reason.

function reason(err: unknown): string {
  if (err instanceof UpstreamRedirect || err instanceof UpstreamTooLarge) return err.message;
  const refusal = asTwilioRefusal(err);
  if (refusal) return `Twilio refused (${refusal.code ?? refusal.status}): ${refusal.message}`;
  const transport = asTransportFailure(err);
  return transport?.kind === 'timeout'
    ? 'Twilio did not answer in time'
    : 'Twilio could not be reached';
}

export async function readLookups(
  client: twilio.Twilio,
  accountSid: string,
  extra: { messagingServiceSids: string[]; scheduleMinSeconds: number },
): Promise<Lookups> {
  const account = client.api.v2010.accounts(accountSid);
  return withCallScope({ timeoutMs: 10_000, exchanges: [] }, async () => {
    const result: Lookups = { phoneNumbers: [], verifiedCallerIds: [], trial: null, ...extra };
    try {
      const [numbers, callerIds] = await Promise.all([
        account.incomingPhoneNumbers.list({ pageSize: 200, limit: 200 }),
        account.outgoingCallerIds.list({ pageSize: 200, limit: 200 }),
      ]);
      result.phoneNumbers = numbers.map((n) => n.phoneNumber);
      result.verifiedCallerIds = callerIds.map((c) => c.phoneNumber);
    } catch (err) {
      result.error = reason(err);
      return result;
    }
    try {
      result.trial = (await account.fetch()).type === 'Trial';
    } catch {
      // A Standard API key cannot read the account; whether it is a trial stays unknown.
    }
    return result;
  });
}
