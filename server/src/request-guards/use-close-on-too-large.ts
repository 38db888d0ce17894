import type { Plugin } from 'graphql-yoga';

/**
 * Yoga refuses a streamed (chunked) body over `maxRequestBodySize` with 413 before the body is
 * read to its end, so the connection closes with the answer: a keep-alive client reusing it
 * for its next request got ECONNRESET (hostile-input.test.ts).
 */
export function useCloseOnTooLarge(): Plugin {
  return {
    onResponse({ response }) {
      if (response.status === 413) response.headers.set('connection', 'close');
    },
  };
}
