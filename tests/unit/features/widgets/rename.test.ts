import { describe, expect, it } from 'vitest';
import { renameInTemplate } from '../../../../src/features/widgets/rename';

// Renaming Input1 to To rewrites only the references to Input1 inside {{ }}.

describe('renameInTemplate', () => {
  it.each([
    ['a whole binding', '{{Input1.text}}', '{{To.text}}'],
    ['a binding in text', 'Hello {{Input1.text}}!', 'Hello {{To.text}}!'],
    [
      'every binding and every reference',
      '{{Input1.text}} and {{ Input1.isValid && Input1.text }}',
      '{{To.text}} and {{ To.isValid && To.text }}',
    ],
    ['the whole entity', '{{json(Input1)}}', '{{json(To)}}'],
    ['after a spread', '{{ [...Input1.text] }}', '{{ [...To.text] }}'],
    [
      'in a computed member',
      '{{ Table1.tableData[Input1.text] }}',
      '{{ Table1.tableData[To.text] }}',
    ],
    [
      'in a template literal hole',
      '{{ `Dear ${Input1.text}, ok` }}',
      '{{ `Dear ${To.text}, ok` }}',
    ],
    [
      'in a nested object inside a hole',
      '{{ `${ {a: Input1.text}.a }` }}',
      '{{ `${ {a: To.text}.a }` }}',
    ],
    ['as an object value', '{{ {to: Input1.text} }}', '{{ {to: To.text} }}'],
    [
      'in a template literal nested in a hole',
      '{{ `a ${ `b ${Input1.text}` } c` }}',
      '{{ `a ${ `b ${To.text}` } c` }}',
    ],
    [
      'in a hole after a string holding a brace',
      '{{ `${ "}" + Input1.text }` }}',
      '{{ `${ "}" + To.text }` }}',
    ],
  ])('renames %s', (_what, before, after) => {
    expect(renameInTemplate(before, 'Input1', 'To')).toBe(after);
  });

  it.each([
    ['plain text outside {{ }}', 'Input1 says hi', 'Input1 says hi'],
    ['text beside a binding', 'Input1: {{Input2.text}}', 'Input1: {{Input2.text}}'],
    [
      'a longer identifier',
      '{{Input10.text + Input1x + xInput1}}',
      '{{Input10.text + Input1x + xInput1}}',
    ],
    ['a property of something else', '{{Table1.Input1}}', '{{Table1.Input1}}'],
    ['an optional-chained property', '{{Table1?.Input1}}', '{{Table1?.Input1}}'],
    ['a property after spaces', '{{Table1 . Input1}}', '{{Table1 . Input1}}'],
    ['a single-quoted string', "{{'Input1' + 'x'}}", "{{'Input1' + 'x'}}"],
    [
      'a double-quoted string with an escaped quote',
      '{{"say \\"Input1\\""}}',
      '{{"say \\"Input1\\""}}',
    ],
    ['the text of a template literal', '{{ `Input1 is ${1}` }}', '{{ `Input1 is ${1}` }}'],
    ['an object key', '{{ {Input1: 1, b: 2} }}', '{{ {Input1: 1, b: 2} }}'],
    ['a longer name past ASCII', '{{ Input1é.text }}', '{{ Input1é.text }}'],
    ['a string left open', "{{ 'Input1 }} {{ x }}", "{{ 'Input1 }} {{ x }}"],
    ['a text with no binding', 'Input1.text', 'Input1.text'],
  ])('leaves alone %s', (_what, before, after) => {
    expect(renameInTemplate(before, 'Input1', 'To')).toBe(after);
  });

  it('renames a reference next to a quoted mention and a property of the same name', () => {
    expect(
      renameInTemplate(
        "{{ Input1.text + 'Input1' + Table1.Input1 + Input1.isValid }}",
        'Input1',
        'To',
      ),
    ).toBe("{{ To.text + 'Input1' + Table1.Input1 + To.isValid }}");
  });

  it('keeps an object key but renames its value', () => {
    expect(renameInTemplate('{{ {Input1: Input1.text} }}', 'Input1', 'To')).toBe(
      '{{ {Input1: To.text} }}',
    );
  });

  it('leaves a text whose {{ is never closed as it was', () => {
    expect(renameInTemplate('Hi {{Input1.text', 'Input1', 'To')).toBe('Hi {{Input1.text');
  });

  it('keeps the text around and between bindings byte for byte', () => {
    const text = '  {{ Input1.text }}\n--{{Input1.text}}  ';
    expect(renameInTemplate(text, 'Input1', 'Recipient')).toBe(
      '  {{ Recipient.text }}\n--{{Recipient.text}}  ',
    );
  });

  it('renames a query name the same way', () => {
    expect(renameInTemplate('{{ListMessages.data.messages}}', 'ListMessages', 'Log')).toBe(
      '{{Log.data.messages}}',
    );
    expect(renameInTemplate('{{ListMessages2.data}}', 'ListMessages', 'Log')).toBe(
      '{{ListMessages2.data}}',
    );
  });
});
