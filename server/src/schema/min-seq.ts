import type { Context } from '../context.js';

export const MIN_SEQ_DESCRIPTION =
  "A write's `seq`: the answer waits until the index holds that write (lists lag writes by at most ~200 ms otherwise).";

/** Waits until the index has applied the write with this token, when one is given. */
export function awaitMinSeq(ctx: Context, minSeq: string | null | undefined): Promise<void> {
  return ctx.runs.afterWrite(minSeq);
}
