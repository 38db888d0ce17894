import { type App, type AppOptions, openApp } from '../../server/src/app.js';
import { writeSyntheticRuns } from '../../server/src/demo/write-synthetic.js';
import { makeTempDir } from './temp-dir.js';

export interface TestApp extends App {
  root: string;
  /** POSTs a GraphQL document in process through yoga.fetch and returns the parsed body. */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{
    data?: T;
    errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  }>;
  dispose(): Promise<void>;
}

/** A real app over a temp facts root holding `runs` synthetic runs, with an in-memory index. */
export async function startTestApp(
  runs: number,
  options: Partial<AppOptions> = {},
): Promise<TestApp> {
  const dir = await makeTempDir('app');
  await writeSyntheticRuns(dir.path, runs);
  const app = await openApp({ root: dir.path, indexPath: ':memory:', refresh: false, ...options });
  return {
    ...app,
    root: dir.path,
    gql: async (query, variables) => {
      const response = await app.yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return response.json();
    },
    dispose: async () => {
      await app.close();
      await dir.remove();
    },
  };
}
