import { describe, expect, it } from 'vitest';
import {
  artifactPathProblem,
  sanitizeArtifactPath,
} from '../../../server/src/artifacts/artifact-path.js';
import {
  isChecked,
  modelArtifacts,
  upsertArtifact,
} from '../../../server/src/artifacts/entries.js';
import { artifactUrlPath, parseArtifactUrl } from '../../../server/src/http/artifact-request.js';
import { proxyRoot } from '../../../server/src/mirror/mlflow/artifact-sync.js';

const SHA = 'a'.repeat(64);

describe('artifact paths', () => {
  it('takes relative paths of safe segments', () => {
    for (const ok of [
      'model.joblib',
      'checkpoints/best_model.ckpt',
      'a/b/c-1+2=3@x.bin',
      '.hidden',
    ]) {
      expect(artifactPathProblem(ok), ok).toBeNull();
    }
  });

  it('refuses traversal, absolute paths, bad characters and reserved names, saying why', () => {
    expect(artifactPathProblem('../x')).toMatch(/"\.\." segments/);
    expect(artifactPathProblem('a/./b')).toMatch(/"\." segments/);
    expect(artifactPathProblem('/etc/passwd')).toMatch(/absolute/);
    expect(artifactPathProblem('C:/x')).toMatch(/absolute/);
    expect(artifactPathProblem('a\\b')).toMatch(/use \//);
    expect(artifactPathProblem('a//b')).toMatch(/empty segment/);
    expect(artifactPathProblem('a/')).toMatch(/empty segment/);
    expect(artifactPathProblem('')).toMatch(/empty/);
    expect(artifactPathProblem('.tmp-x')).toMatch(/reserved/);
    expect(artifactPathProblem('BINANCE_BTCUSDT.P, 60/model.txt')).toMatch(
      /use BINANCE_BTCUSDT\.P__60\/model\.txt/,
    );
    expect(artifactPathProblem('x'.repeat(256))).toMatch(/longer than 255/);
  });

  it('sanitises names as seed 004 asks, into paths the rule accepts', () => {
    expect(sanitizeArtifactPath('BINANCE_BTCUSDT.P, 60/pred test.csv')).toBe(
      'BINANCE_BTCUSDT.P__60/pred_test.csv',
    );
    expect(sanitizeArtifactPath('../a/./b\\c')).toBe('a/b/c');
    expect(sanitizeArtifactPath('.tmp-x/y')).toBe('_tmp-x/y');
    for (const raw of ['a b,c', '../../x y', 'dir\\file name.bin', 'é€.txt']) {
      expect(artifactPathProblem(sanitizeArtifactPath(raw)), raw).toBeNull();
    }
  });
});

describe('artifact entries', () => {
  it('counts only well-formed checksums as checked, so older entries stay path-only', () => {
    expect(isChecked({ path: 'm', kind: 'model', size: 3, sha256: SHA })).toBe(true);
    expect(isChecked({ path: 'm', kind: 'model', sha256: 'abc', size: 3 })).toBe(false);
    expect(isChecked({ path: 'm', kind: 'model', sha256: SHA })).toBe(false);
    expect(isChecked({ path: 'm', kind: 'model', sha256: SHA, size: -1 })).toBe(false);
  });

  it('replaces an entry of the same path in place, else appends', () => {
    const list = [
      { path: 'a', kind: 'x' },
      { path: 'b', kind: 'y' },
    ];
    expect(upsertArtifact(list, { path: 'a', kind: 'z', size: 1, sha256: SHA })).toEqual([
      { path: 'a', kind: 'z', size: 1, sha256: SHA },
      { path: 'b', kind: 'y' },
    ]);
    expect(upsertArtifact(list, { path: 'c', kind: 'z' }).map((a) => a.path)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('freezes model-kind files, else the one the version source names', () => {
    const model = { path: 'model.joblib', kind: 'model', size: 1, sha256: SHA };
    const ckpt = { path: 'checkpoints/best.ckpt', kind: 'checkpoint', size: 2, sha256: SHA };
    expect(modelArtifacts([model, ckpt], 'anything')).toEqual([model]);
    expect(modelArtifacts([ckpt], '/data/run/checkpoints/best.ckpt')).toEqual([ckpt]);
    expect(modelArtifacts([ckpt, { path: 'm.pt', kind: 'model' }], 's3://b/x.pt')).toEqual([]);
  });
});

describe('artifact URLs', () => {
  it('round-trips escaped paths and keeps .. for the path rule to refuse', () => {
    const url = artifactUrlPath('run_1', 'dir/a+b.bin', SHA);
    expect(url).toBe(`/artifacts/run_1/dir/a%2Bb.bin?sha256=${SHA}`);
    expect(parseArtifactUrl(url)).toEqual({ runId: 'run_1', path: 'dir/a+b.bin', sha256: SHA });
    expect(parseArtifactUrl('/artifacts/r/../facts/run.json')).toMatchObject({
      path: '../facts/run.json',
    });
    expect(parseArtifactUrl('/artifacts/r')).toMatch(/expected/);
    expect(parseArtifactUrl('/artifacts/r/%E0%A4%A')).toMatch(/malformed/);
  });

  it('finds the MLflow proxy path of proxied artifact roots only', () => {
    expect(proxyRoot('mlflow-artifacts:/1/abc/artifacts')).toBe('1/abc/artifacts');
    expect(proxyRoot('mlflow-artifacts://host:5000/1/abc/artifacts/')).toBe('1/abc/artifacts');
    expect(proxyRoot('/srv/mlruns/1/abc/artifacts')).toBeNull();
    expect(proxyRoot('s3://bucket/1/abc/artifacts')).toBeNull();
  });
});
