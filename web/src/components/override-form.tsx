import { useContext, useState } from 'preact/hooks';
import { ApiError, request } from '../api/client';
import { type MetaViewFragment, OverrideMetaDocument } from '../generated/graphql';
import { refusal, Session } from '../session';
import { ApiErrorBox } from './api-error';
import { MetaTable } from './meta-table';

const FIELDS = [
  ['goal', 'goal'],
  ['datasetName', 'dataset_name'],
  ['modelFamily', 'model_family'],
  ['level', 'level'],
] as const;

export function OverrideForm({
  runId,
  meta,
  onDone,
}: {
  runId: string;
  meta: MetaViewFragment;
  onDone: () => void;
}) {
  const session = useContext(Session);
  const refused = refusal(session, 'write');
  const [values, setValues] = useState<Record<string, string>>({});
  const [groups, setGroups] = useState('');
  const [reason, setReason] = useState('');
  const [result, setResult] = useState<{
    before: MetaViewFragment;
    after: MetaViewFragment;
  } | null>(null);
  const [error, setError] = useState<Error | null>(null);
  async function submit(e: Event) {
    e.preventDefault();
    setError(null);
    try {
      const override: Record<string, unknown> = { reason, author: session.name || undefined };
      for (const [k] of FIELDS) if (values[k]) override[k] = values[k];
      if (groups.trim()) override.processGroups = JSON.parse(groups);
      const r = await request(OverrideMetaDocument, { runId, override: override as never });
      const answer = r.setMetaOverride;
      if (answer.__typename === 'MetaOverridePayload') {
        // meta is null for a token without read (docs/security.md): the override is still done.
        if (answer.meta) setResult({ before: meta, after: answer.meta });
        onDone();
      } else {
        setError(
          new ApiError(`${answer.message}${answer.field ? ` (field ${answer.field})` : ''}`, []),
        );
      }
    } catch (err) {
      setError(err as Error);
    }
  }
  return (
    <section class="panel" aria-labelledby="override-title">
      <h2 id="override-title">Override meta</h2>
      {refused && (
        <p class="muted" data-testid="override-refused">
          Disabled: {refused}
        </p>
      )}
      <form onSubmit={submit}>
        <fieldset disabled={refused !== null}>
          <div class="form-grid">
            {FIELDS.map(([k, label]) => (
              <label key={k}>
                {label}
                <input
                  value={values[k] ?? ''}
                  placeholder={String(meta[k] ?? '')}
                  onInput={(e) => setValues({ ...values, [k]: e.currentTarget.value })}
                />
              </label>
            ))}
            <label>
              process_groups (JSON)
              <input
                class="mono"
                value={groups}
                placeholder={JSON.stringify(meta.processGroups)}
                onInput={(e) => setGroups(e.currentTarget.value)}
              />
            </label>
            <label>
              reason (required)
              <input required value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
            </label>
          </div>
          <button type="submit">Write override</button>
        </fieldset>
      </form>
      <ApiErrorBox error={error} label="Override refused" />
      {result && (
        <MetaTable
          meta={result.after}
          before={result.before}
          caption="Meta before and after the override"
        />
      )}
    </section>
  );
}
