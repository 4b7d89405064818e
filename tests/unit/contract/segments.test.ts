import { describe, expect, it } from 'vitest';
import { countSegments, isGsm7 } from '../../../src/contract/segments';

describe('countSegments', () => {
  const cases: [string, string, { encoding: string; units: number; segments: number }][] = [
    ['empty body', '', { encoding: 'GSM-7', units: 0, segments: 0 }],
    ['plain ASCII', 'Hello', { encoding: 'GSM-7', units: 5, segments: 1 }],
    [
      '160 GSM characters fill one segment',
      'a'.repeat(160),
      { encoding: 'GSM-7', units: 160, segments: 1 },
    ],
    [
      '161 GSM characters need two',
      'a'.repeat(161),
      { encoding: 'GSM-7', units: 161, segments: 2 },
    ],
    [
      '306 GSM characters fit two split segments',
      'a'.repeat(306),
      { encoding: 'GSM-7', units: 306, segments: 2 },
    ],
    [
      '307 GSM characters need three',
      'a'.repeat(307),
      { encoding: 'GSM-7', units: 307, segments: 3 },
    ],
    ['extension characters cost two units', '{}[]€', { encoding: 'GSM-7', units: 10, segments: 1 }],
    ['80 euro signs are 160 units', '€'.repeat(80), { encoding: 'GSM-7', units: 160, segments: 1 }],
    ['GSM accents stay GSM-7', 'Ça va? è é ù ñ ß', { encoding: 'GSM-7', units: 16, segments: 1 }],
    ['a backtick is not GSM-7', '`', { encoding: 'UCS-2', units: 1, segments: 1 }],
    [
      '70 UCS-2 characters fill one segment',
      'ж'.repeat(70),
      { encoding: 'UCS-2', units: 70, segments: 1 },
    ],
    ['71 UCS-2 characters need two', 'ж'.repeat(71), { encoding: 'UCS-2', units: 71, segments: 2 }],
    [
      '134 UCS-2 characters fit two split segments',
      'ж'.repeat(134),
      { encoding: 'UCS-2', units: 134, segments: 2 },
    ],
    ['an emoji is two UTF-16 units', 'Hi 👍', { encoding: 'UCS-2', units: 5, segments: 1 }],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    expect(countSegments(text)).toMatchObject(expected);
  });

  it('never splits a two-unit character across segments', () => {
    // 152 plain characters then a euro sign: the euro (2 units) cannot fit in the first 153-unit segment's last unit.
    const text = 'a'.repeat(152) + '€' + 'a'.repeat(10);
    const info = countSegments(text);
    expect(info.units).toBe(164);
    expect(info.segments).toBe(2);
    // 66 Cyrillic letters then an emoji: the surrogate pair moves whole to segment two.
    expect(countSegments('ж'.repeat(66) + '👍' + 'ж'.repeat(10)).segments).toBe(2);
    expect(countSegments('ж'.repeat(133) + '👍').segments).toBe(3);
  });

  it('moves an emoji with a skin-tone modifier whole to the next segment', () => {
    // 👍🏽 is 4 UTF-16 units in one grapheme: 65 + 4 = 69 > 67, so it opens segment two.
    expect(countSegments('Ж'.repeat(65) + '👍🏽' + 'Ж'.repeat(65)).segments).toBe(3);
  });

  it('counts characters as code points', () => {
    expect(countSegments('👍👍').characters).toBe(2);
  });
});

describe('isGsm7', () => {
  it('accepts the basic and extension tables and rejects the rest', () => {
    expect(isGsm7('@£$¥ΔΦΓΛΩΠΨΣΘΞ^{}\\[~]|€')).toBe(true);
    expect(isGsm7('“smart quotes”')).toBe(false);
    expect(isGsm7('日本')).toBe(false);
  });
});
