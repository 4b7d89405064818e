import type { Router } from 'express';
import { createMessage } from '../create-message';
import { twilioErrors } from '../errors';
import { bodyParams, queryParams, twilioPath, type Params } from '../http';
import { FINAL_STATUSES } from '../lifecycle';
import { accountPath, messageJson } from '../format';
import { envelope, parsePaging } from '../paging';
import type { Cursor, MessageFilter } from '../store';
import { methodNotAllowed, twilioRouter, type EmulatorContext } from '../context';
import { SID_PATTERNS } from '../twilio-rules';

// Messages: create, list, fetch, update (redact or cancel) and delete.

const DAY_MS = 24 * 60 * 60 * 1000;

/** Values that name their zone: Z, +hh:mm, -hhmm, GMT, UTC, UT or a US zone at the end. */
const HAS_ZONE = /(?:Z|[+-]\d{2}:?\d{2}|\b(?:GMT|UTC|UT|[ECMP][SD]T))$/i;
/** ISO dates without a time, which Date.parse already reads as UTC. */
const ISO_DATE_ONLY = /^[+-]?\d{4,6}(?:-\d{2}(?:-\d{2})?)?$/;

/** A date filter value as a GMT day; Twilio reads DateSent filters as whole days. */
function parseDay(name: string, value: string): number {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  let ms = Date.parse(dateOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(ms)) {
    throw twilioErrors.invalidParameter(
      name,
      `'${value}' is not a date; use YYYY-MM-DD, for example 2024-01-31`,
    );
  }
  // Date.parse reads a value without a zone (2019-06-11 22:05:25.000) in the host's time zone;
  // Twilio reads it as GMT, so the day must not depend on where the emulator runs.
  if (!HAS_ZONE.test(value.trim()) && !ISO_DATE_ONLY.test(value.trim()))
    ms -= new Date(ms).getTimezoneOffset() * 60_000;
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

function listFilter(
  accountSid: string,
  q: Params,
): { filter: MessageFilter; sent: [string, string][] } {
  const filter: MessageFilter = { accountSid };
  const sent: [string, string][] = [];
  const to = q.nonEmpty('To');
  const from = q.nonEmpty('From');
  if (to !== undefined) {
    filter.to = to;
    sent.push(['To', to]);
  }
  if (from !== undefined) {
    filter.from = from;
    sent.push(['From', from]);
  }
  const on = q.nonEmpty('DateSent');
  const before = q.nonEmpty('DateSent<');
  const after = q.nonEmpty('DateSent>');
  if (on !== undefined) {
    const day = parseDay('DateSent', on);
    filter.sentFrom = day;
    filter.sentUntil = day + DAY_MS - 1;
    sent.push(['DateSent', on]);
  }
  if (before !== undefined) {
    const end = parseDay('DateSent<', before) + DAY_MS - 1;
    filter.sentUntil = Math.min(filter.sentUntil ?? end, end);
    sent.push(['DateSent<', before]);
  }
  if (after !== undefined) {
    const start = parseDay('DateSent>', after);
    filter.sentFrom = Math.max(filter.sentFrom ?? start, start);
    sent.push(['DateSent>', after]);
  }
  return { filter, sent };
}

// Page tokens are opaque to clients: PA continues to older messages, PB goes back to newer ones.
const encodeToken = (dir: 'PA' | 'PB', c: Cursor) =>
  `${dir}${c.time.toString(36)}-${c.seq.toString(36)}`;

function decodeToken(token: string): { dir: 'PA' | 'PB'; cursor: Cursor } {
  const m = /^(PA|PB)([0-9a-z]{1,12})-([0-9a-z]{1,12})$/.exec(token);
  if (!m) throw twilioErrors.invalidPageToken();
  return {
    dir: m[1] as 'PA' | 'PB',
    cursor: { time: parseInt(m[2]!, 36), seq: parseInt(m[3]!, 36) },
  };
}

function messageSid(raw: string, path: string): string {
  if (!SID_PATTERNS.message.test(raw)) throw twilioErrors.notFound(path);
  return raw;
}

export function messagesRouter(ctx: EmulatorContext): Router {
  const router = twilioRouter();
  const { store } = ctx;

  // Every read sees the lifecycle as of now, whether or not the timer has fired yet.
  router.use((_req, _res, next) => {
    ctx.lifecycle.tick();
    next();
  });

  router
    .route('/Messages.json')
    .post((req, res) => {
      const message = createMessage(bodyParams(req), {
        accountSid: ctx.identity.accountSid,
        store,
        now: ctx.clock.now(),
        stepMs: ctx.options.stepMs,
        trial: ctx.options.trial,
        scheduleMinSeconds: ctx.options.scheduleMinSeconds,
      });
      ctx.logger.debug({ sid: message.sid, status: message.status }, 'emulator created message');
      res.status(201).json(messageJson(message));
    })
    .get((req, res) => {
      const accountSid = ctx.identity.accountSid;
      const q = queryParams(req);
      const paging = parsePaging(q);
      const { filter, sent } = listFilter(accountSid, q);
      const token = paging.token === undefined ? undefined : decodeToken(paging.token);
      const position = token
        ? token.dir === 'PA'
          ? { after: token.cursor }
          : { before: token.cursor }
        : undefined;
      const rows = store.listMessages(filter, paging.pageSize + 1, position);
      let records = rows;
      let hasNewer = false;
      let hasOlder = false;
      if (token?.dir === 'PB') {
        hasNewer = rows.length > paging.pageSize;
        records = hasNewer ? rows.slice(1) : rows;
        hasOlder = true;
      } else {
        hasOlder = rows.length > paging.pageSize;
        records = rows.slice(0, paging.pageSize);
        hasNewer = token !== undefined;
      }
      const first = records[0];
      const last = records[records.length - 1];
      res.json(
        envelope({
          key: 'messages',
          records: records.map(messageJson),
          path: `${accountPath(accountSid)}/Messages.json`,
          filters: sent,
          paging,
          nextToken: hasOlder && last ? encodeToken('PA', store.cursorOf(last)) : null,
          previousToken: hasNewer && first ? encodeToken('PB', store.cursorOf(first)) : null,
        }),
      );
    })
    .all(methodNotAllowed);

  router
    .route('/Messages/:sid.json')
    .get((req, res) => {
      const sid = messageSid(String(req.params.sid), twilioPath(req));
      const message = store.getMessage(ctx.identity.accountSid, sid);
      if (!message) throw twilioErrors.notFound(twilioPath(req));
      res.json(messageJson(message));
    })
    .post((req, res) => {
      const sid = messageSid(String(req.params.sid), twilioPath(req));
      const message = store.getMessage(ctx.identity.accountSid, sid);
      if (!message) throw twilioErrors.notFound(twilioPath(req));
      const q = bodyParams(req);
      const redact = q.has('Body');
      const cancel = q.has('Status');
      if (!redact && !cancel)
        throw twilioErrors.updateInvalid("send Body='' to redact or Status=canceled to cancel");
      if (redact && cancel)
        throw twilioErrors.updateInvalid('redact (Body) and cancel (Status) cannot be combined');
      const now = ctx.clock.now();
      if (cancel) {
        if (q.get('Status') !== 'canceled') {
          throw twilioErrors.updateInvalid(`Status must be 'canceled', not '${q.get('Status')}'`);
        }
        if (message.status !== 'scheduled') throw twilioErrors.cannotCancel();
        const updated = { ...message, status: 'canceled' as const, dateUpdated: now, nextAt: null };
        store.saveMessage(updated);
        ctx.onStatusChange({ message: updated, previous: message.status });
        res.json(messageJson(updated));
        return;
      }
      if (q.get('Body') !== '')
        throw twilioErrors.updateInvalid('Body can only be set to the empty string, to redact it');
      if (!FINAL_STATUSES.has(message.status)) throw twilioErrors.updateBeforeComplete();
      const updated = { ...message, body: '', dateUpdated: now };
      store.saveMessage(updated);
      res.json(messageJson(updated));
    })
    .delete((req, res) => {
      const sid = messageSid(String(req.params.sid), twilioPath(req));
      const message = store.getMessage(ctx.identity.accountSid, sid);
      if (!message) throw twilioErrors.notFound(twilioPath(req));
      if (!FINAL_STATUSES.has(message.status)) throw twilioErrors.deleteBeforeComplete();
      store.deleteMessage(ctx.identity.accountSid, sid);
      res.status(204).end();
    })
    .all(methodNotAllowed);

  return router;
}
