import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isErrnoCode, writeFileAtomic } from '../facts/atomic-write.js';

/** A registration request as remembered by its client request id. */
export interface ClientRequest {
  clientRequestId: string;
  runId: string;
  /** SHA-256 of the request body, so a retry with another body is told apart. */
  bodyHash: string;
}

/** JSON with object keys sorted, so equal bodies hash equally whatever their key order. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function requestBodyHash(body: unknown): string {
  return createHash('sha256').update(stableJson(body)).digest('hex');
}

/**
 * Registration requests by client request id, as durable files under `<root>/requests/`: the
 * record is written, with the run id it will create, before the run folder, so a retry after a
 * crash between the two finishes the same run instead of making a second one. Lookups are one
 * file read, whatever the index is doing.
 */
export class ClientRequests {
  readonly #dir: string;

  constructor(root: string) {
    this.#dir = join(root, 'requests');
  }

  #path(clientRequestId: string): string {
    const digest = createHash('sha256').update(clientRequestId).digest('hex');
    return join(this.#dir, digest.slice(0, 2), `${digest}.json`);
  }

  async find(clientRequestId: string): Promise<ClientRequest | null> {
    try {
      const record = JSON.parse(
        await readFile(this.#path(clientRequestId), 'utf8'),
      ) as ClientRequest;
      return record.clientRequestId === clientRequestId ? record : null;
    } catch (error) {
      if (isErrnoCode(error, 'ENOENT')) return null;
      throw error;
    }
  }

  async remember(request: ClientRequest): Promise<void> {
    const path = this.#path(request.clientRequestId);
    await mkdir(join(path, '..'), { recursive: true });
    await writeFileAtomic(path, `${JSON.stringify(request)}\n`);
  }
}
