import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'graphql-yoga';

/** Where `npm install` (the web workspace's build) puts the dashboard. */
export const DASHBOARD_DIR = fileURLToPath(new URL('../../../web/dist', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

const NOT_BUILT = `The dashboard is not built. Run \`npm install\` (or \`npm run build -w web\`) in the runfacts folder, then reload. GraphiQL is at /graphql.`;

/**
 * Serves the built dashboard (web/dist) at / beside the GraphQL endpoint, so a browser needs
 * nothing but this server. Only GET/HEAD outside the GraphQL endpoint and /ready are touched.
 */
export function useStaticDashboard(options: { dir?: string; graphqlEndpoint: string }): Plugin {
  const dir = options.dir ?? DASHBOARD_DIR;
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      const path = url.pathname;
      if (path.startsWith(options.graphqlEndpoint) || path === '/ready') return;
      let relative: string;
      try {
        relative = path === '/' ? 'index.html' : decodeURIComponent(path.slice(1));
      } catch {
        endResponse(new fetchAPI.Response(`malformed path: ${path}`, { status: 400 }));
        return;
      }
      const file = normalize(join(dir, relative));
      if (!file.startsWith(dir + sep)) return;
      let body: Buffer;
      try {
        body = await readFile(file);
      } catch {
        if (path === '/') {
          endResponse(new fetchAPI.Response(NOT_BUILT, { status: 503 }));
        } else {
          endResponse(new fetchAPI.Response(`no such file: ${path}`, { status: 404 }));
        }
        return;
      }
      const headers: Record<string, string> = {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        // Vite puts a content hash in asset names; index.html must be revalidated to see new ones.
        'cache-control': relative.startsWith('assets/')
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
      };
      endResponse(
        new fetchAPI.Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
          status: 200,
          headers,
        }),
      );
    },
  };
}
