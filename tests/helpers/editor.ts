import { completionStatus } from '@codemirror/autocomplete';
import { EditorSelection } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { act, waitFor } from '@testing-library/react';

// Typing into a binding field's CodeMirror editor in component tests. jsdom has no layout and no
// real text input, so CodeMirror cannot read keystrokes from the DOM there (user-event's caret and
// CodeMirror's disagree); these helpers make the same transactions typing makes (user event
// "input.type", one character at a time), which is what our extensions (suggestions, one-line
// fields, highlighting) react to. Real keystrokes are covered by the Chromium end-to-end tests.

/** Whether the element is a binding field's editor (not a native input). */
export function isEditor(element: Element): boolean {
  return element.classList.contains('cm-content');
}

export function editorView(element: Element): EditorView {
  const view = EditorView.findFromDOM(element as HTMLElement);
  if (!view) throw new Error('Not a binding field: no CodeMirror editor at this element');
  return view;
}

/** The field's text (textContent would include the placeholder). */
export function editorText(element: Element): string {
  return editorView(element).state.doc.toString();
}

/** Types `text` at the caret (or at `at`), one character per transaction, as a keyboard would. */
export async function typeInEditor(
  element: Element,
  text: string,
  options: { at?: number } = {},
): Promise<void> {
  const view = editorView(element);
  await act(async () => {
    view.focus();
    if (options.at !== undefined) view.dispatch({ selection: EditorSelection.cursor(options.at) });
    for (const ch of text) {
      view.dispatch({
        ...view.state.replaceSelection(ch),
        userEvent: 'input.type',
        scrollIntoView: true,
      });
    }
  });
  // Suggestions wait for a pause in typing; once they are asked for and answered, the list is
  // open with its options or stays closed, so a test may assert either.
  await waitFor(() => expect(completionStatus(view.state)).not.toBe('pending'));
}

/** Pastes `text` at the caret, replacing the selection. */
export async function pasteInEditor(element: Element, text: string): Promise<void> {
  const view = editorView(element);
  await act(async () => {
    view.focus();
    view.dispatch({ ...view.state.replaceSelection(text), userEvent: 'input.paste' });
  });
}

/** Selects everything and deletes it. */
export async function clearEditor(element: Element): Promise<void> {
  const view = editorView(element);
  await act(async () => {
    view.focus();
    view.dispatch({
      changes: { from: 0, to: view.state.doc.length },
      selection: EditorSelection.cursor(0),
      userEvent: 'delete',
    });
  });
}
