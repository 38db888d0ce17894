import { fileURLToPath } from 'node:url';
import { type Child, type SpawnOptions, spawnScript } from '../../helpers/child-process.js';

export type { Child };

/** Runs `children/<script>` as `node --import tsx`, with its JSON argument and a stdin pipe. */
export function spawnChild(script: string, args: unknown, options: SpawnOptions = {}): Child {
  const path = fileURLToPath(new URL(`./children/${script}`, import.meta.url));
  return spawnScript(path, args, options);
}
