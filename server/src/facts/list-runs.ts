import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { unsafeRunIdReason } from '../meta/naming.js';
import { isErrnoCode } from './atomic-write.js';
import { TEMP_PREFIX } from './layout.js';

/** An entry under `runs/` that is not a run folder; reported so it can be cleaned up. */
export interface SkippedRunEntry {
  name: string;
  path: string;
  /** 'temporary': a `.tmp-*` folder of a run being created, or left by a crash during creation. */
  reason: 'unsafe_name' | 'not_a_directory' | 'temporary';
  message: string;
}

export interface RunListing {
  runIds: string[];
  skipped: SkippedRunEntry[];
}

/** The run folders under `runsDir`, sorted; a missing `runsDir` lists nothing. */
export async function listRunFolders(runsDir: string): Promise<RunListing> {
  let entries: Dirent[];
  try {
    entries = await readdir(runsDir, { withFileTypes: true });
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) return { runIds: [], skipped: [] };
    throw error;
  }
  const runIds: string[] = [];
  const skipped: SkippedRunEntry[] = [];
  for (const entry of entries) {
    const name = entry.name;
    const path = join(runsDir, name);
    if (name.startsWith(TEMP_PREFIX)) {
      const message = `${path} is a run folder still being created, or left by a crash while creating one; remove it if no runfacts process is writing`;
      skipped.push({ name, path, reason: 'temporary', message });
      continue;
    }
    const unsafe = unsafeRunIdReason(name);
    if (unsafe !== null) {
      const message = `${path} is not a valid run id (${unsafe}); rename or remove it`;
      skipped.push({ name, path, reason: 'unsafe_name', message });
      continue;
    }
    if (!(await isDirectory(entry, path))) {
      const message = `${path} is not a directory; run folders hold a facts/ folder, remove or move this entry`;
      skipped.push({ name, path, reason: 'not_a_directory', message });
      continue;
    }
    runIds.push(name);
  }
  runIds.sort();
  return { runIds, skipped };
}

/** Symlinked run folders count when they point at a directory. */
async function isDirectory(entry: Dirent, path: string): Promise<boolean> {
  if (entry.isDirectory()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
