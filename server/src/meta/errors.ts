/** A meta input that breaks a seed-000 rule; `field` is the dotted path of the offending value. */
export class MetaError extends Error {
  override name = 'MetaError';
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(`${field}: ${message}`);
  }
}
