// A worker thread starts without the loader hooks of its parent: in a build (server/dist) the
// compiled worker sits beside this file; from source, register tsx (as the CLI's bin does) first.
import { existsSync } from 'node:fs';

const compiled = new URL('./prepare-worker.js', import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./prepare-worker.ts');
}
