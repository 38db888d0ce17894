import { createContext } from 'preact';

/** The token and what the server says it may do (viewer.scopes). */
export interface SessionState {
  token: string;
  setToken: (token: string) => void;
  name: string;
  scopes: ReadonlySet<string>;
}

export const Session = createContext<SessionState>({
  token: '',
  setToken: () => undefined,
  name: '',
  scopes: new Set(),
});

/** Why the session cannot do something needing `scope`, or null when it can. */
export function refusal(session: SessionState, scope: string): string | null {
  if (session.scopes.has(scope)) return null;
  const who = session.name === '' ? 'this session' : `"${session.name}"`;
  return `needs the ${scope} scope; ${who} has ${[...session.scopes].join(', ') || 'none'}: enter a token with ${scope} above`;
}
