import {
  autocompletion,
  completionKeymap,
  type CompletionContext,
  type CompletionResult,
} from '@codemirror/autocomplete';
import { history, historyKeymap, standardKeymap } from '@codemirror/commands';
import {
  EditorState,
  Prec,
  StateEffect,
  StateField,
  type Extension,
  type RangeSet,
} from '@codemirror/state';
import {
  Decoration,
  EditorView,
  ViewPlugin,
  keymap,
  placeholder,
  tooltips,
  type DecorationSet,
  type ViewUpdate,
} from '@codemirror/view';
import { scanTemplate } from '../../bindings/scanner';
import { describeValue } from './describe-value';
import { pendingReference, suggestionsFor, type SuggestionSource } from './completions';
import { bindingTokens, type TokenKind } from './tokens';

// The CodeMirror pieces of a binding field: {{ }} highlighting, the binding's error underlined
// where it is, completion after `{{`, and single-line behaviour for one-line fields.

export interface ErrorRange {
  from: number;
  to: number;
  message: string;
}

/** Replaces the underlined error ranges (they come from evaluating the text, outside the editor). */
export const setErrorRanges = StateEffect.define<readonly ErrorRange[]>();
/** Replaces the names in scope and how to evaluate a path, for highlighting and completion. */
export const setSuggestionSource = StateEffect.define<SuggestionSource>();

const sourceField = StateField.define<SuggestionSource>({
  create: () => ({ names: {} }),
  update: (value, tr) =>
    tr.effects.reduce((v, e) => (e.is(setSuggestionSource) ? e.value : v), value),
});

const errorField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(decorations, tr) {
    let next = decorations.map(tr.changes);
    for (const effect of tr.effects) {
      if (!effect.is(setErrorRanges)) continue;
      const length = tr.state.doc.length;
      const marks = effect.value
        .map((e) => ({
          from: Math.min(e.from, length),
          to: Math.min(Math.max(e.to, e.from + 1), length),
          message: e.message,
        }))
        .filter((e) => e.to > e.from)
        .map((e) =>
          Decoration.mark({ class: 'cm-binding-error', attributes: { title: e.message } }).range(
            e.from,
            e.to,
          ),
        );
      next = Decoration.set(marks, true);
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

const TOKEN_MARKS: Record<TokenKind, Decoration> = {
  brace: Decoration.mark({ class: 'cm-binding-brace' }),
  expression: Decoration.mark({ class: 'cm-binding-expression' }),
  string: Decoration.mark({ class: 'cm-binding-string' }),
  number: Decoration.mark({ class: 'cm-binding-number' }),
  keyword: Decoration.mark({ class: 'cm-binding-keyword' }),
  name: Decoration.mark({ class: 'cm-binding-name' }),
  'unknown-name': Decoration.mark({ class: 'cm-binding-unknown' }),
};

function tokenDecorations(state: EditorState): DecorationSet {
  const { names } = state.field(sourceField);
  // Helpers are offered as `name(`; either spelling is a name in scope.
  const tokens = bindingTokens(
    state.doc.toString(),
    (name) => Object.hasOwn(names, name) || Object.hasOwn(names, `${name}(`),
  );
  return Decoration.set(
    tokens.map((t) => TOKEN_MARKS[t.kind].range(t.from, t.to)),
    true,
  );
}

const highlighter = ViewPlugin.fromClass(
  class {
    decorations: RangeSet<Decoration>;
    constructor(view: EditorView) {
      this.decorations = tokenDecorations(view.state);
    }
    update(update: ViewUpdate) {
      if (
        update.docChanged ||
        update.startState.field(sourceField) !== update.state.field(sourceField)
      ) {
        this.decorations = tokenDecorations(update.state);
      }
    }
  },
  { decorations: (plugin) => plugin.decorations },
);

function completeBinding(context: CompletionContext): CompletionResult | null {
  const line = context.state.doc.lineAt(context.pos);
  const before = context.state.sliceDoc(Math.max(0, context.pos - 2000), context.pos);
  const pending = pendingReference(before);
  if (pending === null) return null;
  // Right after `{{` (or on request) offer every name; inside a word, only once something is typed.
  if (pending === '' && !context.explicit && !before.endsWith('{{') && !/\{\{\s+$/.test(before))
    return null;
  const source = context.state.field(sourceField);
  const options = suggestionsFor(pending, source);
  if (options.length === 0) return null;
  return {
    from: Math.max(line.from, context.pos - pending.length),
    options: options.map((label) => ({
      label,
      type: label.includes('.') ? 'property' : 'variable',
      // What the name holds now, beside the list (not in the option's own text, which is its name).
      info:
        label.endsWith('(') || !source.valueOf
          ? undefined
          : () => document.createTextNode(`= ${describeValue(source.valueOf!(label), 200)}`),
    })),
    filter: false,
  };
}

/** Whether the `}` at `pos` is one of the two that close a binding. */
function atBindingClose(state: EditorState, pos: number): boolean {
  return scanTemplate(state.doc.toString()).segments.some(
    (s) => s.kind === 'binding' && (s.end - 2 === pos || s.end - 1 === pos),
  );
}

/**
 * Typing the second `{` of `{{` adds the closing `}}` after the caret, as Appsmith does; typing `}`
 * before such a closing brace steps over it, so typing the whole binding by hand gives the same text.
 * Pasting and autofill insert more than one character and are left alone.
 */
const closeBindings = EditorView.inputHandler.of((view, from, to, text) => {
  const { state } = view;
  if (from !== to || state.readOnly) return false;
  if (
    text === '{' &&
    state.sliceDoc(from - 1, from) === '{' &&
    state.sliceDoc(from - 2, from - 1) !== '{' &&
    !state.sliceDoc(from, from + 2).startsWith('}')
  ) {
    view.dispatch({
      changes: { from, insert: '{}}' },
      selection: { anchor: from + 1 },
      userEvent: 'input.type',
      scrollIntoView: true,
    });
    return true;
  }
  if (text === '}' && state.sliceDoc(from, from + 1) === '}' && atBindingClose(state, from)) {
    view.dispatch({ selection: { anchor: from + 1 }, userEvent: 'select', scrollIntoView: true });
    return true;
  }
  return false;
});

/** One-line fields: a pasted or typed line break becomes a space. */
const singleLine = EditorState.transactionFilter.of((tr) => {
  if (!tr.docChanged || tr.newDoc.lines === 1) return tr;
  const changes: { from: number; to: number; insert: string }[] = [];
  tr.changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => {
    changes.push({ from: fromA, to: toA, insert: inserted.toString().replace(/\r?\n/g, ' ') });
  });
  return [
    { changes, selection: tr.selection, effects: tr.effects, scrollIntoView: tr.scrollIntoView },
  ];
});

export interface EditorOptions {
  multiline: boolean;
  placeholderText?: string;
}

export function bindingExtensions({ multiline, placeholderText }: EditorOptions): Extension[] {
  return [
    history(),
    // Ctrl/Cmd+Enter belongs to the query editor (it runs the query); Enter ends a one-line field.
    Prec.high(
      keymap.of([
        { key: 'Mod-Enter', run: () => true },
        ...(multiline ? [] : [{ key: 'Enter', run: () => true }]),
      ]),
    ),
    keymap.of([...standardKeymap, ...historyKeymap, ...completionKeymap]),
    multiline ? [] : singleLine,
    EditorView.lineWrapping,
    EditorState.phrases.of({ Completions: 'Binding suggestions' }),
    sourceField,
    errorField,
    highlighter,
    closeBindings,
    autocompletion({ override: [completeBinding], icons: false, activateOnTypingDelay: 50 }),
    // Outside the field's box, so a scrolling panel or a dialog does not clip the suggestions.
    tooltips({ parent: document.body, position: 'fixed' }),
    placeholderText ? placeholder(placeholderText) : [],
  ];
}
