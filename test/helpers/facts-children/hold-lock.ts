import { withDirLock } from '../../../server/src/facts/index.js';
import { argsOf, keepAlive } from './shared.js';

const args = argsOf<{ dir: string; staleMs: number }>();
keepAlive();
await withDirLock(
  args.dir,
  async () => {
    console.log('locked');
    await new Promise(() => undefined);
  },
  { staleMs: args.staleMs },
);
