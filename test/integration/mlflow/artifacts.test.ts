import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ArtifactStore } from '../../../server/src/artifacts/artifact-store.js';
import { FactsStore } from '../../../server/src/facts/index.js';
import { syncRuns } from '../../../server/src/mirror/mlflow/index.js';
import { createMirrorRun } from '../../helpers/mlflow/runs.js';
import {
  MLFLOW_PYTHON,
  type MlflowServer,
  startMlflowServer,
} from '../../helpers/mlflow/server.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

let server: MlflowServer;
let root: { path: string; remove: () => Promise<void> };

beforeAll(async () => {
  server = await startMlflowServer({ proxiedArtifacts: true });
  root = await makeTempDir('mirror-artifacts');
}, 300_000);
afterAll(async () => {
  await server?.remove();
  await root?.remove();
});

/** Downloads every artifact of an MLflow run with MLflow's own Python client; returns path -> sha256. */
async function readBackWithMlflow(mlflowRunId: string): Promise<Record<string, string>> {
  const script = `
import hashlib, json, os, sys, tempfile
import mlflow
mlflow.set_tracking_uri(sys.argv[1])
dest = tempfile.mkdtemp()
local = mlflow.artifacts.download_artifacts(run_id=sys.argv[2], dst_path=dest)
out = {}
for folder, _, names in os.walk(local):
    for name in names:
        path = os.path.join(folder, name)
        with open(path, "rb") as f:
            out[os.path.relpath(path, local)] = hashlib.sha256(f.read()).hexdigest()
print(json.dumps(out))
`;
  const { stdout } = await promisify(execFile)(
    MLFLOW_PYTHON,
    ['-c', script, server.uri, mlflowRunId],
    {
      env: { ...process.env, MLFLOW_DISABLE_TELEMETRY: 'true' },
    },
  );
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}');
}

it("uploads artifacts through the artifact proxy, idempotent by checksum, readable with MLflow's client", async () => {
  const facts = new FactsStore(root.path);
  const artifacts = new ArtifactStore(facts);
  await createMirrorRun(facts, 'run-art', { experiment: 'mirror-artifacts' });
  const model = randomBytes(300_000);
  const a = await artifacts.put('run-art', 'model.joblib', [model]);
  const b = await artifacts.put('run-art', 'preds/pred_test.csv', [Buffer.from('y,yhat\n1,0.9\n')]);

  const first = await syncRuns({ facts, trackingUri: server.uri, registry: false });
  expect(first.failures).toEqual([]);
  const result = first.results[0];
  expect(result?.warnings).toEqual([]);
  const mlflowRunId = result?.mlflowRunId ?? '';
  expect(await readBackWithMlflow(mlflowRunId)).toEqual({
    'model.joblib': a.artifact.sha256,
    'preds/pred_test.csv': b.artifact.sha256,
  });

  // Nothing changed: no request at all for the run.
  const second = await syncRuns({ facts, trackingUri: server.uri, registry: false });
  expect(second.results[0]).toMatchObject({ outcome: 'unchanged', requests: 0 });

  // A re-logged file is sent again (one PUT), the other is not.
  const c = await artifacts.put('run-art', 'model.joblib', [Buffer.from('retrained')]);
  const third = await syncRuns({ facts, trackingUri: server.uri, registry: false });
  expect(third.results[0]).toMatchObject({ outcome: 'updated', requests: 1 });
  expect((await readBackWithMlflow(mlflowRunId))['model.joblib']).toBe(c.artifact.sha256);

  // A file changed behind runfacts' back is not mirrored, and the report says so.
  await artifacts.put('run-art', 'notes.txt', [Buffer.from('v1')]);
  await writeFile(join(artifacts.artifactsDir('run-art'), 'notes.txt'), 'v2');
  const fourth = await syncRuns({ facts, trackingUri: server.uri, registry: false });
  expect(fourth.results[0]?.warnings.join('\n')).toMatch(
    /notes.txt not mirrored: its file changed/,
  );
  expect(Object.keys(await readBackWithMlflow(mlflowRunId))).not.toContain('notes.txt');
}, 240_000);
