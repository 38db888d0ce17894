import { useEffect, useState } from 'preact/hooks';

/** A view and its settings, from the URL hash (#/runs?where=...), so every view can be shared. */
export interface Route {
  page: string;
  /** Path segments after the page, e.g. the run id in #/run/<id>. */
  rest: string[];
  params: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const [page = 'runs', ...rest] = path.split('/').map(decodeURIComponent);
  return { page: page || 'runs', rest, params: new URLSearchParams(query) };
}

/** A hash link; empty params are left out to keep URLs short. */
export function href(path: string, params: Record<string, string | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') query.set(k, v);
  const q = query.toString();
  return `#/${path}${q ? `?${q}` : ''}`;
}

export function useRoute(): Route {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const onChange = () => setHash(location.hash);
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return parseRoute(hash);
}

/** Changes some settings of the current view, keeping the others. */
export function updateParams(patch: Record<string, string | undefined>): void {
  const route = parseRoute(location.hash);
  const params: Record<string, string | undefined> = Object.fromEntries(route.params);
  Object.assign(params, patch);
  location.hash = href([route.page, ...route.rest.map(encodeURIComponent)].join('/'), params);
}
