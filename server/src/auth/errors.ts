/** A token command cannot be done as asked (bad name, duplicate, unknown token); nothing was written. */
export class TokenStoreError extends Error {
  override name = 'TokenStoreError';
}

/** `<root>/auth/tokens.json` is unreadable or malformed; requests are refused until it is fixed. */
export class TokenFileError extends Error {
  override name = 'TokenFileError';
}

export type AuthErrorCode =
  | 'malformed_header'
  | 'invalid_token'
  | 'forbidden_origin'
  | 'forbidden_host';

/** A request that must be refused outright (401/403) rather than run with no scopes. */
export class AuthError extends Error {
  override name = 'AuthError';
  constructor(
    readonly code: AuthErrorCode,
    message: string,
  ) {
    super(message);
  }

  get status(): 401 | 403 {
    return this.code === 'malformed_header' || this.code === 'invalid_token' ? 401 : 403;
  }
}

/** The server was asked to listen where it must not (a public address with no tokens). */
export class UnsafeBindError extends Error {
  override name = 'UnsafeBindError';
}
