import { describe, expect, it } from 'vitest';
import { UnsafeBindError } from '../../../server/src/auth/errors.js';
import {
  assertSafeBind,
  isLoopbackAddress,
  isLoopbackHost,
} from '../../../server/src/auth/loopback.js';

describe('isLoopbackAddress', () => {
  it.each([
    '127.0.0.1',
    '127.255.255.254',
    '127.1.2.3',
    '::1',
    '0:0:0:0:0:0:0:1',
    '::ffff:127.0.0.1',
    '::FFFF:127.9.9.9',
  ])('%s is loopback', (address) => {
    expect(isLoopbackAddress(address)).toBe(true);
  });

  it.each([
    '128.0.0.1',
    '126.255.255.255',
    '10.0.0.1',
    '0.0.0.0',
    '::',
    '::2',
    '::ffff:10.0.0.1',
    'fe80::1',
    'localhost',
    '127.0.0.1.evil.example',
    '',
    undefined,
    null,
  ])('%s is not loopback', (address) => {
    expect(isLoopbackAddress(address)).toBe(false);
  });
});

describe('isLoopbackHost', () => {
  it.each(['localhost', 'LOCALHOST:4000', '127.0.0.1', '127.0.0.1:4000', '[::1]:4000', '::1'])(
    '%s names this machine',
    (host) => {
      expect(isLoopbackHost(host)).toBe(true);
    },
  );

  it.each([
    '0.0.0.0',
    '::',
    '192.168.1.5:4000',
    'example.org',
    'localhost.evil.example',
    '[::2]:4000',
    '',
  ])('%s does not', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});

describe('assertSafeBind', () => {
  it('refuses a public bind without tokens, saying how to create one', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.5', 'example.org']) {
      expect(() => assertSafeBind({ host, tokensConfigured: false, root: '/data' })).toThrow(
        UnsafeBindError,
      );
    }
    expect(() =>
      assertSafeBind({ host: '0.0.0.0', tokensConfigured: false, root: '/data' }),
    ).toThrow(/runfacts token create --name NAME --scopes read,write --root \/data/);
  });

  it('allows loopback binds without tokens and any bind with tokens', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1']) {
      expect(() => assertSafeBind({ host, tokensConfigured: false })).not.toThrow();
    }
    expect(() => assertSafeBind({ host: '0.0.0.0', tokensConfigured: true })).not.toThrow();
  });
});
