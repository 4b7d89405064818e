import type { ExecuteResult } from '../../../../src/contract/queries';
import type { RunState } from '../../../../src/lib/run-state';

// Shapes as the relay answers them: Twilio's raw JSON in `data`, the request as sent in `request`.

export const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const base = `/2010-04-01/Accounts/${ACCOUNT_SID}`;

const message = (m: {
  sid: string;
  status: string;
  to: string;
  from: string;
  body: string;
  dateSent: string | null;
  segments: number;
  price: string | null;
  errorCode?: number | null;
  errorMessage?: string | null;
  direction?: string;
}) => ({
  account_sid: ACCOUNT_SID,
  api_version: '2010-04-01',
  body: m.body,
  date_created: 'Tue, 14 May 2024 09:30:00 +0000',
  date_sent: m.dateSent,
  date_updated: 'Tue, 14 May 2024 09:30:05 +0000',
  direction: m.direction ?? 'outbound-api',
  error_code: m.errorCode ?? null,
  error_message: m.errorMessage ?? null,
  from: m.from,
  messaging_service_sid: null,
  num_media: '0',
  num_segments: String(m.segments),
  price: m.price,
  price_unit: 'USD',
  sid: m.sid,
  status: m.status,
  subresource_uris: {
    media: `${base}/Messages/${m.sid}/Media.json`,
    feedback: `${base}/Messages/${m.sid}/Feedback.json`,
  },
  to: m.to,
  uri: `${base}/Messages/${m.sid}.json`,
});

const LONG_BODY =
  'Your appointment with Dr. Rivera is confirmed for Thursday 16 May at 10:30. Reply C to cancel or R to reschedule. Thank you!';

export const listPage = {
  end: 2,
  first_page_uri: `${base}/Messages.json?To=%2B15558675310&PageSize=3&Page=0`,
  next_page_uri: `${base}/Messages.json?To=%2B15558675310&PageSize=3&Page=1&PageToken=PASMa1b2c3d4e5f60718293a4b5c6d7e8f90`,
  page: 0,
  page_size: 3,
  previous_page_uri: null,
  start: 0,
  uri: `${base}/Messages.json?To=%2B15558675310&PageSize=3&Page=0`,
  messages: [
    message({
      sid: 'SM1f0e2d3c4b5a69788796a5b4c3d2e1f0',
      status: 'delivered',
      to: '+15558675310',
      from: '+15017122661',
      body: LONG_BODY,
      dateSent: 'Tue, 14 May 2024 09:30:01 +0000',
      segments: 1,
      price: '-0.00790',
    }),
    message({
      sid: 'SM2a3b4c5d6e7f8091a2b3c4d5e6f70812',
      status: 'undelivered',
      to: '+15558675310',
      from: '+15017122661',
      body: 'Hi',
      dateSent: 'Mon, 13 May 2024 17:02:44 +0000',
      segments: 1,
      price: '-0.00790',
      errorCode: 30007,
      errorMessage: 'Message filtered',
    }),
    message({
      sid: 'SM3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f',
      status: 'scheduled',
      to: '+15558675310',
      from: '+15017122661',
      body: 'Reminder: your parcel arrives tomorrow.',
      dateSent: null,
      segments: 1,
      price: null,
    }),
  ],
};

export const listResult: ExecuteResult = {
  ok: true,
  status: 200,
  durationMs: 182,
  request: {
    method: 'GET',
    path: `${base}/Messages.json`,
    params: { To: '+15558675310', PageSize: '3' },
  },
  data: listPage,
};

export const createResult: ExecuteResult = {
  ok: true,
  status: 201,
  durationMs: 1340,
  request: {
    method: 'POST',
    path: `${base}/Messages.json`,
    params: {
      To: '+15558675310',
      From: '+15017122661',
      Body: 'Hello & welcome',
      MediaUrl: ['https://example.com/a.jpg', 'https://example.com/b.jpg'],
    },
  },
  data: listPage.messages[0],
};

export const deleteResult: ExecuteResult = {
  ok: true,
  status: 204,
  durationMs: 95,
  request: {
    method: 'DELETE',
    path: `${base}/Messages/SM1f0e2d3c4b5a69788796a5b4c3d2e1f0.json`,
    params: {},
  },
  data: null,
};

export const trialRefusal: ExecuteResult = {
  ok: false,
  status: 400,
  durationMs: 210,
  request: {
    method: 'POST',
    path: `${base}/Messages.json`,
    params: { To: '+15550001111', From: '+15017122661', Body: 'Hi' },
  },
  error: {
    code: 21608,
    message:
      'The number +15550001111 is unverified. Trial accounts cannot send messages to unverified numbers.',
    moreInfo: 'https://www.twilio.com/docs/errors/21608',
  },
};

export const done = (result: ExecuteResult): RunState => ({
  status: 'done',
  result,
  startedAt: 1_715_679_000_000,
});
