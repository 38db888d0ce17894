/**
 * Where a V8 CPU profile spends its time: `npx tsx bench/write/profile-summary.ts <file.cpuprofile>
 * [--top 25]`. Prints self time by function and inclusive time by source file, in ms.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '25' } },
});
const file = positionals[0];
if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [--top 25]');
const profile = JSON.parse(await readFile(file, 'utf8')) as Profile;
const top = Number(values.top);

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const selfMs = new Map<number, number>();
profile.samples.forEach((id, i) => {
  selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
});

const shortUrl = (url: string) =>
  url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/node_modules\//, 'node_modules/')
    .replace(/^.*\/work\/main\//, '');
const label = (n: ProfileNode) =>
  `${n.callFrame.functionName || '(anonymous)'} ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;

const selfByFunction = new Map<string, number>();
const inclusiveByFile = new Map<string, number>();
for (const [id, ms] of selfMs) {
  const node = byId.get(id) as ProfileNode;
  selfByFunction.set(label(node), (selfByFunction.get(label(node)) ?? 0) + ms);
  // Each file on the stack counts the sample once.
  const files = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const url = (byId.get(at) as ProfileNode).callFrame.url;
    if (url) files.add(shortUrl(url));
  }
  for (const f of files) inclusiveByFile.set(f, (inclusiveByFile.get(f) ?? 0) + ms);
}
const total = [...selfMs.values()].reduce((s, x) => s + x, 0);
const print = (title: string, map: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [name, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(
      `${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${name}`,
    );
};
console.log(`total sampled: ${total.toFixed(0)} ms`);
print('self time by function', selfByFunction);
print('inclusive time by file', inclusiveByFile);
