import type { Plugin } from 'graphql-yoga';
import { refusal } from './refusal.js';

/** Who a subscription counts against; by default the authenticated caller's name. */
export type CallerKey = (context: Record<string, unknown>) => string;

const callerName: CallerKey = (context) => {
  const auth = context.auth as { name?: unknown } | undefined;
  return typeof auth?.name === 'string' ? auth.name : 'anonymous';
};

/** Allows at most `max` open subscriptions per caller; the slot is freed when the stream ends. */
export function useSubscriptionLimit(max: number, keyOf: CallerKey = callerName): Plugin {
  const open = new Map<string, number>();
  const release = (key: string) => {
    const n = (open.get(key) ?? 1) - 1;
    if (n <= 0) open.delete(key);
    else open.set(key, n);
  };
  return {
    onSubscribe({ context, setResultAndStopExecution }) {
      const key = keyOf(context as Record<string, unknown>);
      if ((open.get(key) ?? 0) >= max) {
        setResultAndStopExecution({
          errors: [
            refusal(
              `${key} already has ${max} open subscriptions (limit maxSubscriptionsPerCaller); close one first`,
              'TOO_MANY_SUBSCRIPTIONS',
              { status: 429, limit: 'maxSubscriptionsPerCaller' },
            ),
          ],
        });
        return;
      }
      open.set(key, (open.get(key) ?? 0) + 1);
      let released = false;
      const once = () => {
        if (!released) {
          released = true;
          release(key);
        }
      };
      return {
        onSubscribeResult({ result }) {
          if (!(Symbol.asyncIterator in Object(result))) {
            once();
            return;
          }
          return { onEnd: once };
        },
        onSubscribeError: once,
      };
    },
  };
}
