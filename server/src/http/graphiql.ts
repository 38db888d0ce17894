import type { GraphiQLOptions } from 'graphql-yoga';

/**
 * GraphiQL's page with its scripts, styles and editor workers inlined from the installed
 * @graphql-yoga/render-graphiql package, so /graphql works with no internet (yoga's default
 * page loads them from a CDN). Loaded on first use: the bundle is ~9 MB of text.
 */
let page: Promise<(options: GraphiQLOptions) => string> | undefined;

export async function renderLocalGraphiQL(options: GraphiQLOptions): Promise<string> {
  page ??= import('@graphql-yoga/render-graphiql').then((m) => m.renderGraphiQL);
  return (await page)(options);
}
