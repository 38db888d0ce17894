const KEY = 'runfacts.token';

/** The API token kept for this browser tab only (sessionStorage), never in the URL. */
export function getToken(): string {
  return sessionStorage.getItem(KEY) ?? '';
}

export function setToken(token: string): void {
  if (token === '') sessionStorage.removeItem(KEY);
  else sessionStorage.setItem(KEY, token);
}

export function authHeaders(): Record<string, string> {
  const token = getToken();
  return token === '' ? {} : { authorization: `Bearer ${token}` };
}
