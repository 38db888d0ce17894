import { lstat, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fsyncPath, isErrnoCode, writeNewFileDurable } from './atomic-write.js';
import { RunExistsError } from './errors.js';
import { FACTS_DIR, TEMP_PREFIX } from './layout.js';

/**
 * Creates `runDir` with a `facts` folder holding `files` (name -> content), all or nothing:
 * the folder is built under a temp name next to it and renamed into place, so a crash leaves
 * at most a `.tmp-*` folder, never half a run.
 */
export async function createRunDir(
  runId: string,
  runDir: string,
  files: Record<string, string>,
): Promise<void> {
  const parent = dirname(runDir);
  await mkdir(parent, { recursive: true });
  if (await exists(runDir)) throw new RunExistsError(runId, runDir);
  const temp = await mkdtemp(join(parent, `${TEMP_PREFIX}${basename(runDir)}-`));
  try {
    const facts = join(temp, FACTS_DIR);
    await mkdir(facts);
    for (const [name, content] of Object.entries(files)) {
      await writeNewFileDurable(join(facts, name), content);
    }
    await fsyncPath(facts);
    await fsyncPath(temp);
    // rename(2) replaces an empty directory, so re-check just before; a race with a second
    // creator then fails with ENOTEMPTY/EEXIST because the winner's folder is not empty.
    if (await exists(runDir)) throw new RunExistsError(runId, runDir);
    await rename(temp, runDir);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    if (isErrnoCode(error, 'ENOTEMPTY', 'EEXIST')) throw new RunExistsError(runId, runDir);
    throw error;
  }
  await fsyncPath(parent);
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) return false;
    throw error;
  }
}
