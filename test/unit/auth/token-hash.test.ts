import * as crypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

const { hashSecret, verifySecret } = await import('../../../server/src/auth/token-hash.js');
const cheap = { log2N: 10, r: 8, p: 1 };

describe('token hashes', () => {
  it('salts every hash, so one secret hashes differently twice', async () => {
    const a = await hashSecret('s3cret', cheap);
    const b = await hashSecret('s3cret', cheap);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$ln=10,r=8,p=1\$/);
    expect(await verifySecret('s3cret', a)).toBe(true);
    expect(await verifySecret('s3cret', b)).toBe(true);
    expect(await verifySecret('s3creT', a)).toBe(false);
  });

  it('compares the derived keys with timingSafeEqual, for matches and mismatches', async () => {
    const spy = vi.mocked(crypto.timingSafeEqual);
    spy.mockClear();
    const hash = await hashSecret('right', cheap);
    expect(await verifySecret('wrong', hash)).toBe(false);
    expect(await verifySecret('right', hash)).toBe(true);
    expect(spy).toHaveBeenCalledTimes(2);
    for (const [a, b] of spy.mock.calls) expect((a as Buffer).length).toBe((b as Buffer).length);
  });

  it('refuses hashes it cannot read or whose cost is out of bounds', async () => {
    const hash = await hashSecret('x', cheap);
    expect(await verifySecret('x', hash.replace('ln=10', 'ln=30'))).toBe(false);
    expect(await verifySecret('x', 'sha1$abc')).toBe(false);
    expect(await verifySecret('x', hash.replace(/\$[\w-]+$/, '$AAAA'))).toBe(false);
  });
});
