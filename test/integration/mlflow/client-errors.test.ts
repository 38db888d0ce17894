// The client's error typing and retry rules, against a scripted local HTTP server.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  MlflowApiError,
  MlflowClient,
  MlflowNetworkError,
  modelVersionSource,
} from '../../../server/src/mirror/mlflow/index.js';

type Reply = (req: IncomingMessage, res: ServerResponse) => void;

let server: Server | null = null;
let seen: string[] = [];

async function serve(replies: Reply[]): Promise<string> {
  seen = [];
  let i = 0;
  server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const reply = replies[Math.min(i++, replies.length - 1)] as Reply;
    req.resume();
    req.on('end', () => reply(req, res));
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const json =
  (status: number, body: unknown): Reply =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
const hangUp: Reply = (req) => req.socket.destroy();

const fast = { retry: { attempts: 3, minDelayMs: 1, maxDelayMs: 2 } };

afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(null)));
  server = null;
});

describe('MlflowClient errors and retries', () => {
  it('retries 5xx on a read and returns the answer', async () => {
    const uri = await serve([
      json(503, { error_code: 'TEMPORARILY_UNAVAILABLE', message: 'busy' }),
      json(200, { experiment: { experiment_id: '4', name: 'e', lifecycle_stage: 'active' } }),
    ]);
    const client = new MlflowClient({ trackingUri: uri, ...fast });
    expect(await client.getExperimentByName('e')).toMatchObject({ experiment_id: '4' });
    expect(seen).toEqual([
      'GET /api/2.0/mlflow/experiments/get-by-name?experiment_name=e',
      'GET /api/2.0/mlflow/experiments/get-by-name?experiment_name=e',
    ]);
    await client.close();
  });

  it("types MLflow's error shape and never retries a 4xx", async () => {
    const uri = await serve([
      json(400, {
        error_code: 'RESOURCE_ALREADY_EXISTS',
        message: "Experiment 'e' already exists.",
      }),
    ]);
    const client = new MlflowClient({ trackingUri: uri, ...fast });
    const error = await client.createExperiment('e').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MlflowApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'RESOURCE_ALREADY_EXISTS',
      alreadyExists: true,
    });
    expect(seen).toHaveLength(1);
    await client.close();
  });

  it('answers null for a missing resource (404) and a missing alias (400)', async () => {
    const uri = await serve([
      json(404, { error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'Run x not found' }),
      json(400, {
        error_code: 'INVALID_PARAMETER_VALUE',
        message: 'Registered model alias Staging not found.',
      }),
      json(400, { error_code: 'INVALID_PARAMETER_VALUE', message: 'Invalid alias name' }),
    ]);
    const client = new MlflowClient({ trackingUri: uri, ...fast });
    expect(await client.getRun('x')).toBeNull();
    expect(await client.getModelVersionByAlias('m', 'Staging')).toBeNull();
    await expect(client.getModelVersionByAlias('m', '!')).rejects.toThrow(/Invalid alias name/);
    await client.close();
  });

  it('never resends a create after an answer that may have been applied', async () => {
    const uri = await serve([json(503, { error_code: 'INTERNAL_ERROR', message: 'x' }), hangUp]);
    const client = new MlflowClient({ trackingUri: uri, ...fast });
    const create = () =>
      client.createRun({ experimentId: '1', runName: 'r', startTime: 0, tags: [] });
    await expect(create()).rejects.toBeInstanceOf(MlflowApiError);
    const lost = await create().catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(MlflowNetworkError);
    expect(lost).toMatchObject({ maybeApplied: true });
    expect(seen).toHaveLength(2);
    await client.close();
  });

  it('resends when the connection was refused, then reports it as not applied', async () => {
    const uri = await serve([json(200, {})]);
    await new Promise((resolve) => server?.close(resolve));
    server = null;
    const client = new MlflowClient({ trackingUri: uri, ...fast });
    const error = await client
      .createRun({ experimentId: '1', runName: 'r', startTime: 0, tags: [] })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'MlflowNetworkError', maybeApplied: false });
    expect(client.requestCount).toBe(3);
    await client.close();
  });

  it('refuses an oversized log-batch before sending it, and a tracking URI that is no URL', async () => {
    const uri = await serve([json(200, {})]);
    const client = new MlflowClient({ trackingUri: uri, ...fast });
    const params = Array.from({ length: 101 }, (_, i) => ({ key: `p${i}`, value: '1' }));
    await expect(client.logBatch('r', { params, tags: [], metrics: [] })).rejects.toThrow(
      RangeError,
    );
    expect(seen).toEqual([]);
    await client.close();
    expect(() => new MlflowClient({ trackingUri: 'localhost:5000' })).toThrow(/http/);
    expect(() => new MlflowClient({ trackingUri: 'not a url' })).toThrow(/not a URL/);
  });
});

describe('modelVersionSource', () => {
  const runDir = '/data/runs/run-1';
  it('points local model paths into the MLflow run, and keeps remote URIs', () => {
    expect(modelVersionSource('/data/runs/run-1/ckpt/model.pt', 'abc', runDir)).toBe(
      'runs:/abc/ckpt/model.pt',
    );
    expect(modelVersionSource('file:///data/runs/run-1/model.pt', 'abc', runDir)).toBe(
      'runs:/abc/model.pt',
    );
    expect(modelVersionSource('/elsewhere/model.pt', 'abc', runDir)).toBe('runs:/abc/model.pt');
    expect(modelVersionSource('checkpoints/../model.pt', 'abc', runDir)).toBe('runs:/abc/model.pt');
    expect(modelVersionSource('../../etc/model.pt', 'abc', runDir)).toBe('runs:/abc/model.pt');
    expect(modelVersionSource('./out/', 'abc', runDir)).toBe('runs:/abc/out');
    expect(modelVersionSource('s3://bucket/m.pt', 'abc', runDir)).toBe('s3://bucket/m.pt');
  });
});
