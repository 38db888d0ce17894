import { useQuery } from '../api/use-query';
import { ApiErrorBox } from '../components/api-error';
import { PromoteForm } from '../components/promote-form';
import {
  RegistryModelDocument,
  type RegistryModelQuery,
  RegistryModelsDocument,
} from '../generated/graphql';
import { when } from '../lib/format';
import { href, type Route } from '../router';

type Model = NonNullable<RegistryModelQuery['registeredModel']>;

export function RegistryPage({ route }: { route: Route }) {
  const models = useQuery(RegistryModelsDocument, {});
  const name = route.params.get('model') ?? models.data?.registeredModels[0]?.name ?? '';
  const model = useQuery(RegistryModelDocument, { name }, name === '');
  return (
    <section aria-labelledby="registry-title">
      <h1 id="registry-title">Registry</h1>
      <ApiErrorBox error={models.error} />
      <div class="split">
        <nav aria-label="Models" class="models">
          <h2>Models</h2>
          {models.data?.registeredModels.length === 0 && (
            <p class="muted">No registered model yet.</p>
          )}
          <ul>
            {models.data?.registeredModels.map((m) => (
              <li key={m.name}>
                <a
                  href={href('registry', { model: m.name })}
                  aria-current={m.name === name ? 'page' : undefined}
                >
                  {m.name}
                </a>
                <span class="muted small">
                  {' '}
                  v{m.latestVersion?.version ?? '—'}{' '}
                  {m.aliases.map((a) => `${a.alias}→v${a.version}`).join(' ')}
                </span>
              </li>
            ))}
          </ul>
        </nav>
        <div>
          <ApiErrorBox error={model.error} />
          {model.data?.registeredModel && (
            <ModelView
              model={model.data.registeredModel}
              onChange={() => {
                model.reload();
                models.reload();
              }}
            />
          )}
          {model.data && !model.data.registeredModel && <p role="alert">No model named {name}.</p>}
        </div>
      </div>
    </section>
  );
}

function ModelView({ model, onChange }: { model: Model; onChange: () => void }) {
  return (
    <>
      <h2>{model.name}</h2>
      <p class="muted">
        {model.description || 'no description'} · created {when(model.createdAt)} by{' '}
        {model.createdBy}
      </p>
      <h3>Aliases</h3>
      <ul class="aliases" data-testid="aliases">
        {model.aliases.length === 0 && <li class="muted">none</li>}
        {model.aliases.map((a) => (
          <li key={a.alias}>
            <strong>{a.alias}</strong> → v{a.version}{' '}
            {a.protected && <span class="badge">protected</span>}
          </li>
        ))}
      </ul>
      <h3>Versions</h3>
      <div class="table-wrap">
        <table class="runs">
          <thead>
            <tr>
              <th scope="col">version</th>
              <th scope="col">aliases</th>
              <th scope="col">run</th>
              <th scope="col">frozen meta</th>
              <th scope="col">meta_hash</th>
              <th scope="col">created</th>
            </tr>
          </thead>
          <tbody>
            {model.versions.map((v) => (
              <tr key={v.version}>
                <td>v{v.version}</td>
                <td>{v.aliases.join(', ') || '—'}</td>
                <td class="mono small">
                  <a href={href(`run/${encodeURIComponent(v.runId)}`)}>{v.runId}</a>
                </td>
                <td>
                  {v.meta ? (
                    <>
                      {v.meta.modelFamily ?? '—'} · {v.meta.datasetName ?? '—'} ·{' '}
                      {v.meta.goal ?? '—'} ·{' '}
                      <span class={`conf ${v.meta.confidence}`}>{v.meta.confidence}</span>
                    </>
                  ) : (
                    '— (needs read)'
                  )}
                </td>
                <td class="mono small">
                  {v.metaHash}
                  {v.metaChanged && (
                    <span class="badge warn" title="the run's meta changed since registration">
                      changed since
                    </span>
                  )}
                </td>
                <td class="small">
                  {when(v.createdAt)} by {v.createdBy}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <PromoteForm model={model} onDone={onChange} />
      <h3>Promotion history</h3>
      <ol class="timeline" data-testid="history">
        {model.history.length === 0 && <li class="muted">no alias change yet</li>}
        {[...model.history].reverse().map((h, i) => (
          <li key={i}>
            <time dateTime={h.at}>{when(h.at)}</time>
            <div>
              <strong>{h.by}</strong> moved <strong>{h.alias}</strong> from{' '}
              {h.fromVersion == null ? 'none' : `v${h.fromVersion}`} to{' '}
              {h.toVersion == null ? 'none' : `v${h.toVersion}`}
              {h.reason && <div class="reason">“{h.reason}”</div>}
            </div>
          </li>
        ))}
      </ol>
    </>
  );
}
