/** A query argument that cannot be served; `field` names the argument at fault. */
export class QueryInputError extends Error {
  override name = 'QueryInputError';
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}
