export type { DownloadedFile, LoggedArtifact } from './artifact-transfer.js';
export {
  type ClientOptions,
  createClient,
  type RunfactsClient,
  RunfactsModelError,
  type RunNode,
} from './client.js';
export {
  RunfactsChecksumError,
  RunfactsGraphQLError,
  RunfactsMutationError,
  RunfactsTransportError,
  unwrap,
} from './errors.js';
export type * from './generated/graphql.js';
export { type Operations, operationDocuments } from './operations.js';
export { RunfactsOfflineError, RunHandle, type RunHandleOptions } from './run-handle.js';
export type { SyncReport } from './sync.js';
