import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { isErrnoCode } from '../facts/atomic-write.js';
import { TokenFileError } from './errors.js';
import { SCOPES } from './scopes.js';

export const AUTH_DIR = 'auth';
export const TOKENS_FILE = 'tokens.json';

export function tokensFileOf(root: string): string {
  return join(root, AUTH_DIR, TOKENS_FILE);
}

export const TokenRecord = z.object({
  id: z.string().regex(/^[0-9a-f]{12}$/),
  name: z.string().min(1),
  scopes: z.array(z.enum(SCOPES)),
  hash: z.string().startsWith('scrypt$'),
  created_at: z.string(),
  revoked_at: z.string().nullable(),
  last4: z.string().optional(),
});
export type TokenRecord = z.infer<typeof TokenRecord>;

const TokenFile = z.array(TokenRecord);

/** Identifies one version of the file: writes replace it by rename, so the inode changes. */
export interface FileVersion {
  ino: number;
  size: number;
  mtimeMs: number;
}

export async function fileVersion(path: string): Promise<FileVersion | null> {
  try {
    const s = await stat(path);
    return { ino: s.ino, size: s.size, mtimeMs: s.mtimeMs };
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) return null;
    throw error;
  }
}

export function sameVersion(a: FileVersion | null, b: FileVersion | null): boolean {
  if (a === null || b === null) return a === b;
  return a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

/** The records in the tokens file; a missing file holds none. */
export async function readTokenFile(path: string): Promise<TokenRecord[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) return [];
    throw new TokenFileError(`cannot read ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new TokenFileError(
      `${path} is not valid JSON (${(error as Error).message}); restore it or delete it and create the tokens again`,
    );
  }
  const parsed = TokenFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TokenFileError(
      `${path}: ${issue?.path.join('.') || '(top level)'}: ${issue?.message}; restore the file or create the tokens again`,
    );
  }
  return parsed.data;
}

export function toFileText(records: readonly TokenRecord[]): string {
  return `${JSON.stringify(records, null, 2)}\n`;
}
