import type { Plugin } from 'graphql-yoga';
import { type AuthenticateOptions, authenticate, type Principal } from '../auth/authenticate.js';
import { AuthError } from '../auth/errors.js';
import { isLoopbackAddress } from '../auth/loopback.js';
import { refusal } from './refusal.js';
import type { Reauthenticate } from './use-live-streams.js';

interface NodeServerContext {
  req?: { socket?: { remoteAddress?: string } };
}

/**
 * Authenticates each GraphQL request and adds `auth: Principal` to the context. Over node:http
 * the peer address decides loopback; a request with no socket (yoga.fetch in this process) is
 * treated as loopback, since only this process can make it.
 */
export function useAuth(
  options: Omit<AuthenticateOptions, 'loopback'> & {
    /** More context fields derived from the caller, e.g. the actor promotions record. */
    contextFor?: (principal: Principal) => Record<string, unknown>;
  },
): Plugin<{ auth: Principal; reauthenticate: Reauthenticate }> {
  return {
    async onContextBuilding({ context, extendContext }) {
      const req = (context as NodeServerContext).req;
      const loopback = req === undefined || isLoopbackAddress(req.socket?.remoteAddress);
      const result = await authenticate(context.request, { ...options, loopback });
      if (result instanceof AuthError) {
        const error = refusal(result.message, result.code.toUpperCase(), { status: result.status });
        if (result.status === 401) {
          Object.assign(error.extensions.http as object, {
            headers: { 'WWW-Authenticate': 'Bearer' },
          });
        }
        throw error;
      }
      // Long-lived streams ask again later (useLiveStreams): a token revoked since then ends them.
      const reauthenticate = () => authenticate(context.request, { ...options, loopback });
      extendContext({ ...options.contextFor?.(result), auth: result, reauthenticate });
    },
  };
}
