import type { CORSOptions, Plugin } from 'graphql-yoga';
import type { Principal } from './authenticate.js';
import { corsAllowList } from './cors.js';
import { DEFAULT_SECURITY_LIMITS, type SecurityLimits } from './limits.js';
import { useAuth } from './plugins/use-auth.js';
import { useCloseOnTooLarge } from './plugins/use-close-on-too-large.js';
import { useDocumentLimits } from './plugins/use-document-limits.js';
import { useInputLimits } from './plugins/use-input-limits.js';
import { useJsonBody } from './plugins/use-json-body.js';
import type { LiveStreams, Reauthenticate } from './plugins/use-live-streams.js';
import { useRequestTimeout } from './plugins/use-request-timeout.js';
import { useSubscriptionLimit } from './plugins/use-subscription-limit.js';
import type { TokenVerifier } from './token-store.js';

export interface SecurityOptions {
  store: TokenVerifier;
  limits?: Partial<SecurityLimits>;
  /** Browser origins allowed to call (CORS); default none. */
  corsOrigins?: readonly string[];
  /** Open subscriptions, so shutdown and token revocation can end them. */
  liveStreams?: LiveStreams;
  /** More context fields derived from the caller (see useAuth). */
  contextFor?: (principal: Principal) => Record<string, unknown>;
}

/** Options to spread into createYoga; `plugins` go after the app's own plugins. */
export interface YogaSecurityOptions {
  maxRequestBodySize: number;
  cors: (request: Request) => CORSOptions;
  plugins: Array<Plugin<{ auth: Principal; reauthenticate: Reauthenticate }> | Plugin>;
  limits: SecurityLimits;
}

/** Authentication, CORS allow-list and every request limit, as createYoga options. */
export function yogaSecurityOptions(options: SecurityOptions): YogaSecurityOptions {
  const limits = { ...DEFAULT_SECURITY_LIMITS, ...options.limits };
  const corsOrigins = options.corsOrigins ?? [];
  return {
    maxRequestBodySize: limits.maxBodyBytes,
    cors: corsAllowList(corsOrigins),
    limits,
    plugins: [
      useCloseOnTooLarge(),
      useJsonBody(),
      useInputLimits(limits),
      useDocumentLimits(limits),
      useAuth({
        store: options.store,
        allowedOrigins: corsOrigins,
        contextFor: options.contextFor,
      }),
      useSubscriptionLimit(limits.maxSubscriptionsPerCaller),
      ...(options.liveStreams ? [options.liveStreams.plugin] : []),
      useRequestTimeout(limits.requestTimeoutMs),
    ],
  };
}
