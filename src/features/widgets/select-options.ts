import { displayText } from '../../lib/display-text';

export interface SelectOption {
  value: string;
  label: string;
}

/** Options from an evaluated value: lines of text (value|label), or an array of strings or objects. */
export function toOptions(value: unknown): SelectOption[] {
  if (Array.isArray(value)) {
    return value.slice(0, 1000).map((item) => {
      if (item && typeof item === 'object') {
        const o = item as Record<string, unknown>;
        const v = displayText(o.value ?? o.label);
        return { value: v, label: o.label == null ? v : displayText(o.label) };
      }
      return { value: String(item), label: String(item) };
    });
  }
  if (typeof value !== 'string') return [];
  return value
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [v, label] = line.split('|');
      return { value: v!.trim(), label: (label ?? v!).trim() };
    });
}
