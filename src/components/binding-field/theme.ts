import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import type { Theme } from '@mui/material';

// The editor looks like the MUI input it replaces: same font size and line height, no border of
// its own (the TextField's outline is the border), and colours from the MUI theme, so light and
// dark modes both work. The suggestion list is mounted on <body>, which is why the colours are
// values here rather than CSS variables inherited from the field.

const MONO = 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';
const cache = new WeakMap<Theme, Extension>();

export function bindingTheme(theme: Theme): Extension {
  const cached = cache.get(theme);
  if (cached) return cached;
  const { palette } = theme;
  const dark = palette.mode === 'dark';
  const made = EditorView.theme(
    {
      '&': { backgroundColor: 'transparent', color: 'inherit', fontSize: 'inherit' },
      '&.cm-focused': { outline: 'none' },
      '.cm-scroller': {
        fontFamily: MONO,
        lineHeight: '1.4375em',
        minHeight: 'var(--binding-min-height)',
        maxHeight: 'var(--binding-max-height)',
        overflowY: 'auto',
      },
      '.cm-content': { padding: 0, caretColor: palette.text.primary },
      '.cm-line': { padding: 0 },
      '.cm-cursor, .cm-dropCursor': { borderLeftColor: palette.text.primary },
      '.cm-placeholder': { color: palette.text.disabled },
      '.cm-binding-expression': {
        backgroundColor: dark ? 'rgba(144, 202, 249, 0.12)' : 'rgba(25, 118, 210, 0.07)',
        borderRadius: '2px',
      },
      '.cm-binding-brace': { color: dark ? '#80cbc4' : '#00796b', fontWeight: 700 },
      '.cm-binding-name': { color: dark ? '#ce93d8' : '#7b1fa2' },
      '.cm-binding-unknown': { color: dark ? '#ce93d8' : '#7b1fa2', fontStyle: 'italic' },
      '.cm-binding-string': { color: dark ? '#a5d6a7' : '#2e7d32' },
      '.cm-binding-number': { color: dark ? '#ffcc80' : '#b45309' },
      '.cm-binding-keyword': { color: dark ? '#90caf9' : '#0d47a1' },
      '.cm-binding-error': {
        textDecoration: `underline wavy ${palette.error.main}`,
        textUnderlineOffset: '3px',
      },
      '.cm-tooltip.cm-tooltip-autocomplete': {
        border: 'none',
        borderRadius: `${theme.shape.borderRadius}px`,
        boxShadow: theme.shadows[4],
        backgroundColor: palette.background.paper,
        color: palette.text.primary,
        zIndex: theme.zIndex.tooltip,
      },
      '.cm-tooltip.cm-completionInfo': {
        border: 'none',
        borderRadius: `${theme.shape.borderRadius}px`,
        boxShadow: theme.shadows[4],
        backgroundColor: palette.background.paper,
        color: palette.text.secondary,
        fontFamily: MONO,
        fontSize: '0.8125rem',
        padding: '4px 8px',
        maxWidth: '24em',
        wordBreak: 'break-all',
        zIndex: theme.zIndex.tooltip,
      },
      '.cm-tooltip-autocomplete > ul': { fontFamily: MONO, maxHeight: '16em' },
      '.cm-tooltip-autocomplete > ul > li': { padding: '4px 12px' },
      '.cm-tooltip-autocomplete > ul > li[aria-selected]': {
        backgroundColor: palette.action.selected,
        color: palette.text.primary,
      },
    },
    { dark },
  );
  cache.set(theme, made);
  return made;
}
