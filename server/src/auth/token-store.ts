import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../facts/atomic-write.js';
import { withDirLock } from '../facts/lock.js';
import { TokenStoreError } from './errors.js';
import { parseScopes, type Scope } from './scopes.js';
import {
  type FileVersion,
  fileVersion,
  readTokenFile,
  sameVersion,
  type TokenRecord,
  toFileText,
  tokensFileOf,
} from './token-file.js';
import { newToken, parseToken, tokenNameProblem } from './token-format.js';
import { DEFAULT_SCRYPT, hashSecret, type ScryptParams, verifySecret } from './token-hash.js';

/** A token as listed: never the hash. */
export type TokenSummary = Omit<TokenRecord, 'hash'>;

export interface VerifiedToken {
  id: string;
  name: string;
  scopes: Scope[];
}

/** What request authentication needs from a token store. */
export interface TokenVerifier {
  verifyToken(plaintext: string): Promise<VerifiedToken | null>;
  hasActiveTokens(): Promise<boolean>;
}

export interface TokenStoreOptions {
  /** How long a successful check is remembered; default 60 000 ms. */
  cacheTtlMs?: number;
  scrypt?: ScryptParams;
  now?: () => Date;
}

const CACHE_MAX = 1000;

function summaryOf({ hash: _hash, ...rest }: TokenRecord): TokenSummary {
  return rest;
}

/**
 * API tokens in `<root>/auth/tokens.json`: only salted scrypt hashes are stored, written
 * atomically under a lock. Reads follow the file: a token created or revoked by another process
 * counts from the next check, since any change of the file empties the verification cache.
 */
export class TokenStore implements TokenVerifier {
  readonly file: string;
  readonly #cacheTtlMs: number;
  readonly #scrypt: ScryptParams;
  readonly #now: () => Date;
  #records: TokenRecord[] = [];
  #version: FileVersion | null = null;
  #loaded = false;
  /** sha256(token) → a recent successful check, so requests do not each pay for scrypt. */
  readonly #verified = new Map<string, VerifiedToken & { until: number }>();

  constructor(root: string, options: TokenStoreOptions = {}) {
    this.file = tokensFileOf(root);
    this.#cacheTtlMs = options.cacheTtlMs ?? 60_000;
    this.#scrypt = options.scrypt ?? DEFAULT_SCRYPT;
    this.#now = options.now ?? (() => new Date());
  }

  /** Creates a token and returns its plaintext, which is never stored and cannot be shown again. */
  async createToken(input: {
    name: string;
    scopes: readonly string[];
  }): Promise<{ token: string; summary: TokenSummary }> {
    const problem = tokenNameProblem(input.name);
    if (problem !== null) throw new TokenStoreError(problem);
    const scopes = parseScopes(input.scopes);
    const { id, secret, token } = newToken();
    const hash = await hashSecret(secret, this.#scrypt);
    const record: TokenRecord = {
      id,
      name: input.name,
      scopes,
      hash,
      created_at: this.#now().toISOString(),
      revoked_at: null,
      last4: secret.slice(-4),
    };
    await this.#update((records) => {
      const taken = records.find(
        (r) => r.revoked_at === null && r.name.toLowerCase() === input.name.toLowerCase(),
      );
      if (taken) {
        throw new TokenStoreError(
          `a token named ${JSON.stringify(taken.name)} exists; revoke it first (runfacts token revoke ${taken.name}) or pick another name`,
        );
      }
      return [...records, record];
    });
    return { token, summary: summaryOf(record) };
  }

  async listTokens(): Promise<TokenSummary[]> {
    return (await this.#load()).map(summaryOf);
  }

  /** Revokes the active token with this name, or the token with this id; revoking twice is a no-op. */
  async revokeToken(nameOrId: string): Promise<TokenSummary> {
    let revoked: TokenRecord | undefined;
    await this.#update((records) => {
      const index = records.findIndex(
        (r) => r.id === nameOrId || (r.revoked_at === null && r.name === nameOrId),
      );
      const found = records[index];
      if (!found) {
        const active = records.filter((r) => r.revoked_at === null).map((r) => r.name);
        throw new TokenStoreError(
          `no active token named ${JSON.stringify(nameOrId)} (and no token with that id); active tokens: ${active.join(', ') || 'none'}`,
        );
      }
      revoked =
        found.revoked_at === null ? { ...found, revoked_at: this.#now().toISOString() } : found;
      return records.map((r, i) => (i === index ? (revoked as TokenRecord) : r));
    });
    return summaryOf(revoked as TokenRecord);
  }

  /** The token's name and scopes, or null when it is malformed, unknown or revoked. */
  async verifyToken(plaintext: string): Promise<VerifiedToken | null> {
    const parsed = parseToken(plaintext);
    if (parsed === null) return null;
    const records = await this.#load();
    const key = createHash('sha256').update(plaintext).digest('hex');
    const cached = this.#verified.get(key);
    if (cached && cached.until > Date.now())
      return { id: cached.id, name: cached.name, scopes: cached.scopes };
    // Ids are not secret: an unknown one is refused without paying for scrypt.
    const record = records.find((r) => r.id === parsed.id && r.revoked_at === null);
    if (!record || !(await verifySecret(parsed.secret, record.hash))) return null;
    const verified = { id: record.id, name: record.name, scopes: [...record.scopes] };
    if (this.#verified.size >= CACHE_MAX) this.#verified.clear();
    this.#verified.set(key, { ...verified, until: Date.now() + this.#cacheTtlMs });
    return verified;
  }

  async hasActiveTokens(): Promise<boolean> {
    return (await this.#load()).some((r) => r.revoked_at === null);
  }

  /** The records, re-read only when the file changed (one stat per call otherwise). */
  async #load(): Promise<TokenRecord[]> {
    const version = await fileVersion(this.file);
    if (this.#loaded && sameVersion(version, this.#version)) return this.#records;
    const records = await readTokenFile(this.file);
    this.#records = records;
    this.#version = version;
    this.#loaded = true;
    this.#verified.clear();
    return records;
  }

  async #update(change: (records: TokenRecord[]) => TokenRecord[]): Promise<void> {
    const dir = dirname(this.file);
    // Only the server's owner needs to read the hashes.
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await withDirLock(dir, async () => {
      const next = change(await readTokenFile(this.file));
      await writeFileAtomic(this.file, toFileText(next));
    });
    this.#loaded = false;
  }
}
