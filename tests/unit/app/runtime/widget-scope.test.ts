import { describe, expect, it } from 'vitest';
import {
  computePageScope,
  updatePageScope,
  type QueryRuntime,
  type WidgetState,
} from '../../../../src/app/runtime/widget-scope';
import { namesInScope } from '../../../../src/app/runtime/runtime-engine';
import { WIDGET_TYPES, type Widget, type WidgetType } from '../../../../src/contract/page';
import { defaultProps, templateProps } from '../../../../src/features/widgets/model';

// From widgets, what a person did with them and the queries' results, to what bindings read.

let seq = 0;
function widget(type: WidgetType, name: string, props: Widget['props'] = {}): Widget {
  seq += 1;
  return {
    id: `w${seq}`,
    type,
    name,
    width: 6,
    props: { ...defaultProps(type), ...props },
  };
}

const idle: QueryRuntime = { data: null, isLoading: false, error: null, responseMeta: null };
const read = (scope: Record<string, unknown>, name: string) =>
  scope[name] as Record<string, unknown>;

function scopeOf(
  widgets: Widget[],
  state: WidgetState = {},
  queries: Record<string, QueryRuntime> = {},
) {
  return computePageScope(widgets, state, queries, {
    now: () => Date.parse('2030-01-02T03:04:05Z'),
  });
}

describe('Input', () => {
  it('starts with its default text, evaluated', () => {
    const { scope } = scopeOf([
      widget('input', 'Input1', { defaultText: '+1555{{ 1000 + 234 }}' }),
    ]);
    expect(read(scope, 'Input1')).toMatchObject({ text: '+15551234', isValid: true });
  });

  it('turns a default that is one binding to a number into text', () => {
    const { scope } = scopeOf([widget('input', 'Input1', { defaultText: '{{ 20 }}' })]);
    expect(read(scope, 'Input1').text).toBe('20');
  });

  it('starts with the text of another widget its default reads', () => {
    const { scope } = scopeOf([
      widget('input', 'Input1', { defaultText: 'ann' }),
      widget('input', 'Input2', { defaultText: '{{ Input1.text.toUpperCase() }}' }),
    ]);
    expect(read(scope, 'Input2').text).toBe('ANN');
  });

  it('follows a chain of defaults, each reading the one before', () => {
    const { scope } = scopeOf([
      widget('input', 'Input1', { defaultText: 'a' }),
      widget('input', 'Input2', { defaultText: '{{Input1.text}}b' }),
      widget('input', 'Input3', { defaultText: '{{Input2.text}}c' }),
      widget('input', 'Input4', { defaultText: '{{Input3.text}}d' }),
    ]);
    expect(read(scope, 'Input4').text).toBe('abcd');
  });

  it('shows what the person typed over its default', () => {
    const widgets = [
      widget('input', 'Input1', { defaultText: 'default' }),
      widget('text', 'Text1', { text: 'Hello {{Input1.text}}!' }),
    ];
    const { scope, values } = scopeOf(widgets, { Input1: { text: 'Ann' } });
    expect(read(scope, 'Input1').text).toBe('Ann');
    expect(read(scope, 'Text1').text).toBe('Hello Ann!');
    expect(values.get('Text1.text')).toBe('Hello Ann!');
  });

  it('is valid unless required and empty (or only spaces)', () => {
    const required = widget('input', 'Input1', { required: true });
    expect(read(scopeOf([required]).scope, 'Input1').isValid).toBe(false);
    expect(read(scopeOf([required], { Input1: { text: '   ' } }).scope, 'Input1').isValid).toBe(
      false,
    );
    expect(
      read(scopeOf([required], { Input1: { text: '+15551234567' } }).scope, 'Input1').isValid,
    ).toBe(true);
    expect(
      read(scopeOf([widget('input', 'Input1', { required: false })]).scope, 'Input1').isValid,
    ).toBe(true);
  });
});

describe('Select', () => {
  const options = 'queued|Queued\nsent|Sent\ncanceled|Canceled';

  it('starts at its default value, with that option label', () => {
    const { scope } = scopeOf([widget('select', 'Select1', { options, defaultValue: 'sent' })]);
    expect(read(scope, 'Select1')).toMatchObject({
      selectedOptionValue: 'sent',
      selectedOptionLabel: 'Sent',
    });
  });

  it('reads the label of the option chosen', () => {
    const { scope } = scopeOf([widget('select', 'Select1', { options, defaultValue: 'sent' })], {
      Select1: { selectedOptionValue: 'canceled' },
    });
    expect(read(scope, 'Select1')).toMatchObject({
      selectedOptionValue: 'canceled',
      selectedOptionLabel: 'Canceled',
    });
  });

  it('takes options from a binding to an array of {label, value}', () => {
    const queries = {
      Numbers: {
        ...idle,
        data: {
          numbers: [
            { label: 'Main line', value: '+15017122661' },
            { label: 'Backup', value: '+15005550006' },
          ],
        },
      },
    };
    const { scope } = scopeOf(
      [
        widget('select', 'Select1', {
          options: '{{Numbers.data.numbers}}',
          defaultValue: '+15005550006',
        }),
      ],
      {},
      queries,
    );
    expect(read(scope, 'Select1')).toMatchObject({
      selectedOptionValue: '+15005550006',
      selectedOptionLabel: 'Backup',
    });
  });

  it('has an empty label for a value that is not an option', () => {
    const { scope } = scopeOf([widget('select', 'Select1', { options, defaultValue: 'nope' })]);
    expect(read(scope, 'Select1')).toMatchObject({
      selectedOptionValue: 'nope',
      selectedOptionLabel: '',
    });
  });
});

describe('DatePicker', () => {
  it('gives a default day as midnight UTC in ISO 8601 with seconds, and the day', () => {
    const { scope } = scopeOf([widget('datepicker', 'DatePicker1', { defaultDate: '2030-01-02' })]);
    expect(read(scope, 'DatePicker1')).toMatchObject({
      selectedDate: '2030-01-02T00:00:00Z',
      formattedDate: '2030-01-02',
    });
  });

  it('turns a picked time with an offset into UTC, without milliseconds', () => {
    const { scope } = scopeOf([widget('datepicker', 'DatePicker1')], {
      DatePicker1: { selectedDate: '2030-01-02T01:30:15.250+02:00' },
    });
    expect(read(scope, 'DatePicker1')).toMatchObject({
      selectedDate: '2030-01-01T23:30:15Z',
      formattedDate: '2030-01-01',
    });
  });

  it('evaluates a default binding such as minutesFromNow', () => {
    const { scope } = scopeOf([
      widget('datepicker', 'DatePicker1', { defaultDate: '{{minutesFromNow(30)}}' }),
    ]);
    expect(read(scope, 'DatePicker1')).toMatchObject({
      selectedDate: '2030-01-02T03:34:05Z',
      formattedDate: '2030-01-02',
    });
  });

  it('is empty for no date or a date that cannot be read', () => {
    expect(read(scopeOf([widget('datepicker', 'DatePicker1')]).scope, 'DatePicker1')).toMatchObject(
      { selectedDate: '', formattedDate: '' },
    );
    expect(
      read(
        scopeOf([widget('datepicker', 'DatePicker1', { defaultDate: 'next tuesday' })]).scope,
        'DatePicker1',
      ),
    ).toMatchObject({
      selectedDate: '',
      formattedDate: '',
    });
  });
});

describe('Checkbox, Text and Button', () => {
  it('Checkbox: checked at first when set, then as clicked', () => {
    expect(
      read(scopeOf([widget('checkbox', 'Checkbox1', { defaultChecked: true })]).scope, 'Checkbox1')
        .isChecked,
    ).toBe(true);
    expect(read(scopeOf([widget('checkbox', 'Checkbox1')]).scope, 'Checkbox1').isChecked).toBe(
      false,
    );
    expect(
      read(
        scopeOf([widget('checkbox', 'Checkbox1', { defaultChecked: true })], {
          Checkbox1: { isChecked: false },
        }).scope,
        'Checkbox1',
      ).isChecked,
    ).toBe(false);
  });

  it('Text and Button expose their evaluated text', () => {
    const { scope } = scopeOf([
      widget('text', 'Text1', { text: '{{ 6 * 7 }} messages' }),
      widget('button', 'Button1', { label: 'Send {{ "now" }}' }),
    ]);
    expect(read(scope, 'Text1').text).toBe('42 messages');
    expect(read(scope, 'Button1').text).toBe('Send now');
  });
});

describe('Table', () => {
  const messages = [{ sid: 'SM1' }, { sid: 'SM2' }, { sid: 'SM3' }];
  const queries = { ListMessages: { ...idle, data: { messages } } };

  it('reads its rows from a binding, with nothing selected, on page 1', () => {
    const { scope } = scopeOf(
      [widget('table', 'Table1', { tableData: '{{ListMessages.data.messages}}', pageSize: 25 })],
      {},
      queries,
    );
    expect(read(scope, 'Table1')).toEqual({
      label: 'Table',
      tableData: messages,
      selectedRowIndex: -1,
      selectedRow: null,
      pageNo: 1,
      pageSize: 25,
      searchText: '',
    });
  });

  it('gives the selected row, page and search as the person set them', () => {
    const state = { Table1: { selectedRowIndex: 1, pageNo: 3, searchText: 'SM' } };
    const { scope } = scopeOf(
      [widget('table', 'Table1', { tableData: '{{ListMessages.data.messages}}' })],
      state,
      queries,
    );
    expect(read(scope, 'Table1')).toMatchObject({
      selectedRow: { sid: 'SM2' },
      selectedRowIndex: 1,
      pageNo: 3,
      searchText: 'SM',
      pageSize: 10,
    });
  });

  it('always exposes tableData as an array, whatever the binding gives', () => {
    for (const tableData of [
      '',
      'text',
      '{{ {a: 1} }}',
      '{{ListMessages.data}}',
      '{{ Nobody.data }}',
    ]) {
      const { scope } = scopeOf([widget('table', 'Table1', { tableData })], {}, queries);
      expect(read(scope, 'Table1').tableData, tableData).toEqual([]);
    }
  });

  it('has no selected row when the index is past the end', () => {
    const { scope } = scopeOf(
      [widget('table', 'Table1', { tableData: '{{ListMessages.data.messages}}' })],
      { Table1: { selectedRowIndex: 9 } },
      queries,
    );
    expect(read(scope, 'Table1').selectedRow).toBeNull();
  });

  it('feeds other widgets: a Text reads the selected row', () => {
    const widgets = [
      widget('table', 'Table1', { tableData: '{{ListMessages.data.messages}}' }),
      widget('text', 'Text1', { text: 'Chosen: {{Table1.selectedRow.sid}}' }),
    ];
    const { scope } = scopeOf(widgets, { Table1: { selectedRowIndex: 2 } }, queries);
    expect(read(scope, 'Text1').text).toBe('Chosen: SM3');
  });
});

describe('queries in scope', () => {
  it('exposes data, isLoading, error and responseMeta by name', () => {
    const queries: Record<string, QueryRuntime> = {
      SendSms: {
        data: { sid: 'SMabc', status: 'queued' },
        isLoading: false,
        error: null,
        responseMeta: { status: 201, durationMs: 35 },
      },
      ListMessages: {
        data: null,
        isLoading: true,
        error: { message: 'Twilio is slow', code: 20429 },
        responseMeta: null,
      },
    };
    const widgets = [
      widget('text', 'Text1', {
        text: '{{SendSms.data.sid}} {{SendSms.responseMeta.status}} in {{SendSms.responseMeta.durationMs}} ms',
      }),
      widget('text', 'Text2', {
        text: '{{ListMessages.isLoading ? "loading" : "idle"}}: {{ListMessages.error.message}} ({{ListMessages.error.code}})',
      }),
    ];
    const { scope } = scopeOf(widgets, {}, queries);
    expect(read(scope, 'Text1').text).toBe('SMabc 201 in 35 ms');
    expect(read(scope, 'Text2').text).toBe('loading: Twilio is slow (20429)');
    expect(scope.SendSms).toEqual(queries.SendSms);
  });

  it('reports a binding to a name that is not in scope on the widget, with its position', () => {
    const { errors, scope } = scopeOf([widget('input', 'Input1', { label: 'To {{Nobody.text}}' })]);
    const list = errors.get('Input1.label') ?? [];
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ kind: 'reference' });
    expect(list[0]!.position).toBeGreaterThanOrEqual(3);
    expect(list[0]!.message).toContain('Nobody');
    expect(read(scope, 'Input1').text).toBe('');
  });
});

describe('cycles', () => {
  it('reports two Text widgets that read each other and evaluates neither, without looping', () => {
    const widgets = [
      widget('text', 'Text1', { text: 'a{{Text2.text}}' }),
      widget('text', 'Text2', { text: 'b{{Text1.text}}' }),
      widget('text', 'Text3', { text: 'fine' }),
    ];
    const started = Date.now();
    const { cycles, errors, values, scope } = scopeOf(widgets);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(cycles).toHaveLength(1);
    expect([...cycles[0]!.path].sort()).toEqual(['Text1.text', 'Text1.text', 'Text2.text'].sort());
    expect(cycles[0]!.message).toMatch(/^Cycle: /);
    expect(errors.get('Text1.text')?.[0]).toMatchObject({ kind: 'cycle' });
    expect(errors.get('Text2.text')?.[0]).toMatchObject({ kind: 'cycle' });
    expect(values.get('Text1.text')).toBeUndefined();
    expect(read(scope, 'Text1').text).toBe('');
    expect(read(scope, 'Text3').text).toBe('fine');
  });

  it('reports a loop through two Inputs’ default texts as a cycle, and starts both empty', () => {
    const widgets = [
      widget('input', 'Input1', { defaultText: 'a{{Input2.text}}' }),
      widget('input', 'Input2', { defaultText: 'b{{Input1.text}}' }),
    ];
    const { scope, cycles, errors } = scopeOf(widgets);
    expect(cycles).toHaveLength(1);
    expect(errors.get('Input1.defaultText')?.[0]).toMatchObject({
      kind: 'cycle',
      message: cycles[0]!.message,
    });
    expect(read(scope, 'Input1').text).toBe('');
    expect(read(scope, 'Input2').text).toBe('');
  });
});

describe('suggestions', () => {
  it('suggests a Select’s options, which bindings read', () => {
    const select = widget('select', 'Select1', { options: 'a|A\nb|B' });
    const { scope } = scopeOf([select]);
    expect(read(scope, 'Select1').options).toEqual([
      { value: 'a', label: 'A' },
      { value: 'b', label: 'B' },
    ]);
    expect(namesInScope([select], []).Select1).toEqual([
      'selectedOptionValue',
      'selectedOptionLabel',
      'options',
    ]);
  });

  it.each(WIDGET_TYPES)(
    'suggests every value a %s exposes beyond its texts, and only those',
    (type) => {
      const w = widget(type, 'W1');
      const inScope = Object.keys(read(scopeOf([w]).scope, 'W1'));
      const suggested = namesInScope([w], [])['W1']!;
      for (const name of suggested) expect(inScope).toContain(name);
      const texts = Object.keys(templateProps(w));
      for (const name of inScope.filter((n) => !texts.includes(n)))
        expect(suggested).toContain(name);
    },
  );
});

describe('the work budget', () => {
  const heavy = '{{ "a".repeat(99999).replaceAll("a", "b").length }}';
  const page = Array.from({ length: 40 }, (_, i) => widget('text', `Text${i}`, { text: heavy }));

  it('is one per page evaluation: past it, fields get an error instead of freezing the tab', () => {
    const { values, errors } = scopeOf(page);
    const stopped = page.filter((w) => errors.has(`${w.name}.text`));
    expect(page.length - stopped.length).toBe(16);
    expect(values.get('Text0.text')).toBe(99999);
    expect(errors.get(`${stopped[0]!.name}.text`)![0]).toMatchObject({
      kind: 'limit',
      message: expect.stringMatching(/^This binding does too much work: .*per page\)$/),
    });
  });

  it('starts afresh when the page is evaluated again after a change', () => {
    // Ten fields of about 300,000 characters each: twice that would be past the page's 5,000,000.
    const small = [
      widget('input', 'Input1'),
      ...Array.from({ length: 10 }, (_, i) =>
        widget('text', `Read${i}`, { text: `{{ Input1.text }}${heavy}` }),
      ),
    ];
    const first = scopeOf(small);
    expect(first.errors.size).toBe(0);
    const again = updatePageScope(first, small, { Input1: { text: 'x' } }, {}, first.options);
    expect(again.evaluated).toContain('Read9.text');
    expect(again.errors.size).toBe(0);
    expect(again.values.get('Read9.text')).toBe('x99999');
  });
});
