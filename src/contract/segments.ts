// SMS segment counting after Twilio's open-source message-segment-calculator: GSM-7 when every
// character is in the GSM 03.38 tables, UCS-2 otherwise; multi-part messages lose 6 octets per
// segment to the concatenation header, and a character is never split across two segments.

import { SEGMENT_UNITS } from './twilio-limits';

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SegmentInfo {
  encoding: SmsEncoding;
  /** Characters as a person counts them (code points). */
  characters: number;
  /** Code units in the chosen encoding (septets for GSM-7, 16-bit units for UCS-2). */
  units: number;
  segments: number;
  /** Code units each segment can hold under the current split. */
  unitsPerSegment: number;
}

const GSM7_BASIC = new Set(
  Array.from(
    '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
      '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
  ),
);
const GSM7_EXTENSION = new Set(Array.from('\f^{}\\[~]|€'));

const SINGLE = SEGMENT_UNITS.single;
const MULTI = SEGMENT_UNITS.concatenated;

function unitsOf(char: string, encoding: SmsEncoding): number {
  if (encoding === 'GSM-7') return GSM7_EXTENSION.has(char) ? 2 : 1;
  return char.length; // UTF-16 code units: 2 for characters outside the BMP
}

const segmenter =
  typeof Intl !== 'undefined' && 'Segmenter' in Intl
    ? new Intl.Segmenter(undefined, { granularity: 'grapheme' })
    : null;

function graphemes(text: string): string[] {
  return segmenter ? Array.from(segmenter.segment(text), (s) => s.segment) : Array.from(text);
}

export function isGsm7(text: string): boolean {
  for (const char of text) {
    if (!GSM7_BASIC.has(char) && !GSM7_EXTENSION.has(char)) return false;
  }
  return true;
}

export function countSegments(text: string): SegmentInfo {
  const encoding: SmsEncoding = isGsm7(text) ? 'GSM-7' : 'UCS-2';
  const chars = Array.from(text);
  const units = chars.reduce((sum, char) => sum + unitsOf(char, encoding), 0);
  if (units <= SINGLE[encoding]) {
    return {
      encoding,
      characters: chars.length,
      units,
      segments: units === 0 ? 0 : 1,
      unitsPerSegment: SINGLE[encoding],
    };
  }
  // Fill segments one grapheme at a time, so a two-unit character or an emoji with a modifier
  // moves whole to the next segment, as Twilio's calculator does.
  const capacity = MULTI[encoding];
  let segments = 1;
  let used = 0;
  for (const grapheme of graphemes(text)) {
    const size = Array.from(grapheme).reduce((sum, char) => sum + unitsOf(char, encoding), 0);
    if (used + size > capacity) {
      segments += 1;
      used = 0;
    }
    used += size;
  }
  return { encoding, characters: chars.length, units, segments, unitsPerSegment: capacity };
}
