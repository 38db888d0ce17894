import { InvalidInputError } from '../domain-error.js';

/** A meta input that breaks a seed-000 rule; `field` is the dotted path of the offending value. */
export class MetaError extends InvalidInputError {
  override name = 'MetaError';
  declare readonly field: string;
  constructor(message: string, field: string) {
    super(`${field}: ${message}`, field);
  }
}
