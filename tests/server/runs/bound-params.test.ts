import { describe, expect, it } from 'vitest';
import { boundParams } from '../../../server/runs/bound-params';

// The fixed fields of a saved query, resolved as the browser resolves them (resolveParams from
// the contract), against what the browser submits.

const q = (command: 'create-message' | 'update-message', params: Record<string, unknown>) => ({
  command,
  params,
});

describe('boundParams', () => {
  it('takes bound values as sent and fixed ones as resolved (trimmed, lists split)', () => {
    const query = q('create-message', {
      to: ' +14155550100 ',
      from: '{{ Sender.value }}',
      body: 'Hi {{ Name.text }}',
      mediaUrl: 'https://a.example/1.png\nhttps://a.example/2.png',
    });
    expect(boundParams(query, { from: '+15005550006', body: 'Hi Ada' })).toEqual({
      to: '+14155550100',
      from: '+15005550006',
      body: 'Hi Ada',
      mediaUrl: ['https://a.example/1.png', 'https://a.example/2.png'],
    });
    // The browser sends the fixed values back as it resolved them: accepted.
    expect(() =>
      boundParams(query, {
        to: '+14155550100',
        mediaUrl: ['https://a.example/1.png', 'https://a.example/2.png'],
      }),
    ).not.toThrow();
    expect(() => boundParams(query, { mediaUrl: ['https://evil.example/x.png'] })).toThrow(
      /Media URL is not bound to the app/,
    );
  });

  it('treats a switch (redact) as fixed, and an empty field as fixed to nothing', () => {
    const redact = q('update-message', { messageSid: '{{ Table1.selectedRow.sid }}', body: true });
    expect(boundParams(redact, { messageSid: `SM${'a'.repeat(32)}`, body: '' })).toEqual({
      messageSid: `SM${'a'.repeat(32)}`,
      body: '',
    });
    const cancel = q('update-message', {
      messageSid: '{{ T.sid }}',
      status: 'canceled',
      body: false,
    });
    expect(() => boundParams(cancel, { messageSid: 'SMx', body: '' })).toThrow(
      expect.objectContaining({ code: 'field_not_bound', field: 'body' }),
    );
    expect(boundParams(cancel, { messageSid: 'SMx', body: null, to: '' })).toEqual({
      messageSid: 'SMx',
      status: 'canceled',
    });
  });

  it('answers a fixed text the browser cannot resolve as the browser would: 400 naming it', () => {
    expect(() => boundParams(q('create-message', { to: '{{ unclosed' }), {})).toThrow(
      expect.objectContaining({ status: 400, code: 'invalid_params', field: 'to' }),
    );
  });
});
