import { twilioErrors } from './errors';
import type { Params } from './http';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, readPageSize } from './twilio-rules';

// Twilio's list envelope and its cursor paging. next_page_uri and previous_page_uri are paths
// relative to the API host that repeat every filter, so that twilio-node, which requests them as
// they are, pages through a filtered list.

export interface Paging {
  pageSize: number;
  page: number;
  token: string | undefined;
}

export function parsePaging(q: Params): Paging {
  const rawSize = q.nonEmpty('PageSize');
  const pageSize = rawSize === undefined ? DEFAULT_PAGE_SIZE : readPageSize(rawSize);
  if (pageSize === 'invalid') {
    throw twilioErrors.invalidParameter(
      'PageSize',
      `'${rawSize}' is not a whole number from 1 to ${MAX_PAGE_SIZE}`,
    );
  }
  if (pageSize === 'too-large') throw twilioErrors.pageSizeTooLarge();
  const rawPage = q.nonEmpty('Page');
  if (rawPage !== undefined && !/^\d{1,9}$/.test(rawPage)) {
    throw twilioErrors.invalidParameter('Page', `'${rawPage}' is not a whole number of 0 or more`);
  }
  return {
    pageSize,
    page: rawPage === undefined ? 0 : Number(rawPage),
    token: q.nonEmpty('PageToken'),
  };
}

export interface EnvelopeInput<T> {
  key: string;
  records: T[];
  path: string;
  /** The filters as sent, in order, repeated in every page URI. */
  filters: [string, string][];
  paging: Paging;
  nextToken: string | null;
  previousToken: string | null;
}

export function envelope<T>(input: EnvelopeInput<T>) {
  const { paging, records } = input;
  const uri = (page: number, token?: string) => {
    const parts = [...input.filters, ['PageSize', String(paging.pageSize)], ['Page', String(page)]];
    if (token) parts.push(['PageToken', token]);
    return `${input.path}?${parts.map(([k, v]) => `${encodeURIComponent(k!)}=${encodeURIComponent(v!)}`).join('&')}`;
  };
  const start = paging.page * paging.pageSize;
  return {
    [input.key]: records,
    end: records.length > 0 ? start + records.length - 1 : start,
    first_page_uri: uri(0),
    next_page_uri: input.nextToken ? uri(paging.page + 1, input.nextToken) : null,
    page: paging.page,
    page_size: paging.pageSize,
    previous_page_uri:
      input.previousToken && paging.page > 0 ? uri(paging.page - 1, input.previousToken) : null,
    start,
    uri: uri(paging.page, paging.token),
  };
}
