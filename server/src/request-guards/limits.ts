/** Limits on what one request may ask of the server; all configurable (docs/security.md). */
export interface SecurityLimits {
  /** Bytes of request body; larger bodies get 413 before they are parsed. */
  maxBodyBytes: number;
  /** Aliased fields per operation, fragments included. */
  maxAliases: number;
  /** Characters of the GraphQL document, checked before parsing (and before yoga's parse cache, which keeps each document's text). */
  maxDocumentLength: number;
  /** Lexical tokens per document; graphql's parser stops at this count. */
  maxTokens: number;
  /** Nesting of selection sets, fragments included; a cheap check before validation. */
  maxSelectionDepth: number;
  /** Characters in any one string, in the document or in the variables. */
  maxStringLength: number;
  /** Nesting of objects and lists in the variables. */
  maxInputDepth: number;
  /** Wall time of one query or mutation; subscriptions are exempt. */
  requestTimeoutMs: number;
  /** Open subscriptions per caller (token name, or local/anonymous). */
  maxSubscriptionsPerCaller: number;
}

export const DEFAULT_SECURITY_LIMITS: SecurityLimits = {
  maxBodyBytes: 1024 * 1024,
  maxAliases: 50,
  maxDocumentLength: 64 * 1024,
  maxTokens: 5000,
  maxSelectionDepth: 30,
  maxStringLength: 64 * 1024,
  maxInputDepth: 64,
  requestTimeoutMs: 15_000,
  maxSubscriptionsPerCaller: 10,
};
