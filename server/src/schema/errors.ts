import { type DomainError, InvalidInputError } from '../domain-error.js';
import {
  IdempotencyConflictError,
  RunFrozenError,
  RunNotFoundError,
} from '../writes/write-errors.js';
import { builder } from './builder.js';

export const ErrorInterface = builder.interfaceRef<DomainError>('Error').implement({
  description: 'An expected failure: what went wrong, and which input field caused it.',
  fields: (t) => ({
    message: t.exposeString('message'),
    field: t.exposeString('field', { nullable: true }),
  }),
});

builder.objectType(InvalidInputError, {
  name: 'InvalidInputError',
  description: 'The input broke a rule; nothing was written.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof InvalidInputError,
  fields: () => ({}),
});

builder.objectType(RunNotFoundError, {
  name: 'RunNotFoundError',
  description: 'No run has this id; nothing was written.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof RunNotFoundError,
  fields: (t) => ({ runId: t.exposeID('runId') }),
});

builder.objectType(RunFrozenError, {
  name: 'RunFrozenError',
  description: 'A finished run refuses this change (params are frozen; a run finishes once).',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof RunFrozenError,
  fields: (t) => ({ runId: t.exposeID('runId'), status: t.exposeString('status') }),
});

builder.objectType(IdempotencyConflictError, {
  name: 'IdempotencyConflictError',
  description:
    'The clientRequestId was used by an earlier registration with a different body; nothing was written.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof IdempotencyConflictError,
  fields: (t) => ({
    clientRequestId: t.exposeString('clientRequestId'),
    runId: t.exposeID('runId', { description: 'The run the earlier registration created.' }),
  }),
});

export const WRITE_ERRORS = [InvalidInputError, RunNotFoundError];
export const UPDATE_ERRORS = [InvalidInputError, RunNotFoundError, RunFrozenError];
