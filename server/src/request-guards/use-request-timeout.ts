import type { ExecutionArgs, ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { refusal } from './refusal.js';

/**
 * Ends a query or mutation that runs longer than `timeoutMs` with a TIMEOUT error; the executor
 * is handed an abort signal so no further resolvers start. A mutation already writing finishes
 * its write (writes are atomic), so a retry with the same clientRequestId is safe.
 */
export function useRequestTimeout(timeoutMs: number): Plugin {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn((args: ExecutionArgs & { signal?: AbortSignal }) => {
        const controller = new AbortController();
        const signal = args.signal
          ? AbortSignal.any([args.signal, controller.signal])
          : controller.signal;
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<ExecutionResult>((resolve) => {
          timer = setTimeout(() => {
            controller.abort(new Error('request timeout'));
            resolve({
              errors: [
                refusal(
                  `the request ran longer than ${timeoutMs} ms (limit requestTimeoutMs); ask for less, e.g. a smaller page`,
                  'TIMEOUT',
                  { status: 503, limit: 'requestTimeoutMs' },
                ),
              ],
            });
          }, timeoutMs);
        });
        const run = Promise.resolve(executeFn({ ...args, signal } as ExecutionArgs)).catch(
          (error: unknown) => {
            if (controller.signal.aborted) return timedOut;
            throw error;
          },
        );
        return Promise.race([run, timedOut]).finally(() => clearTimeout(timer));
      });
    },
  };
}
