import { open } from 'node:fs/promises';
import { appendJsonLines } from '../../../server/src/facts/index.js';
import { argsOf, keepAlive } from './shared.js';

// Stands in for a training process that dies halfway through writing a record.
const args = argsOf<{ path: string; records: unknown[]; partial: string }>();
await appendJsonLines(args.path, args.records);
const handle = await open(args.path, 'a');
await handle.write(args.partial);
await handle.sync();
console.log('torn');
keepAlive();
