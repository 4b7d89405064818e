import type { PageBudget } from './budget';

// Shared shapes of the binding engine. Pure data: no React, no DOM, no Node.

/** Why a binding failed; lets the editor style a syntax error differently from a missing name. */
export type BindingErrorKind =
  | 'syntax' // the scanner or the parser rejected the text
  | 'reference' // a name that is not in scope, or a helper that does not exist
  | 'type' // an operation on the wrong kind of value (reading a property of undefined, ...)
  | 'security' // blocked on purpose: constructor, __proto__, this, unsupported calls
  | 'limit' // a size or depth cap was hit
  | 'cycle'; // the dependency graph found a loop

export interface BindingError {
  kind: BindingErrorKind;
  message: string;
  /** Offset in the field text where the problem starts (the `{{` of the binding, or the exact character for syntax errors). */
  position: number;
  /** Offset just past the binding (after `}}`), so an editor can underline the whole binding. */
  end: number;
}

export interface TextSegment {
  kind: 'text';
  text: string;
  start: number;
  end: number;
}

export interface BindingSegment {
  kind: 'binding';
  /** The text between `{{` and `}}`, untrimmed. */
  expression: string;
  /** Offset of `{{`. */
  start: number;
  /** Offset just past `}}`. */
  end: number;
  /** Offset of the expression's first character (start + 2). */
  expressionStart: number;
}

export type Segment = TextSegment | BindingSegment;

/** A helper the caller adds to the built-in ones; it receives already evaluated arguments. */
export type HelperFunction = (...args: unknown[]) => unknown;

export interface EvaluationLimits {
  /** Longest string an evaluation may produce. */
  maxStringLength: number;
  /** Longest array an evaluation may produce. */
  maxArrayLength: number;
  /** AST nodes one field may visit. */
  maxFieldSteps: number;
  /** Characters one field's strings may create or scan in total. */
  maxFieldChars: number;
}

export const DEFAULT_LIMITS: Readonly<EvaluationLimits> = Object.freeze({
  maxStringLength: 100_000,
  maxArrayLength: 10_000,
  maxFieldSteps: 10_000,
  maxFieldChars: 1_000_000,
});

export interface EvaluationOptions {
  /** Milliseconds since the epoch; injectable so tests and previews are deterministic. Defaults to Date.now. */
  now?: () => number;
  /** Extra helpers callable by name, e.g. `{ formatPhone }`; they win over built-ins with the same name. */
  helpers?: Readonly<Record<string, HelperFunction>>;
  limits?: Partial<EvaluationLimits>;
  /** One page evaluation's shared work budget (see createPageBudget); none means no page cap. */
  page?: PageBudget;
}

/** What a binding may read: own data properties of this object, by name (widgets, queries). */
export type Scope = Readonly<Record<string, unknown>>;

export type EvaluationResult =
  { ok: true; value: unknown } | { ok: false; kind: BindingErrorKind; message: string };
