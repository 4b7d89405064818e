import type { Router } from 'express';
import { twilioErrors } from '../errors';
import { queryParams } from '../http';
import { accountPath, callerIdJson, incomingNumberJson, rfc2822 } from '../format';
import { envelope, parsePaging } from '../paging';
import type { NumberRow } from '../store';
import { methodNotAllowed, twilioRouter, type EmulatorContext } from '../context';

// The account itself, its phone numbers and its verified caller IDs.

export function accountJson(ctx: EmulatorContext) {
  const { accountSid, authToken, createdAt } = ctx.identity;
  const base = accountPath(accountSid);
  return {
    auth_token: authToken,
    date_created: rfc2822(createdAt),
    date_updated: rfc2822(createdAt),
    friendly_name: 'Twilio Query Builder Emulator',
    owner_account_sid: accountSid,
    sid: accountSid,
    status: 'active',
    subresource_uris: {
      addresses: `${base}/Addresses.json`,
      balance: `${base}/Balance.json`,
      calls: `${base}/Calls.json`,
      incoming_phone_numbers: `${base}/IncomingPhoneNumbers.json`,
      keys: `${base}/Keys.json`,
      messages: `${base}/Messages.json`,
      outgoing_caller_ids: `${base}/OutgoingCallerIds.json`,
    },
    type: ctx.options.trial ? 'Trial' : 'Full',
    uri: `${base}.json`,
  };
}

/** Lists a small table with seq cursors; Twilio's PhoneNumber filter matches part of the number, `*` any digit. */
function listNumbers(
  ctx: EmulatorContext,
  table: 'phone_numbers' | 'caller_ids',
  key: string,
  resource: string,
  toJson: (n: NumberRow) => unknown,
): Router {
  const router = twilioRouter();
  router
    .route(`/${resource}.json`)
    .get((req, res) => {
      const q = queryParams(req);
      const paging = parsePaging(q);
      const filters: [string, string][] = [];
      const phone = q.nonEmpty('PhoneNumber');
      const name = q.nonEmpty('FriendlyName');
      if (phone !== undefined) filters.push(['PhoneNumber', phone]);
      if (name !== undefined) filters.push(['FriendlyName', name]);
      const pattern =
        phone === undefined
          ? undefined
          : new RegExp(phone.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '\\d'));
      const rows = ctx.store
        .allNumbers(table, ctx.identity.accountSid)
        .filter((n) => (pattern ? pattern.test(n.phoneNumber) : true))
        .filter((n) => (name === undefined ? true : n.friendlyName === name));
      let startIndex = 0;
      if (paging.token !== undefined) {
        const m = /^PA(\d{1,12})$/.exec(paging.token);
        if (!m) throw twilioErrors.invalidPageToken();
        const after = Number(m[1]);
        startIndex = rows.findIndex((n) => n.seq > after);
        if (startIndex === -1) startIndex = rows.length;
      }
      const page = rows.slice(startIndex, startIndex + paging.pageSize);
      const last = page[page.length - 1];
      const hasMore = startIndex + paging.pageSize < rows.length;
      const before = rows[startIndex - paging.pageSize - 1];
      res.json(
        envelope({
          key,
          records: page.map(toJson),
          path: `${accountPath(ctx.identity.accountSid)}/${resource}.json`,
          filters,
          paging,
          nextToken: hasMore && last ? `PA${last.seq}` : null,
          previousToken: startIndex > 0 ? `PA${before?.seq ?? 0}` : null,
        }),
      );
    })
    .all(methodNotAllowed);
  return router;
}

export function numbersRouter(ctx: EmulatorContext): Router {
  const router = twilioRouter();
  router.use(
    listNumbers(
      ctx,
      'phone_numbers',
      'incoming_phone_numbers',
      'IncomingPhoneNumbers',
      incomingNumberJson,
    ),
  );
  router.use(
    listNumbers(ctx, 'caller_ids', 'outgoing_caller_ids', 'OutgoingCallerIds', callerIdJson),
  );
  return router;
}
