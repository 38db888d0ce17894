export {
  ANONYMOUS_NAME,
  type AuthenticateOptions,
  authenticate,
  LOCAL_NAME,
  type Principal,
} from './authenticate.js';
export { withBodyLimit } from './body-limit.js';
export { checkedOrigin, corsAllowList } from './cors.js';
export {
  AuthError,
  type AuthErrorCode,
  PathOutsideRootError,
  TokenFileError,
  TokenStoreError,
  UnsafeBindError,
} from './errors.js';
export { assertInsideRoot } from './inside-root.js';
export { DEFAULT_SECURITY_LIMITS, type SecurityLimits } from './limits.js';
export { assertSafeBind, isLoopbackAddress, isLoopbackHost } from './loopback.js';
export { useAuth } from './plugins/use-auth.js';
export { type DocumentLimits, useDocumentLimits } from './plugins/use-document-limits.js';
export { useInputLimits } from './plugins/use-input-limits.js';
export { useRequestTimeout } from './plugins/use-request-timeout.js';
export { type CallerKey, useSubscriptionLimit } from './plugins/use-subscription-limit.js';
export { authScopesOf, parseScopes, SCOPES, type Scope, ScopeListError } from './scopes.js';
export { AUTH_DIR, TOKENS_FILE, tokensFileOf } from './token-file.js';
export { DEFAULT_SCRYPT, type ScryptParams } from './token-hash.js';
export {
  TokenStore,
  type TokenStoreOptions,
  type TokenSummary,
  type TokenVerifier,
  type VerifiedToken,
} from './token-store.js';
export {
  type SecurityOptions,
  type YogaSecurityOptions,
  yogaSecurityOptions,
} from './yoga-security.js';
