import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { RunfactsChecksumError, RunfactsTransportError } from './errors.js';
import { sha256OfFile, toArtifactPath } from './file-hash.js';
import type { Transport } from './transport.js';

export interface LoggedArtifact {
  path: string;
  kind: string;
  size: number;
  sha256: string;
  /** False when the server had this content already (nothing was sent). */
  created: boolean;
}

export interface DownloadedFile {
  path: string;
  file: string;
  sha256: string;
  size: number;
}

/**
 * Artifact uploads and downloads over `/artifacts/<run_id>/<path>`, on the GraphQL server's
 * host. Uploads send the checksum, so a retry of the same content is a no-op and corruption is
 * refused; downloads are hashed while written and only kept (renamed into place) when they match.
 */
export class ArtifactTransfer {
  constructor(
    private readonly transport: Transport,
    private readonly retries = 3,
  ) {}

  urlOf(runId: string, path: string): string {
    const escaped = [runId, ...path.split('/')].map(encodeURIComponent).join('/');
    return new URL(`/artifacts/${escaped}`, this.transport.url).toString();
  }

  /** Logs a file, or every file under a folder (paths relative to it, under `name` when given). */
  async log(
    runId: string,
    local: string,
    options: { name?: string; kind?: string } = {},
  ): Promise<LoggedArtifact[]> {
    const info = await stat(local);
    if (!info.isDirectory()) {
      const name = toArtifactPath(options.name ?? local.split(/[\\/]/).pop() ?? local);
      return [await this.upload(runId, local, name, options.kind)];
    }
    const out: LoggedArtifact[] = [];
    for (const file of await listFiles(local)) {
      const rel = relative(local, file);
      const name = toArtifactPath(options.name ? `${options.name}/${rel}` : rel);
      out.push(await this.upload(runId, file, name, options.kind));
    }
    return out;
  }

  async upload(runId: string, file: string, path: string, kind?: string): Promise<LoggedArtifact> {
    const { sha256, size } = await sha256OfFile(file);
    const url = this.urlOf(runId, path);
    return this.#withRetries(`upload ${path}`, async () => {
      const head = await request(url, {
        method: 'HEAD',
        dispatcher: this.transport.agent,
        headers: this.#auth(),
      });
      await head.body.dump();
      if (head.statusCode === 200 && head.headers.etag === `"${sha256}"`) {
        const recorded = head.headers['x-runfacts-kind'];
        return {
          path,
          kind: typeof recorded === 'string' ? recorded : (kind ?? ''),
          size,
          sha256,
          created: false,
        };
      }
      const res = await request(url, {
        method: 'PUT',
        dispatcher: this.transport.agent,
        headers: {
          ...this.#auth(),
          'content-type': 'application/octet-stream',
          'content-length': String(size),
          'x-runfacts-sha256': sha256,
          ...(kind ? { 'x-runfacts-kind': kind } : {}),
        },
        body: createReadStream(file, { highWaterMark: 1 << 20 }),
      });
      const text = await res.body.text();
      if (res.statusCode >= 300) throw httpError(res.statusCode, text, url);
      return JSON.parse(text) as LoggedArtifact;
    });
  }

  /**
   * Downloads `url` to `file`, verifying it against `sha256` (the server also refuses a file that
   * changed, with 409). A partial or mismatching download never appears under `file`.
   */
  async download(
    url: string,
    file: string,
    sha256: string,
    label: string,
  ): Promise<DownloadedFile> {
    await mkdir(dirname(file), { recursive: true });
    return this.#withRetries(`download ${label}`, async () => {
      const temp = `${file}.part-${process.pid}`;
      try {
        const res = await request(url, { dispatcher: this.transport.agent, headers: this.#auth() });
        if (res.statusCode !== 200) throw httpError(res.statusCode, await res.body.text(), url);
        const hash = createHash('sha256');
        let size = 0;
        const meter = new Transform({
          transform(chunk: Buffer, _e, done) {
            hash.update(chunk);
            size += chunk.length;
            done(null, chunk);
          },
        });
        await pipeline(res.body, meter, createWriteStream(temp, { flush: true }));
        const actual = hash.digest('hex');
        if (actual !== sha256) throw new RunfactsChecksumError(label, sha256, actual);
        await rename(temp, file);
        return { path: label, file, sha256, size };
      } finally {
        await unlink(temp).catch(() => undefined);
      }
    });
  }

  #auth(): Record<string, string> {
    const { authorization } = this.transport.headers();
    return authorization ? { authorization } : {};
  }

  /** Uploads and downloads are safe to repeat (same checksum = no-op), so network errors and 5xx are retried. */
  async #withRetries<T>(what: string, fn: () => Promise<T>): Promise<T> {
    let last: unknown;
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      try {
        return await fn();
      } catch (error) {
        last = error;
        const retryable =
          !(error instanceof RunfactsChecksumError) &&
          (!(error instanceof RunfactsTransportError) ||
            error.status === null ||
            error.status >= 500);
        if (!retryable || attempt === this.retries) break;
        await sleep(Math.min(2000, 100 * 2 ** attempt));
      }
    }
    if (last instanceof RunfactsTransportError || last instanceof RunfactsChecksumError) throw last;
    throw new RunfactsTransportError(`${what}: ${(last as Error)?.message ?? last}`, null, {
      cause: last,
    });
  }
}

/** `dest/path`, refusing a path that would land outside `dest`. */
export function insideDest(dest: string, path: string): string {
  const root = resolve(dest);
  const file = resolve(root, path);
  if (!file.startsWith(root + sep))
    throw new Error(`artifact path ${path} would be written outside ${dest}; refused`);
  return file;
}

function httpError(status: number, text: string, url: string): RunfactsTransportError {
  let message = text.slice(0, 500);
  try {
    message =
      (JSON.parse(text) as { errors: Array<{ message: string }> }).errors[0]?.message ?? message;
  } catch {
    // not JSON: keep the text
  }
  return new RunfactsTransportError(`HTTP ${status} from ${url}: ${message}`, status);
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
    a.name < b.name ? -1 : 1,
  )) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}
