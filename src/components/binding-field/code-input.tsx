import { Annotation, Compartment, EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useTheme } from '@mui/material';
import {
  useEffect,
  useLayoutEffect,
  useRef,
  type FocusEventHandler,
  type KeyboardEventHandler,
  type Ref,
} from 'react';
import type { SuggestionSource } from './completions';
import {
  bindingExtensions,
  setErrorRanges,
  setSuggestionSource,
  type ErrorRange,
} from './extensions';
import { bindingTheme } from './theme';

// A CodeMirror 6 editor in the place of MUI's <input>: TextField draws the label, outline, helper
// text and error state around it, and this component maps the props MUI gives an input (id,
// aria-*, disabled, focus and blur) onto the editor's content element, which is what a screen
// reader, react-hook-form's focus and the tests see as the textbox.

export interface EditorProps {
  multiline: boolean;
  minRows?: number;
  maxRows?: number;
  source: SuggestionSource;
  errors: readonly ErrorRange[];
  onDocChange(text: string): void;
}

export interface CodeInputProps {
  editor: EditorProps;
  value?: unknown;
  id?: string;
  className?: string;
  disabled?: boolean;
  readOnly?: boolean;
  required?: boolean;
  placeholder?: string;
  inputMode?: string;
  autoFocus?: boolean;
  'aria-invalid'?: boolean | 'true' | 'false';
  'aria-describedby'?: string;
  'aria-label'?: string;
  onFocus?: FocusEventHandler<HTMLDivElement>;
  onBlur?: FocusEventHandler<HTMLDivElement>;
  onKeyDown?: KeyboardEventHandler<HTMLDivElement>;
  onKeyUp?: KeyboardEventHandler<HTMLDivElement>;
  ref?: Ref<HTMLElement>;
}

/** Marks the editor's own copy of an outside value, so it is not reported back as an edit. */
const fromOutside = Annotation.define<boolean>();

function contentAttributes(props: CodeInputProps): Record<string, string> {
  const attrs: Record<string, string> = {
    'aria-multiline': props.editor.multiline ? 'true' : 'false',
    'aria-invalid': String(props['aria-invalid'] === true || props['aria-invalid'] === 'true'),
  };
  if (props.id) {
    attrs.id = props.id;
    // TextField labels its input with `<label for=id id=id-label>`; `for` cannot point at a div.
    if (!props['aria-label']) attrs['aria-labelledby'] = `${props.id}-label`;
  }
  if (props['aria-label']) attrs['aria-label'] = props['aria-label'];
  if (props['aria-describedby']) attrs['aria-describedby'] = props['aria-describedby'];
  if (props.required) attrs['aria-required'] = 'true';
  if (props.disabled) attrs['aria-disabled'] = 'true';
  if (props.inputMode) attrs.inputmode = props.inputMode;
  return attrs;
}

function assignRef<T>(ref: Ref<T> | undefined, value: T | null) {
  if (typeof ref === 'function') ref(value);
  else if (ref) (ref as { current: T | null }).current = value;
}

export function CodeInput(props: CodeInputProps) {
  const {
    editor,
    value,
    className,
    onFocus,
    onBlur,
    onKeyDown,
    onKeyUp,
    ref,
    placeholder,
    disabled,
    readOnly,
    autoFocus,
  } = props;
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const attributes = useRef(new Compartment());
  const editable = useRef(new Compartment());
  const themeSlot = useRef(new Compartment());
  const muiTheme = useTheme();
  const latest = useRef(editor);
  latest.current = editor;
  const text = typeof value === 'string' ? value : '';

  useLayoutEffect(() => {
    const created = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: text,
        extensions: [
          bindingExtensions({ multiline: editor.multiline, placeholderText: placeholder }),
          themeSlot.current.of(bindingTheme(muiTheme)),
          attributes.current.of(EditorView.contentAttributes.of(contentAttributes(props))),
          editable.current.of([
            EditorView.editable.of(!disabled),
            EditorState.readOnly.of(!!readOnly),
          ]),
          EditorView.updateListener.of((update) => {
            if (
              update.docChanged &&
              !update.transactions.some((tr) => tr.annotation(fromOutside))
            ) {
              latest.current.onDocChange(update.state.doc.toString());
            }
          }),
        ],
      }),
    });
    created.dispatch({
      effects: [setSuggestionSource.of(editor.source), setErrorRanges.of(editor.errors)],
    });
    view.current = created;
    assignRef(ref, created.contentDOM);
    if (autoFocus) created.focus();
    return () => {
      assignRef(ref, null);
      view.current = null;
      created.destroy();
    };
    // The editor is made once; later prop changes are dispatched to it by the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const v = view.current;
    if (!v || v.state.doc.toString() === text) return;
    const head = Math.min(v.state.selection.main.head, text.length);
    v.dispatch({
      changes: { from: 0, to: v.state.doc.length, insert: text },
      selection: { anchor: head },
      annotations: fromOutside.of(true),
    });
  }, [text]);

  useEffect(() => {
    view.current?.dispatch({ effects: setSuggestionSource.of(editor.source) });
  }, [editor.source]);

  useEffect(() => {
    view.current?.dispatch({ effects: setErrorRanges.of(editor.errors) });
  }, [editor.errors]);

  const attrs = contentAttributes(props);
  const attrsKey = JSON.stringify(attrs);
  useEffect(() => {
    view.current?.dispatch({
      effects: attributes.current.reconfigure(EditorView.contentAttributes.of(attrs)),
    });
    // Keyed by the attributes' JSON: a new object with the same content is no change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [attrsKey]);

  useEffect(() => {
    view.current?.dispatch({
      effects: editable.current.reconfigure([
        EditorView.editable.of(!disabled),
        EditorState.readOnly.of(!!readOnly),
      ]),
    });
  }, [disabled, readOnly]);

  useEffect(() => {
    view.current?.dispatch({ effects: themeSlot.current.reconfigure(bindingTheme(muiTheme)) });
  }, [muiTheme]);

  const lineHeight = 1.4375;
  return (
    // The host only hears focus, blur and keys bubbling up from CodeMirror's own contenteditable,
    // which carries the textbox role and the label.
    // eslint-disable-next-line jsx-a11y/no-static-element-interactions
    <div
      ref={host}
      className={className}
      onFocus={onFocus}
      onBlur={onBlur}
      onKeyDown={onKeyDown}
      onKeyUp={onKeyUp}
      data-binding-editor=""
      style={{
        height: 'auto',
        cursor: 'text',
        ['--binding-min-height' as string]: editor.minRows
          ? `${editor.minRows * lineHeight}em`
          : `${lineHeight}em`,
        ['--binding-max-height' as string]: editor.maxRows
          ? `${editor.maxRows * lineHeight}em`
          : 'none',
      }}
    />
  );
}
