import { FieldWork } from './budget';
import { evaluateAst, resolveLimits } from './evaluator';
import { parseExpression, type Node } from './parser';
import { scanTemplate, soleBinding } from './scanner';
import type { BindingError, BindingSegment, EvaluationOptions, Scope } from './types';
import { BindingFailure, toTextPart } from './values';

export interface TemplateResult {
  /** The raw value for a field that is exactly one binding; otherwise a string. */
  value: unknown;
  errors: BindingError[];
}

/**
 * Evaluates a field's text. A field that is one binding and nothing else (whitespace around it is
 * allowed) yields the binding's raw value, so `{{ 20 }}` is a number and `{{ [a, b] }}` an array;
 * mixed text yields a string with objects and arrays as JSON and null or undefined as nothing; a
 * text without bindings comes back unchanged. A failed binding yields undefined on its own, or
 * nothing inside mixed text, and adds an error. Never throws.
 */
export function evaluateTemplate(
  text: string,
  scope: Scope,
  options: EvaluationOptions | null = {},
): TemplateResult {
  const settings = options ?? {};
  if (typeof text !== 'string') {
    return {
      value: undefined,
      errors: [{ kind: 'type', message: 'A field text must be a string', position: 0, end: 0 }],
    };
  }
  const { segments, errors } = scanTemplate(text);
  if (!segments.some((segment) => segment.kind === 'binding')) return { value: text, errors };
  const limits = resolveLimits(settings.limits);
  const work = new FieldWork(limits, settings.page);

  const evaluateSegment = (segment: BindingSegment): unknown => {
    const parsed = parseExpression(segment.expression);
    if (!parsed.ok) {
      errors.push({
        kind: parsed.kind,
        message: parsed.message,
        position: parsed.kind === 'syntax' ? segment.expressionStart + parsed.index : segment.start,
        end: segment.end,
      });
      return undefined;
    }
    const result = evaluateAst(parsed.ast, scope, settings, work);
    if (result.ok) return result.value;
    errors.push({
      kind: result.kind,
      message: result.message,
      position: segment.start,
      end: segment.end,
    });
    return undefined;
  };

  const only = errors.length === 0 ? soleBinding(segments) : undefined;
  if (only) return { value: evaluateSegment(only), errors };

  const { maxStringLength } = limits;
  let out = '';
  for (const segment of segments) {
    try {
      out +=
        segment.kind === 'text'
          ? segment.text
          : toTextPart(evaluateSegment(segment), maxStringLength);
    } catch (error) {
      const message =
        error instanceof BindingFailure ? error.message : 'Value cannot be shown as text';
      errors.push({
        kind: error instanceof BindingFailure ? error.kind : 'type',
        message,
        position: segment.start,
        end: segment.end,
      });
    }
    if (out.length > maxStringLength) {
      errors.push({
        kind: 'limit',
        message: `Result is too long (more than ${maxStringLength} characters)`,
        position: segment.start,
        end: segment.end,
      });
      return { value: undefined, errors };
    }
  }
  return { value: out, errors };
}

/**
 * The paths a template reads, as far as they are static: `{{ Table1.selectedRow.id }}` reads
 * `Table1.selectedRow.id`, `{{ Table1.tableData[i].sid }}` reads `Table1.tableData` and `i`.
 * Helper calls and method names are not reads. Bindings that do not parse read nothing.
 */
export function referencedPaths(text: string): string[] {
  const found = new Set<string>();
  if (typeof text !== 'string') return [];
  for (const segment of scanTemplate(text).segments) {
    if (segment.kind !== 'binding') continue;
    const parsed = parseExpression(segment.expression);
    if (parsed.ok) collectPaths(parsed.ast, found);
  }
  return [...found];
}

/** The root names a template reads (widgets, queries): what the dependency graph links. */
export function referencedNames(text: string): string[] {
  return [...new Set(referencedPaths(text).map((path) => path.split('.')[0]!))];
}

const CONSTANT_NAMES = new Set(['undefined', 'NaN', 'Infinity']);

function collectPaths(node: Node | null | undefined, found: Set<string>): void {
  if (!node) return;
  switch (node.type) {
    case 'Identifier':
      if (!CONSTANT_NAMES.has(node.name as string)) found.add(node.name as string);
      return;
    case 'MemberExpression':
      collectChain(node, found);
      return;
    case 'CallExpression': {
      const callee = node.callee as Node;
      // A helper's name is not a read; a method's receiver is.
      if (callee.type === 'MemberExpression') {
        collectPaths(callee.object as Node, found);
        if (callee.computed) collectPaths(callee.property as Node, found);
      } else if (callee.type !== 'Identifier') collectPaths(callee, found);
      for (const argument of node.arguments as Node[]) collectPaths(argument, found);
      return;
    }
    case 'ObjectExpression':
      for (const property of node.properties as Node[]) {
        if (property.computed) collectPaths(property.key as Node, found);
        collectPaths(property.value as Node, found);
      }
      return;
    default:
      for (const value of Object.values(node)) {
        if (Array.isArray(value)) for (const item of value) collectPaths(item as Node, found);
        else if (value && typeof value === 'object' && typeof (value as Node).type === 'string')
          collectPaths(value as Node, found);
      }
  }
}

/** Records the static prefix of a member chain, then the reads inside its computed keys. */
function collectChain(node: Node, found: Set<string>): void {
  const links: Node[] = [];
  let current: Node = node;
  while (current.type === 'MemberExpression') {
    links.unshift(current);
    current = current.object as Node;
  }
  if (current.type !== 'Identifier') {
    collectPaths(current, found);
  } else if (!CONSTANT_NAMES.has(current.name as string)) {
    let path = current.name as string;
    for (const link of links) {
      const property = link.property as Node;
      if (!link.computed) path += '.' + (property.name as string);
      else if (
        property.type === 'Literal' &&
        (typeof property.value === 'string' || typeof property.value === 'number')
      ) {
        path += '.' + String(property.value);
      } else break;
    }
    found.add(path);
  }
  for (const link of links) if (link.computed) collectPaths(link.property as Node, found);
}
