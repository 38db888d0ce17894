import { describe, expect, it } from 'vitest';
import { corsAllowList } from '../../../server/src/request-guards/cors.js';

const from = (origin?: string) =>
  new Request('http://127.0.0.1:4000/graphql', { headers: origin ? { origin } : {} });

describe('corsAllowList', () => {
  it('answers listed origins with exactly that origin and none else', () => {
    const cors = corsAllowList(['https://dash.example.org', 'http://localhost:5173']);
    expect(cors(from('https://dash.example.org'))).toMatchObject({
      origin: ['https://dash.example.org'],
      credentials: false,
    });
    expect(cors(from('http://localhost:5173'))).toMatchObject({
      origin: ['http://localhost:5173'],
    });
    expect(cors(from('https://evil.example'))).toBe(false);
    expect(cors(from('https://dash.example.org.evil.example'))).toBe(false);
    expect(cors(from())).toBe(false);
  });

  it('allows no origin by default (yoga would otherwise reflect any)', () => {
    expect(corsAllowList([])(from('https://dash.example.org'))).toBe(false);
  });

  it('refuses a wildcard or anything that is not an exact origin', () => {
    for (const bad of [
      '*',
      'dash.example.org',
      'https://dash.example.org/',
      'https://x.org/path',
    ]) {
      expect(() => corsAllowList([bad])).toThrow(/must be an exact origin/);
    }
  });
});
