import { mkdir, readdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackfillService } from '../../../server/src/backfill/backfill-service.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

let base: { path: string; remove: () => Promise<void> };
let catchUps: number;
const index = {
  catchUp: async () => {
    catchUps++;
  },
};
beforeEach(async () => {
  base = await makeTempDir('backfill-service');
  catchUps = 0;
  await mkdir(join(base.path, 'root', 'runs'), { recursive: true });
  await mkdir(join(base.path, 'imports', 'empty'), { recursive: true });
  await mkdir(join(base.path, 'elsewhere'), { recursive: true });
});
afterEach(async () => {
  await base.remove();
});

const request = (runsDir: string) => ({ runsDir, applyOverrides: false, dryRun: false });
const service = (roots: string[]) => new BackfillService(join(base.path, 'root'), roots, index);

describe('BackfillService', () => {
  it('refuses every folder when the server has no import root', async () => {
    await expect(service([]).run(request(join(base.path, 'imports')))).rejects.toMatchObject({
      message: expect.stringMatching(/allows no backfill: start it with --import-root DIR/),
      field: 'runsDir',
    });
  });

  it('refuses a relative path and a path leaving the import roots through a symlink', async () => {
    const imports = join(base.path, 'imports');
    await expect(service([imports]).run(request('imports/empty'))).rejects.toMatchObject({
      message: expect.stringMatching(/must be an absolute path$/),
      field: 'runsDir',
    });
    await symlink(join(base.path, 'elsewhere'), join(imports, 'link'));
    await expect(service([imports]).run(request(join(imports, 'link')))).rejects.toMatchObject({
      message: expect.stringContaining(`is outside the import roots (${imports})`),
      field: 'runsDir',
    });
    expect(await readdir(join(base.path, 'root', 'runs'))).toEqual([]);
  });

  it('imports from inside an import root, and has the index catch up only after writing', async () => {
    const report = await service([join(base.path, 'imports')]).run(
      request(join(base.path, 'imports', 'empty')),
    );
    expect(report.counts.written).toBe(0);
    expect(catchUps).toBe(0);
  });
});
