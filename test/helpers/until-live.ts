import { expect, vi } from 'vitest';

/**
 * Repeats `trigger` (e.g. a write) until `seen()` holds (its event arrived): a subscription is
 * known to be live only once it delivered an event, so nothing is published before that.
 */
export async function triggerUntilSeen(
  trigger: () => Promise<unknown>,
  seen: () => boolean,
  timeoutMs = 30_000,
): Promise<void> {
  await vi.waitFor(
    async () => {
      if (!seen()) await trigger();
      expect(seen(), 'the subscription delivered the event it was sent').toBe(true);
    },
    { timeout: timeoutMs, interval: 100 },
  );
}
