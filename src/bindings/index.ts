// The binding engine's public API: pure functions, safe to run in the browser or on the server.
export {
  scanTemplate,
  tokenizeTemplate,
  soleBinding,
  bindingPath,
  identifierRole,
  type ScanResult,
  type ExpressionToken,
  type ExpressionTokenKind,
  type TokenizedBindingSegment,
  type TokenizedSegment,
} from './scanner';
export {
  parseExpression,
  clearParseCache,
  parseCacheSize,
  MAX_EXPRESSION_LENGTH,
  MAX_AST_DEPTH,
  type ParseResult,
} from './parser';
export { evaluateExpression, evaluateAst } from './evaluator';
export {
  createPageBudget,
  DEFAULT_PAGE_CHARS,
  DEFAULT_PAGE_STEPS,
  type PageBudget,
} from './budget';
export {
  evaluateTemplate,
  referencedNames,
  referencedPaths,
  type TemplateResult,
} from './template';
export {
  buildDependencyGraph,
  affectedNodes,
  buildScope,
  evaluateGraph,
  evaluateNode,
  reevaluateGraph,
  type Entity,
  type GraphNode,
  type Cycle,
  type DependencyGraph,
  type GraphState,
} from './dependency-graph';
export { BUILTIN_HELPER_NAMES, formatIsoSeconds, formatIsoDate } from './helpers';
export { ALLOWED_METHODS } from './methods';
export {
  DEFAULT_LIMITS,
  type BindingError,
  type BindingErrorKind,
  type BindingSegment,
  type EvaluationLimits,
  type EvaluationOptions,
  type EvaluationResult,
  type HelperFunction,
  type Scope,
  type Segment,
  type TextSegment,
} from './types';
