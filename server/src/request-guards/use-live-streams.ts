import type { ExecutionResult } from 'graphql';
import { type Plugin, Repeater } from 'graphql-yoga';
import type { Principal } from '../auth/authenticate.js';
import { refusal } from './refusal.js';

/** Asks again who the caller of an open stream is now (useAuth puts it on the context). */
export type Reauthenticate = () => Promise<Principal | Error>;

export interface LiveStreams {
  plugin: Plugin;
  /** Ends every open subscription with a final error event and `complete` (server shutdown). */
  endAll(reason: string): void;
  /** Re-checks every open subscription's caller now, ending those whose access changed. */
  recheck(): Promise<void>;
}

interface Stream {
  stillAllowed(): Promise<boolean>;
  end(result: ExecutionResult): void;
}

/**
 * Keeps a handle on every open subscription so the server can end them: at shutdown (SSE
 * clients never leave on their own) and when the caller's token is revoked or its scopes change.
 * The caller is re-checked before each event and every `recheckMs` while streams are open, so a
 * revocation by another process (`runfacts token revoke`) ends quiet streams too.
 */
export function createLiveStreams(options: { recheckMs?: number } = {}): LiveStreams {
  const streams = new Set<Stream>();
  let timer: NodeJS.Timeout | null = null;
  const revoked = () =>
    refusal(
      'the token of this subscription was revoked or its scopes changed; subscribe again with a valid token',
      'TOKEN_REVOKED',
      { status: 401 },
    );
  const recheck = async () => {
    await Promise.all(
      [...streams].map(async (s) => {
        if (!(await s.stillAllowed())) s.end({ errors: [revoked()] });
      }),
    );
  };
  const track = (stream: Stream) => {
    streams.add(stream);
    timer ??= setInterval(() => void recheck(), options.recheckMs ?? 1000).unref();
  };
  const untrack = (stream: Stream) => {
    streams.delete(stream);
    if (streams.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
  const plugin: Plugin = {
    onSubscribe({ context }) {
      const ctx = context as { auth?: Principal; reauthenticate?: Reauthenticate };
      const stillAllowed = async () => {
        if (!ctx.auth || !ctx.reauthenticate) return true;
        const now = await ctx.reauthenticate().catch((error: unknown) => error as Error);
        return !(now instanceof Error) && sameAccess(ctx.auth, now);
      };
      return {
        onSubscribeResult({ result, setResult }) {
          if (!(Symbol.asyncIterator in Object(result))) return;
          const source = result as AsyncIterable<ExecutionResult>;
          setResult(
            new Repeater<ExecutionResult>(async (push, stop) => {
              const iterator = source[Symbol.asyncIterator]();
              const stream: Stream = {
                stillAllowed,
                end: (last) => {
                  untrack(stream);
                  void push(last).finally(() => stop());
                },
              };
              track(stream);
              void stop.then(() => {
                untrack(stream);
                void iterator.return?.();
              });
              for (;;) {
                const next = await Promise.race([iterator.next(), stop]);
                if (!next || next.done || !streams.has(stream)) break;
                if (!(await stillAllowed())) {
                  stream.end({ errors: [revoked()] });
                  break;
                }
                await push(next.value);
              }
              stop();
            }),
          );
        },
      };
    },
  };
  return {
    plugin,
    recheck,
    endAll: (reason) => {
      for (const s of [...streams]) {
        s.end({ errors: [refusal(reason, 'SHUTTING_DOWN', { status: 503 })] });
      }
    },
  };
}

function sameAccess(before: Principal, now: Principal): boolean {
  return (
    before.name === now.name &&
    before.scopes.size === now.scopes.size &&
    [...before.scopes].every((s) => now.scopes.has(s))
  );
}
