// A worker thread starts without the loader hooks of its parent. Each worker entry (`*.mjs`)
// calls this: in a build (server/dist) the compiled worker sits beside the entry; from source,
// tsx is registered first (as the CLI's bin does) and the TypeScript is loaded.
import { existsSync } from 'node:fs';

/** Loads `<name>.js` beside `entryUrl` when compiled, else `<name>.ts` through tsx. */
export async function loadWorker(entryUrl, name) {
  const compiled = new URL(`./${name}.js`, entryUrl);
  if (existsSync(compiled)) {
    await import(compiled.href);
    return;
  }
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL(`./${name}.ts`, entryUrl).href);
}
