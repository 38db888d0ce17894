import { FactsStore } from '../../../../server/src/facts/index.js';
import { RegistryStore } from '../../../../server/src/registry/index.js';

const args = JSON.parse(process.argv[2] ?? '{}') as { root: string; model: string };
const store = new RegistryStore(args.root, new FactsStore(args.root), {
  lock: { staleMs: 2_000, timeoutMs: 120_000 },
});

// Flips Staging between versions 1 and 2 until killed, reporting each committed history length.
for (;;) {
  const holder = (await store.getModel(args.model)).aliases.Staging ?? null;
  const change = await store.promote({
    by: 'looper',
    canChangeProtected: true,
    model: args.model,
    version: holder === 1 ? 2 : 1,
    to: 'Staging',
    reason: 'flip',
    expectedVersion: holder,
  });
  console.log(`committed ${change.model.history.length}`);
}
