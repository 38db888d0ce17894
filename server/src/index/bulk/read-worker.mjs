// Worker entry: the compiled worker in a build, the TypeScript through tsx from source.
import { loadWorker } from '../../load-worker.mjs';

await loadWorker(import.meta.url, 'read-worker');
