import { InvalidInputError } from '../../domain-error.js';

export type CursorValue = string | number | boolean | null;

interface CursorPayload {
  /** The order the cursor was made for; a cursor is only valid for the same order. */
  o: string;
  v: CursorValue[];
}

export function encodeCursor(order: string, values: CursorValue[]): string {
  return Buffer.from(JSON.stringify({ o: order, v: values } satisfies CursorPayload)).toString(
    'base64url',
  );
}

/** The sort values stored in a cursor; a malformed or foreign cursor is a InvalidInputError. */
export function decodeCursor(cursor: string, order: string, length: number): CursorValue[] {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    payload = null;
  }
  const p = payload as Partial<CursorPayload> | null;
  if (!p || typeof p.o !== 'string' || !Array.isArray(p.v) || p.v.length !== length) {
    throw new InvalidInputError(
      'is not a cursor this API returned; pass an endCursor or edge cursor from an earlier page',
      'after',
    );
  }
  if (p.o !== order) {
    throw new InvalidInputError(
      'was made for a different orderBy; page with the same orderBy it came from, or start again without after',
      'after',
    );
  }
  return p.v as CursorValue[];
}
