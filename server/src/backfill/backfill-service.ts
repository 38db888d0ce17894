import { isAbsolute } from 'node:path';
import { InvalidInputError } from '../domain-error.js';
import { assertInsideRoot } from '../facts/inside-root.js';
import { BackfillUsageError, backfill } from './backfill.js';
import type { BackfillReport } from './types.js';

export interface BackfillRequest {
  runsDir: string;
  applyOverrides: boolean;
  dryRun: boolean;
}

/**
 * Backfill as the API offers it: a folder inside an --import-root, imported into the facts root,
 * then the index catches up. The resolver's one route to backfill, as `ctx.runs` is for reads.
 */
export class BackfillService {
  constructor(
    private readonly root: string,
    /** Folders the backfill mutation may read from (--import-root); empty allows none. */
    readonly importRoots: readonly string[],
    private readonly index: { catchUp(): Promise<void> },
  ) {}

  async run(request: BackfillRequest): Promise<BackfillReport> {
    await this.checkRunsDir(request.runsDir);
    const report = await backfill({ ...request, root: this.root }).catch((error: unknown) => {
      if (error instanceof BackfillUsageError)
        throw new InvalidInputError(error.message, 'runsDir');
      throw error;
    });
    if (!report.dryRun && report.counts.written > 0) await this.index.catchUp();
    return report;
  }

  private async checkRunsDir(runsDir: string): Promise<void> {
    if (this.importRoots.length === 0) {
      throw new InvalidInputError(
        'this server allows no backfill: start it with --import-root DIR',
        'runsDir',
      );
    }
    if (!isAbsolute(runsDir)) throw new InvalidInputError('must be an absolute path', 'runsDir');
    const inside = await Promise.all(
      this.importRoots.map((root) =>
        assertInsideRoot(root, runsDir).then(
          () => true,
          () => false,
        ),
      ),
    );
    if (!inside.some(Boolean)) {
      throw new InvalidInputError(
        `is outside the import roots (${this.importRoots.join(', ')})`,
        'runsDir',
      );
    }
  }
}
