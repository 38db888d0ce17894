import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Path of the first bigint found anywhere inside `value`, or undefined. */
export function findBigInt(value: unknown, path = '$'): string | undefined {
  if (typeof value === 'bigint') return path;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findBigInt(item, `${path}[${i}]`);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [key, item] of Object.entries(value)) {
      const found = findBigInt(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

export function makeTempDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'runfacts-duckdb-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
