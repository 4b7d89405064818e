import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/contract/commands/definitions';
import { resolveParams, type TextResolver } from '../../../src/contract/commands/resolve-params';

// From the form's texts to a command's values: the browser's runtime and the server's run route
// (for a saved query's fixed fields) both resolve with this.

describe('resolveParams', () => {
  const fields = COMMANDS['create-message'].fields;

  it('trims one-line texts, keeps multi-line ones, splits URL lists and leaves empty fields out', () => {
    expect(
      resolveParams(fields, {
        to: ' +14155550100 ',
        from: '',
        body: '  two\nlines ',
        mediaUrl: 'https://a.example/1.png, https://a.example/2.png\n',
        statusCallback: 7,
      }),
    ).toEqual({
      values: {
        to: '+14155550100',
        body: '  two\nlines ',
        mediaUrl: ['https://a.example/1.png', 'https://a.example/2.png'],
      },
      errors: [],
    });
  });

  it('evaluates each text with the resolver, keeping raw values and reporting errors by field', () => {
    const resolver: TextResolver = (text, field) =>
      text.includes('{{')
        ? field === 'from'
          ? { value: undefined, error: 'Sender is not defined' }
          : { value: ['https://x.example/a.png'] }
        : { value: text };
    expect(
      resolveParams(
        fields,
        { to: '+1415', from: '{{ Sender }}', mediaUrl: '{{ urls }}' },
        resolver,
      ),
    ).toEqual({
      values: { to: '+1415', mediaUrl: ['https://x.example/a.png'] },
      errors: [{ field: 'from', message: 'Sender is not defined' }],
    });
  });

  it('turns a redact switch that is on into the empty string', () => {
    const update = COMMANDS['update-message'].fields;
    expect(resolveParams(update, { messageSid: 'SMx', body: true }).values).toEqual({
      messageSid: 'SMx',
      body: '',
    });
    expect(resolveParams(update, { messageSid: 'SMx', body: false }).values).toEqual({
      messageSid: 'SMx',
    });
  });
});
