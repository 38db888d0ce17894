import { once } from 'node:events';
import { FactsStore } from '../../../../server/src/facts/index.js';
import { AliasConflictError, RegistryStore } from '../../../../server/src/registry/index.js';

const args = JSON.parse(process.argv[2] ?? '{}') as {
  root: string;
  model: string;
  version: number;
  worker: number;
};
const store = new RegistryStore(args.root, new FactsStore(args.root), {
  lock: { timeoutMs: 120_000 },
});

// Read the holder first, as a real client would, then wait for the parent's go so all race.
const seen = (await store.getModel(args.model)).aliases.Production ?? null;
console.log('ready');
await once(process.stdin, 'data');
try {
  const change = await store.promote({
    by: `worker-${args.worker}`,
    canChangeProtected: true,
    model: args.model,
    version: args.version,
    to: 'Production',
    reason: `worker ${args.worker} wins`,
    expectedVersion: seen,
  });
  console.log(JSON.stringify({ ok: true, entry: change.entry }));
} catch (error) {
  if (error instanceof AliasConflictError) {
    console.log(
      JSON.stringify({
        ok: false,
        code: error.code,
        current: error.currentVersion,
        expected: error.expectedVersion,
      }),
    );
  } else {
    console.log(JSON.stringify({ ok: false, code: 'UNEXPECTED', message: String(error) }));
  }
}
process.exit(0);
