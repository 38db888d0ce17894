export type ArtifactErrorCode =
  | 'BAD_PATH'
  | 'RUN_NOT_FOUND'
  | 'NOT_FOUND'
  | 'TOO_LARGE'
  | 'CHECKSUM_MISMATCH'
  | 'CHANGED'
  | 'NOT_SERVABLE';

const STATUS: Record<ArtifactErrorCode, number> = {
  BAD_PATH: 400,
  RUN_NOT_FOUND: 404,
  NOT_FOUND: 404,
  TOO_LARGE: 413,
  CHECKSUM_MISMATCH: 400,
  CHANGED: 409,
  NOT_SERVABLE: 403,
};

/**
 * An artifact request that cannot be done as asked; nothing was written. `CHANGED` means the
 * file on disk no longer matches the checksum the facts (or a model version) recorded.
 */
export class ArtifactError extends Error {
  override name = 'ArtifactError';
  constructor(
    readonly code: ArtifactErrorCode,
    message: string,
  ) {
    super(message);
  }

  get status(): number {
    return STATUS[this.code];
  }
}
