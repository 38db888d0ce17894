import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TokenStore } from '../../../server/src/auth/token-store.js';
import { registerToken } from '../../../server/src/cli/token.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

let dir: { path: string; remove: () => Promise<void> };
beforeEach(async () => {
  dir = await makeTempDir('token-cli');
});
afterEach(async () => {
  vi.restoreAllMocks();
  await dir.remove();
});

/** Runs `runfacts token ...` in process and returns what it wrote. */
async function runfacts(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  const program = new Command('runfacts').exitOverride();
  registerToken(program);
  try {
    await program.parseAsync(['node', 'runfacts', 'token', ...args, '--root', dir.path]);
  } finally {
    vi.restoreAllMocks();
  }
  return { stdout, stderr };
}

describe('runfacts token', () => {
  it('create prints the token once on stdout and warns on stderr that it is not shown again', async () => {
    const { stdout, stderr } = await runfacts('create', '--name', 'ci', '--scopes', 'write,read');
    const token = stdout.trim();
    expect(token).toMatch(/^rf_[0-9a-f]{12}_[\w-]{43}$/);
    expect(stderr).toMatch(/will not be shown again/);
    expect(stderr).not.toContain(token);
    expect(await new TokenStore(dir.path).verifyToken(token)).toMatchObject({
      name: 'ci',
      scopes: ['read', 'write'],
    });
    const file = await readFile(new TokenStore(dir.path).file, 'utf8');
    expect(file).not.toContain(token.slice(16));
  });

  it('list shows name, scopes, created and revoked but never a secret or hash', async () => {
    const token = (await runfacts('create', '--name', 'ci', '--scopes', 'read')).stdout.trim();
    await runfacts('create', '--name', 'dash', '--scopes', 'read');
    await runfacts('revoke', 'dash');
    const table = (await runfacts('list')).stdout;
    expect(table).toMatch(/^NAME\s+SCOPES\s+CREATED\s+REVOKED/);
    expect(table).toMatch(/ci\s+read\s+\d{4}-\d\d-\d\dT\S+\s+-/);
    expect(table).toMatch(/dash\s+read\s+\S+\s+\d{4}-/);
    const json = (await runfacts('list', '--json')).stdout;
    const listed = JSON.parse(json) as Array<Record<string, unknown>>;
    expect(listed.map((t) => [t.name, t.revoked_at === null])).toEqual([
      ['ci', true],
      ['dash', false],
    ]);
    for (const out of [table, json]) {
      expect(out).not.toContain(token.slice(16));
      expect(out).not.toContain('scrypt');
    }
  });

  it('revoke makes the token fail verification; unknown names and bad scopes are errors', async () => {
    const token = (await runfacts('create', '--name', 'ci', '--scopes', 'read')).stdout.trim();
    const { stderr } = await runfacts('revoke', 'ci');
    expect(stderr).toMatch(/token ci .* revoked/);
    expect(await new TokenStore(dir.path).verifyToken(token)).toBeNull();
    await expect(runfacts('revoke', 'ci')).rejects.toThrow(/no active token named "ci"/);
    await expect(runfacts('create', '--name', 'x', '--scopes', 'read,sudo')).rejects.toThrow(
      /unknown scope "sudo"/,
    );
  });
});
