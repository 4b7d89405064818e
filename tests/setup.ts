// Loaded before every test file: DOM matchers for component tests (harmless under node).
import '@testing-library/jest-dom/vitest';

// jsdom has no layout, and its Range lacks the measuring methods CodeMirror calls (it measures
// text to place the caret and the suggestion list). Empty measurements are what a layout-free
// document would report.
if (typeof Range !== 'undefined' && !Range.prototype.getClientRects) {
  const empty = () =>
    ({
      x: 0,
      y: 0,
      top: 0,
      left: 0,
      bottom: 0,
      right: 0,
      width: 0,
      height: 0,
      toJSON: () => ({}),
    }) as DOMRect;
  Range.prototype.getBoundingClientRect = empty;
  Range.prototype.getClientRects = () => Object.assign([], { item: () => null });
}
