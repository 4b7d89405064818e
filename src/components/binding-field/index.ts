export {
  BindingField,
  BindingPreviewLine,
  type BindingFieldProps,
  type BindingPreview,
} from './binding-field';
export { pendingReference, suggestionsFor, type SuggestionSource } from './completions';
export { bindingTokens, type Token, type TokenKind } from './tokens';
