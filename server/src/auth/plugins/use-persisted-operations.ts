import type { Plugin } from 'graphql-yoga';
import { refusal } from './refusal.js';

export interface PersistedOperationsOptions {
  /** sha256 hex of a document → the document, e.g. from codegen's persisted documents output. */
  operations: ReadonlyMap<string, string>;
  /** Also run documents sent in full; false makes the server answer only the listed operations. */
  allowArbitrary: boolean;
}

interface PersistedExtensions {
  persistedQuery?: { sha256Hash?: unknown };
}

/**
 * Runs operations named by hash (Apollo's `extensions.persistedQuery.sha256Hash`, or
 * `documentId`). With allowArbitrary false a public dashboard endpoint runs only known queries.
 */
export function usePersistedOperations(options: PersistedOperationsOptions): Plugin {
  return {
    onParams({ params, setParams }) {
      const extensions = params.extensions as PersistedExtensions | undefined;
      const documentId = (params as { documentId?: unknown }).documentId;
      const id = extensions?.persistedQuery?.sha256Hash ?? documentId;
      if (typeof id === 'string') {
        const query = options.operations.get(id);
        if (query === undefined) {
          throw refusal(`no persisted operation ${id}`, 'PERSISTED_QUERY_NOT_FOUND', {
            status: 404,
          });
        }
        setParams({ ...params, query });
        return;
      }
      if (!options.allowArbitrary && params.query) {
        throw refusal(
          'this server runs only persisted operations; send extensions.persistedQuery.sha256Hash',
          'PERSISTED_QUERY_ONLY',
          { status: 403 },
        );
      }
    },
  };
}
