import { Client } from 'undici';

/** A keep-alive HTTP client for one GraphQL endpoint; any GraphQL error throws. */
export class GraphqlClient {
  readonly #client: Client;

  constructor(origin: string) {
    this.#client = new Client(origin, { pipelining: 1 });
  }

  async query<T = unknown>(document: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await this.#client.request({
      path: '/graphql',
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: document, variables }),
    });
    const body = (await response.body.json()) as { data?: T; errors?: Array<{ message: string }> };
    if (response.statusCode !== 200 || body.errors?.length || body.data === undefined) {
      const why = body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${response.statusCode}`;
      throw new Error(`GraphQL request failed: ${why}`);
    }
    return body.data;
  }

  close(): Promise<void> {
    return this.#client.close();
  }
}
