import type { CORSOptions } from 'graphql-yoga';

/**
 * Yoga's `cors` option for an allow-list of browser origins: listed origins get CORS headers,
 * any other origin none (yoga's default would reflect every origin). `*` is refused, because a
 * wildcard would let any web page act as a tokenless loopback caller.
 */
export function corsAllowList(origins: readonly string[]): (request: Request) => CORSOptions {
  const allowed = new Set(origins.map(checkedOrigin));
  return (request) => {
    const origin = request.headers.get('origin');
    if (origin === null || !allowed.has(origin)) return false;
    return {
      origin: [origin],
      credentials: false,
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: ['authorization', 'content-type', 'accept'],
      maxAge: 600,
    };
  };
}

export function checkedOrigin(origin: string): string {
  let parsed: URL | null = null;
  try {
    parsed = new URL(origin);
  } catch {
    // reported below
  }
  if (origin === '*' || parsed === null || parsed.origin !== origin) {
    throw new Error(
      `CORS origin ${JSON.stringify(origin)} must be an exact origin such as https://dash.example.org (scheme, host and port, no path, no '*')`,
    );
  }
  return origin;
}
