import type { TypedDocumentString } from './generated/graphql.js';
import * as documents from './generated/graphql.js';

type Documents = typeof documents;
type DocumentName = {
  [K in keyof Documents]: K extends `${string}Document` ? K : never;
}[keyof Documents];
type MethodName<K> = K extends `${infer N}Document` ? Uncapitalize<N> : never;
type ResultOf<D> = D extends TypedDocumentString<infer R, infer _V> ? R : never;
type VariablesOf<D> = D extends TypedDocumentString<infer _R, infer V> ? V : never;

/** One typed method per operation in queries/, named after it (`Runs` → `runs`). */
export type Operations = {
  [K in DocumentName as MethodName<K>]: Record<string, never> extends VariablesOf<Documents[K]>
    ? (variables?: VariablesOf<Documents[K]>) => Promise<ResultOf<Documents[K]>>
    : (variables: VariablesOf<Documents[K]>) => Promise<ResultOf<Documents[K]>>;
};

export interface OperationInfo {
  name: string;
  kind: 'query' | 'mutation' | 'subscription';
  document: string;
}

/** Every operation document the generated module exports, with its kind. */
export function operationDocuments(): OperationInfo[] {
  return Object.entries(documents)
    .filter(([key, value]) => key.endsWith('Document') && value instanceof String)
    .map(([key, value]) => {
      const text = String(value);
      const kind = /^\s*(query|mutation|subscription)\b/.exec(text)?.[1] as OperationInfo['kind'];
      return { name: key.slice(0, -'Document'.length), kind, document: text };
    });
}
