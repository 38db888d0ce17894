import { useEffect, useMemo, useState } from 'preact/hooks';
import { request, resetSubscriptions } from './api/client';
import { getToken, setToken as storeToken } from './api/token';
import { ViewerDocument } from './generated/graphql';
import { fieldValue } from './lib/form-field';
import { ComparePage } from './pages/compare';
import { CoveragePage } from './pages/coverage';
import { RegistryPage } from './pages/registry';
import { RunPage } from './pages/run';
import { RunsPage } from './pages/runs';
import { SweepPage } from './pages/sweep';
import { href, useRoute } from './router';
import { Session, type SessionState } from './session';

const PAGES = [
  { page: 'runs', label: 'Runs' },
  { page: 'compare', label: 'Compare' },
  { page: 'coverage', label: 'Coverage' },
  { page: 'sweep', label: 'Sweep' },
  { page: 'registry', label: 'Registry' },
];

export function App() {
  const route = useRoute();
  const [token, setTokenState] = useState(getToken());
  const [viewer, setViewer] = useState<{ name: string; scopes: string[]; error?: string }>({
    name: '',
    scopes: [],
  });
  useEffect(() => {
    let live = true; // an answer for a token replaced meanwhile is dropped
    request(ViewerDocument, {}).then(
      (d) => live && setViewer({ name: d.viewer.name, scopes: d.viewer.scopes }),
      (e: Error) => live && setViewer({ name: '', scopes: [], error: e.message }),
    );
    return () => {
      live = false;
    };
  }, [token]);
  const session = useMemo<SessionState>(
    () => ({
      token,
      setToken: (t) => {
        storeToken(t);
        resetSubscriptions();
        setTokenState(t);
      },
      name: viewer.name,
      scopes: new Set(viewer.scopes),
    }),
    [token, viewer],
  );
  const current = route.page === 'run' ? 'runs' : route.page;
  return (
    <Session.Provider value={session}>
      <button type="button" class="skip" onClick={() => document.getElementById('main')?.focus()}>
        Skip to content
      </button>
      <header class="top">
        <span class="brand">runfacts</span>
        <nav aria-label="Pages">
          {PAGES.map((p) => (
            <a
              key={p.page}
              href={href(p.page)}
              aria-current={current === p.page ? 'page' : undefined}
            >
              {p.label}
            </a>
          ))}
          <a href="/graphql">GraphiQL</a>
        </nav>
        <TokenField viewer={viewer} />
      </header>
      <main id="main" tabIndex={-1}>
        {route.page === 'runs' && <RunsPage route={route} />}
        {route.page === 'run' && <RunPage id={route.rest[0] ?? ''} route={route} />}
        {route.page === 'compare' && <ComparePage route={route} />}
        {route.page === 'coverage' && <CoveragePage route={route} />}
        {route.page === 'sweep' && <SweepPage route={route} />}
        {route.page === 'registry' && <RegistryPage route={route} />}
        {!PAGES.some((p) => p.page === route.page) && route.page !== 'run' && (
          <p>
            No page "{route.page}". <a href={href('runs')}>Go to runs</a>.
          </p>
        )}
      </main>
    </Session.Provider>
  );
}

function TokenField({ viewer }: { viewer: { name: string; scopes: string[]; error?: string } }) {
  const [draft, setDraft] = useState(getToken());
  return (
    <Session.Consumer>
      {(session) => (
        <form
          class="token"
          onSubmit={(e) => {
            e.preventDefault();
            session.setToken(fieldValue(e, 'token').trim());
          }}
        >
          <label for="token">API token</label>
          <input
            id="token"
            name="token"
            type="password"
            autoComplete="off"
            placeholder="none (local)"
            value={draft}
            onInput={(e) => setDraft(e.currentTarget.value)}
          />
          <button type="submit">Use</button>
          <span class="who" data-testid="viewer" title="kept for this tab only (sessionStorage)">
            {viewer.error
              ? `token refused: ${viewer.error}`
              : `as ${viewer.name || '…'} (${viewer.scopes.join(', ') || 'no scopes'})`}
          </span>
        </form>
      )}
    </Session.Consumer>
  );
}
