import { writeFileAtomic } from '../../../server/src/facts/index.js';
import { argsOf, blobFor } from './shared.js';

const args = argsOf<{ path: string; bytes: number; variants: number }>();
const contents = Array.from({ length: args.variants }, (_, v) =>
  Buffer.from(blobFor(v, args.bytes)),
);

for (let i = 1; ; i++) {
  await writeFileAtomic(args.path, contents[i % args.variants] as Buffer);
  console.log(`wrote ${i}`);
}
