import { builder } from './builder.js';

/** An expected failure the client can act on; `field` names the input at fault. */
export class UserError extends Error {
  override name = 'UserError';
  constructor(
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
  }
}

export const ErrorInterface = builder
  .interfaceRef<Error & { field?: string | null }>('Error')
  .implement({
    description: 'An expected failure: what went wrong, and which input field caused it.',
    fields: (t) => ({
      message: t.exposeString('message'),
      field: t.string({ nullable: true, resolve: (e) => e.field ?? null }),
    }),
  });

builder.objectType(UserError, {
  name: 'InvalidInputError',
  description: 'The input broke a rule; nothing was written.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof UserError,
});
