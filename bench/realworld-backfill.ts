/**
 * Backfill over the real-world run folders (`../shared/realworld-runs`, see its SOURCES.md):
 * `npx tsx bench/realworld-backfill.ts [--path DIR] [--json]`. Backfills every source into a
 * fresh facts root, then once more (a second pass must change nothing), and prints per source:
 * runs imported, folders reported by reason, and folders recognised as not runs. The folders are
 * read in place, never copied into the repository (they are not ours to commit).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type BackfillReport, backfill } from '../server/src/backfill/index.js';

const { values } = parseArgs({
  options: { path: { type: 'string' }, json: { type: 'boolean', default: false } },
});
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = resolve(repoRoot, values.path ?? '../shared/realworld-runs');
if (!existsSync(dataDir)) {
  console.error(
    `${dataDir} does not exist: pass the real-world runs folder with --path DIR (default ../shared/realworld-runs from the repository root)`,
  );
  process.exit(2);
}

interface SourceRow {
  source: string;
  imported: number;
  byLayout: Record<string, number>;
  reported: Record<string, number>;
  notRuns: Record<string, number>;
}

const bump = (map: Record<string, number>, key: string) => {
  map[key] = (map[key] ?? 0) + 1;
};
const sourceOf = (path: string) => path.slice(dataDir.length + 1).split(sep)[0] ?? '';

function perSource(report: BackfillReport, sources: string[]): SourceRow[] {
  const rows = new Map<string, SourceRow>(
    sources.map((s) => [s, { source: s, imported: 0, byLayout: {}, reported: {}, notRuns: {} }]),
  );
  const row = (path: string) => rows.get(sourceOf(path));
  for (const r of report.runs) {
    const target = row(r.source_path);
    if (!target) continue;
    target.imported++;
    bump(target.byLayout, r.layout);
  }
  for (const i of report.issues) {
    const target = row(i.path);
    if (target) bump(target.reported, `${i.severity === 'error' ? 'error' : 'warn'}:${i.kind}`);
  }
  for (const n of report.notRuns) {
    const target = row(n.path);
    if (target) bump(target.notRuns, n.kind);
  }
  return [...rows.values()];
}

const cells = (map: Record<string, number>) =>
  Object.entries(map)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ') || '-';

const sources = (await readdir(dataDir, { withFileTypes: true }))
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const root = await mkdtemp(join(tmpdir(), 'runfacts-realworld-'));
try {
  const first = await backfill({ runsDir: dataDir, root });
  const second = await backfill({ runsDir: dataDir, root });
  const rows = perSource(first, sources);
  if (values.json) {
    console.log(JSON.stringify({ rows, first: first.counts, second: second.counts }, null, 2));
  } else {
    console.log(
      '| source | runs imported | layouts | reported (severity:kind count) | not runs recognised |',
    );
    console.log('| --- | ---: | --- | --- | --- |');
    for (const r of rows) {
      const line = [r.source, r.imported, cells(r.byLayout), cells(r.reported), cells(r.notRuns)];
      console.log(`| ${line.join(' | ')} |`);
    }
    const c = first.counts;
    const g = first.registry;
    console.log(
      `\ntotal: ${c.found} run folders found, ${c.read} imported, ${c.skipped} left out on purpose (deleted), ${c.failed} failed; ${first.notRuns.length} not runs`,
    );
    console.log(
      `registry: ${g.models} models, ${g.versionsCreated} versions created, ${g.versionsSkipped} skipped, ${g.aliasesSet} aliases set`,
    );
    const s = second.counts;
    const r2 = second.registry;
    console.log(
      `second pass: ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged; registry ${r2.versionsCreated} versions created, ${r2.aliasesSet} aliases set`,
    );
  }
  if (second.counts.created + second.counts.updated + second.registry.versionsCreated > 0) {
    console.error('the second pass changed facts; it must change nothing');
    process.exitCode = 1;
  }
  const accounted = first.counts.read + first.counts.skipped + first.counts.failed;
  if (accounted !== first.counts.found + countTrashed(first)) {
    console.error(`not every run folder is accounted for (${accounted} of ${first.counts.found})`);
    process.exitCode = 1;
  }
} finally {
  await rm(root, { recursive: true, force: true });
}

function countTrashed(report: BackfillReport): number {
  return report.issues.filter(
    (i) => i.kind === 'deleted_run' && i.path.includes(`${sep}.trash${sep}`),
  ).length;
}
