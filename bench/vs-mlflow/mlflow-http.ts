import { Client } from 'undici';

/** A keep-alive client for MLflow's REST API; any non-200 answer throws with MLflow's message. */
export class MlflowHttp {
  readonly #client: Client;

  constructor(origin: string) {
    this.#client = new Client(origin, { pipelining: 1 });
  }

  async post<T = unknown>(path: string, body: unknown): Promise<T> {
    const response = await this.#client.request({
      path: `/api/2.0/mlflow/${path}`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return this.#answer<T>(path, response.statusCode, await response.body.text());
  }

  async get<T = unknown>(path: string, query: Record<string, string>): Promise<T> {
    const response = await this.#client.request({
      path: `/api/2.0/mlflow/${path}?${new URLSearchParams(query)}`,
      method: 'GET',
    });
    return this.#answer<T>(path, response.statusCode, await response.body.text());
  }

  #answer<T>(path: string, status: number, text: string): T {
    if (status !== 200) throw new Error(`MLflow ${path} answered ${status}: ${text.slice(0, 500)}`);
    return JSON.parse(text) as T;
  }

  close(): Promise<void> {
    return this.#client.close();
  }
}
