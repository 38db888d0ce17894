// A worker thread starts without the loader hooks of its parent: register tsx (as the CLI's
// bin does), then load the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./prepare-worker.ts');
