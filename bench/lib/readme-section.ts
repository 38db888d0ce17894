import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Replaces the part of bench/README.md between `<!-- name:start -->` and `<!-- name:end -->`
 * (markers included) with `body` wrapped in the markers; appends it when the markers are absent.
 */
export async function spliceReadme(
  benchDir: string,
  name: string,
  body: string,
  fallback = '# Benchmarks\n',
): Promise<void> {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const section = `${start}\n${body.trim()}\n${end}`;
  const path = join(benchDir, 'README.md');
  const current = existsSync(path) ? await readFile(path, 'utf8') : fallback;
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next =
    from >= 0 && to > from
      ? current.slice(0, from) + section + current.slice(to + end.length)
      : `${current.trimEnd()}\n\n${section}\n`;
  await writeFile(path, next);
}
