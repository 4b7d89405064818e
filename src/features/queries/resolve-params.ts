// The server resolves a saved query's fixed fields with the same code (POST /api/queries/:id/run),
// so it lives in the contract.
export {
  plainText,
  resolveParams,
  type RawParams,
  type ResolvedParams,
  type TextResolver,
} from '../../contract/commands/resolve-params';
