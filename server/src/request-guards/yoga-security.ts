import type { CORSOptions, Plugin } from 'graphql-yoga';
import type { Principal } from '../auth/authenticate.js';
import type { TokenVerifier } from '../auth/token-store.js';
import { corsAllowList } from './cors.js';
import { DEFAULT_SECURITY_LIMITS, type SecurityLimits } from './limits.js';
import { useAuth } from './use-auth.js';
import { useCloseOnTooLarge } from './use-close-on-too-large.js';
import { useDocumentLimits } from './use-document-limits.js';
import { useInputLimits } from './use-input-limits.js';
import { useJsonBody } from './use-json-body.js';
import type { LiveStreams, Reauthenticate } from './use-live-streams.js';
import { useRequestTimeout } from './use-request-timeout.js';
import { useSubscriptionLimit } from './use-subscription-limit.js';

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
