import type { TestResult } from '../../src/contract/datasources';
import { buildClient, type Credentials } from './clients';
import { asTransportFailure, asTwilioRefusal } from './errors';
import { UpstreamRedirect, withCallScope } from './http-client';
import { UpstreamTooLarge } from './transport';

// Testing credentials with a call each kind can make: the Auth Token (or a Main key) reads the
// Account; a Standard API key cannot, so it lists one message instead (facts 1.2).

const TEST_TIMEOUT_MS = 10_000;

function failed(err: unknown): TestResult {
  if (err instanceof UpstreamRedirect)
    return {
      ok: false,
      error: { code: 'upstream_redirect', message: err.message, status: err.status },
    };
  if (err instanceof UpstreamTooLarge)
    return { ok: false, error: { code: 'upstream_too_large', message: `${err.message}.` } };
  const refusal = asTwilioRefusal(err);
  if (refusal) {
    const hint =
      refusal.code === 20003
        ? ' Check the Account SID and the Auth Token (or API Key SID and Secret): Twilio did not accept them.'
        : '';
    return {
      ok: false,
      error: {
        code: refusal.code ?? refusal.status,
        message: refusal.message + hint,
        moreInfo: refusal.moreInfo,
        status: refusal.status,
      },
    };
  }
  const transport = asTransportFailure(err);
  if (transport?.kind === 'timeout')
    return {
      ok: false,
      error: { code: 'upstream_timeout', message: 'Twilio did not answer within 10 seconds.' },
    };
  return {
    ok: false,
    error: {
      code: 'upstream_unreachable',
      message: `Twilio could not be reached${transport ? ` (${transport.detail})` : ''}.`,
    },
  };
}

export async function testConnection(
  credentials: Credentials,
  isApiKey: boolean,
): Promise<TestResult> {
  const client = buildClient(credentials);
  const account = client.api.v2010.accounts(credentials.accountSid);
  return withCallScope({ timeoutMs: TEST_TIMEOUT_MS, exchanges: [] }, async () => {
    try {
      const info = await account.fetch();
      const result: TestResult = {
        ok: true,
        account: {
          sid: info.sid,
          friendlyName: info.friendlyName,
          status: info.status,
          type: info.type,
        },
      };
      if (info.type === 'Trial') {
        const ids = await account.outgoingCallerIds.list({ pageSize: 100, limit: 100 });
        result.verifiedCallerIds = ids.map((c) => c.phoneNumber);
      }
      return result;
    } catch (err) {
      const refusal = asTwilioRefusal(err);
      if (!isApiKey || !refusal || (refusal.status !== 401 && refusal.status !== 403))
        return failed(err);
    }
    try {
      await account.messages.page({ pageSize: 1 });
      return {
        ok: true,
        account: { sid: credentials.accountSid, friendlyName: null, status: null, type: null },
        note: "This API key can send and read messages. A Standard key cannot read the account's name, type or status.",
      };
    } catch (err) {
      return failed(err);
    }
  });
}
