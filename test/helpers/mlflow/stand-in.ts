import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { text } from 'node:stream/consumers';

/** One request the stand-in answered: the REST endpoint after `/api/2.0/mlflow/` and its JSON body. */
export interface StandInRequest {
  endpoint: string;
  body: Record<string, unknown>;
}

export interface MlflowStandIn {
  uri: string;
  requests: StandInRequest[];
  /**
   * Holds every request to `endpoint` until `release()`: a sync is then provably in flight.
   * Resolves once the first held request has arrived.
   */
  hold(endpoint: string): { arrived: Promise<void>; release(): void };
  /** While true every request is answered 503, as by an MLflow behind a proxy that is down. */
  down: boolean;
  close(): Promise<void>;
}

interface Held {
  endpoint: string;
  waiting: Array<() => void>;
  released: boolean;
  arrived: () => void;
}

/**
 * A small in-memory MLflow REST server on 127.0.0.1 with just the endpoints the run mirror calls,
 * so a test can hold a sync mid-flight without the minute a real MLflow takes to start.
 */
export async function startMlflowStandIn(): Promise<MlflowStandIn> {
  const experiments = new Map<string, string>();
  const runs = new Map<string, { experimentId: string; tags: unknown[] }>();
  const requests: StandInRequest[] = [];
  const holds: Held[] = [];

  const answer = (endpoint: string, body: Record<string, unknown>, url: URL): [number, unknown] => {
    switch (endpoint) {
      case 'experiments/get-by-name': {
        const name = url.searchParams.get('experiment_name') ?? '';
        const id = experiments.get(name);
        if (id === undefined) return [404, notFound(`experiment ${name}`)];
        return [200, { experiment: { experiment_id: id, name, lifecycle_stage: 'active' } }];
      }
      case 'experiments/create': {
        const id = String(experiments.size + 1);
        experiments.set(String(body.name), id);
        return [200, { experiment_id: id }];
      }
      case 'runs/search':
        return [200, {}];
      case 'runs/create': {
        const runId = randomUUID().replaceAll('-', '');
        const tags = Array.isArray(body.tags) ? body.tags : [];
        runs.set(runId, { experimentId: String(body.experiment_id), tags });
        const info = {
          run_id: runId,
          experiment_id: String(body.experiment_id),
          status: 'RUNNING',
        };
        return [200, { run: { info, data: { tags } } }];
      }
      case 'runs/log-batch':
      case 'runs/update':
      case 'runs/set-tag':
      case 'runs/delete-tag':
        return runs.has(String(body.run_id)) ? [200, {}] : [404, notFound(`run ${body.run_id}`)];
      default:
        return [404, { error_code: 'ENDPOINT_NOT_FOUND', message: `no ${endpoint} here` }];
    }
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const endpoint = url.pathname.replace(/^\/api\/2\.0\/mlflow\//, '');
      const raw = await text(req);
      const body = raw.length > 0 ? (JSON.parse(raw) as Record<string, unknown>) : {};
      requests.push({ endpoint, body });
      if (standIn.down) {
        const json = { error_code: 'TEMPORARILY_UNAVAILABLE', message: 'stand-in is down' };
        res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify(json));
        return;
      }
      const held = holds.find((h) => h.endpoint === endpoint && !h.released);
      if (held) {
        held.arrived();
        await new Promise<void>((resolve) => held.waiting.push(resolve));
      }
      const [status, json] = answer(endpoint, body, url);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    })();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  const standIn: MlflowStandIn = {
    uri: `http://127.0.0.1:${port}`,
    requests,
    down: false,
    hold(endpoint) {
      let arrived!: () => void;
      const promise = new Promise<void>((resolve) => {
        arrived = resolve;
      });
      const held: Held = { endpoint, waiting: [], released: false, arrived };
      holds.push(held);
      return {
        arrived: promise,
        release() {
          held.released = true;
          for (const resume of held.waiting.splice(0)) resume();
        },
      };
    },
    async close() {
      for (const h of holds) h.released = true;
      for (const h of holds) for (const resume of h.waiting.splice(0)) resume();
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
  return standIn;
}

function notFound(what: string) {
  return { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `${what} does not exist` };
}
