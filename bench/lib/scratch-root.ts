import { execFile } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const SCRATCH = new URL('../.scratch/', import.meta.url).pathname;

/** A throwaway facts root holding the same runs as a data set; `remove` deletes it. */
export interface ScratchRoot {
  root: string;
  remove(): Promise<void>;
}

/**
 * A copy of `dataSet`'s runs made of hard links (`cp -al`, seconds even at 100k runs), under
 * bench/.scratch (the same file system as bench/.data). Facts writes replace files by rename or
 * create new run folders, so nothing a benchmark writes reaches the shared data set; its index
 * file is left behind, so the copy starts with none.
 */
export async function linkedCopy(dataSet: string, label: string): Promise<ScratchRoot> {
  const dir = join(SCRATCH, `${label}-${process.pid}`);
  await rm(dir, { recursive: true, force: true });
  const root = join(dir, 'root');
  await mkdir(root, { recursive: true });
  await promisify(execFile)('cp', ['-al', join(dataSet, 'runs'), join(root, 'runs')]);
  return { root, remove: () => rm(dir, { recursive: true, force: true }) };
}
