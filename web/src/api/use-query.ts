import { useCallback, useContext, useEffect, useState } from 'preact/hooks';
import type { TypedDocumentString } from '../generated/graphql';
import { Session } from '../session';
import { request } from './client';

export interface QueryState<R> {
  data: R | null;
  error: Error | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs `document` when its variables (or the token) change; keeps the previous data while the
 * next answer is on its way, so tables do not flash. `skip` holds it back (e.g. invalid input).
 */
export function useQuery<R, V>(
  document: TypedDocumentString<R, V>,
  variables: V,
  skip = false,
): QueryState<R> {
  const { token } = useContext(Session);
  const [state, setState] = useState<{ data: R | null; error: Error | null; loading: boolean }>({
    data: null,
    error: null,
    loading: !skip,
  });
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (skip) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    request(document, variables).then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error: Error) => live && setState((s) => ({ data: s.data, error, loading: false })),
    );
    return () => {
      live = false;
    };
  }, [document, key, token, tick, skip]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}
