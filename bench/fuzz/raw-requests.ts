import fc from 'fast-check';

/** A request that is not a well-formed GraphQL POST: broken JSON, odd types, batches, huge bodies. */
export interface RawRequest {
  label: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const q = (query: string) => JSON.stringify({ query });

export function rawRequestArb(): fc.Arbitrary<RawRequest> {
  const post = (label: string, body: string, type = 'application/json'): RawRequest => ({
    label,
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': type },
    body,
  });
  return fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }).map((b) => post('garbage-json', b)),
    fc.constant(
      post('nan-variables', '{"query":"query($x: Float){ __typename }","variables":{"x":NaN}}'),
    ),
    fc.constant(post('truncated-json', '{"query": "{ experiments { name } }", "variables": {')),
    fc.constant(post('empty', '')),
    fc.constant(post('variables-string', '{"query":"{ __typename }","variables":"null"}')),
    fc.constant(post('query-not-string', '{"query":{"a":1}}')),
    fc.constant(post('text-plain', q('{ __typename }'), 'text/plain')),
    fc.constant(post('graphql-type', '{ experiments { name } }', 'application/graphql')),
    fc.constant(post('form', 'query=%7B__typename%7D', 'application/x-www-form-urlencoded')),
    fc.constant(
      post(
        'multipart',
        '--b\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{"query":"{ __typename }"}\r\n--b--\r\n',
        'multipart/form-data; boundary=b',
      ),
    ),
    fc
      .integer({ min: 2, max: 500 })
      .map((n) =>
        post(
          'batch',
          JSON.stringify(Array.from({ length: n }, () => ({ query: '{ experiments { name } }' }))),
        ),
      ),
    fc
      .integer({ min: 1_100_000, max: 3_000_000 })
      .map((n) =>
        post(
          'huge-body',
          JSON.stringify({ query: '{ __typename }', variables: { x: 'y'.repeat(n) } }),
        ),
      ),
    fc
      .constantFrom(
        'mutation { finishRun(runId: "x") { __typename } }',
        '{ __schema { types { name } } }',
      )
      .map(
        (query): RawRequest => ({
          label: 'get',
          method: 'GET',
          path: `/graphql?query=${encodeURIComponent(query)}`,
          headers: { accept: 'application/json' },
        }),
      ),
    fc
      .constantFrom(
        '/',
        '/ready',
        '/health',
        '/graphql/../../etc/passwd',
        '/%2e%2e/%2e%2e/etc/passwd',
      )
      .map((path): RawRequest => ({ label: 'path', method: 'GET', path, headers: {} })),
  );
}
