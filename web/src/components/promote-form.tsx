import { useContext, useEffect, useState } from 'preact/hooks';
import { ApiError, request } from '../api/client';
import { PromoteVersionDocument, type RegistryModelQuery } from '../generated/graphql';
import { refusal, Session } from '../session';
import { ApiErrorBox } from './api-error';

type Model = NonNullable<RegistryModelQuery['registeredModel']>;

/** Moves an alias with a reason and the expected current version; shows conflicts and refusals. */
export function PromoteForm({ model, onDone }: { model: Model; onDone: () => void }) {
  const session = useContext(Session);
  const [alias, setAlias] = useState('Production');
  const current = model.aliases.find((a) => a.alias === alias)?.version;
  const [version, setVersion] = useState(String(model.versions.at(-1)?.version ?? ''));
  const [expected, setExpected] = useState(current === undefined ? 'none' : String(current));
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState('');
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => setExpected(current === undefined ? 'none' : String(current)), [current, alias]);
  const isProtected = model.protectedAliases.includes(alias);
  const refused = refusal(session, 'write') ?? (isProtected ? refusal(session, 'promote') : null);
  async function submit(e: Event) {
    e.preventDefault();
    setError(null);
    setMessage('');
    try {
      const r = await request(PromoteVersionDocument, {
        model: model.name,
        version: Number(version),
        to: alias,
        reason,
        expectedVersion: expected === 'none' ? null : Number(expected),
      });
      const a = r.promote;
      if (a.__typename === 'AliasChangePayload') {
        setMessage(
          a.change
            ? `${a.change.alias} moved to v${a.change.toVersion}`
            : `${alias} already held v${version}; nothing written`,
        );
        setReason('');
        onDone();
      } else if (a.__typename === 'AliasConflictError') {
        setError(
          new ApiError(
            `Conflict: ${a.message} (you expected ${a.expectedVersion == null ? 'none' : `v${a.expectedVersion}`}, it is ${a.currentVersion == null ? 'none' : `v${a.currentVersion}`}). Reload and decide again.`,
            [],
          ),
        );
        onDone();
      } else {
        setError(new ApiError(`${a.code}: ${a.message}`, []));
      }
    } catch (err) {
      setError(err as Error);
    }
  }
  return (
    <section class="panel" aria-labelledby="promote-title">
      <h3 id="promote-title">Promote or roll back</h3>
      {refused && (
        <p class="muted" data-testid="promote-refused">
          Disabled: {refused}
        </p>
      )}
      <form onSubmit={submit}>
        <fieldset disabled={refused !== null}>
          <div class="form-grid">
            <label>
              <span id="promote-version">Version</span>
              <select
                aria-labelledby="promote-version"
                value={version}
                onChange={(e) => setVersion(e.currentTarget.value)}
              >
                {model.versions.map((v) => (
                  <option key={v.version} value={v.version}>
                    v{v.version}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Alias
              <input value={alias} onInput={(e) => setAlias(e.currentTarget.value)} />
            </label>
            <label>
              Expected current version
              <input
                value={expected}
                onInput={(e) => setExpected(e.currentTarget.value)}
                aria-describedby="expected-help"
              />
            </label>
            <label>
              Reason (required)
              <input required value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
            </label>
          </div>
          <p id="expected-help" class="muted small">
            The version you believe {alias} holds now ("none" if unset); if someone moved it since,
            the API refuses with a conflict.
          </p>
          <button type="submit">
            Move {alias} to v{version}
          </button>
        </fieldset>
      </form>
      {message && (
        <p role="status" class="ok">
          {message}
        </p>
      )}
      <ApiErrorBox error={error} label="Refused" />
    </section>
  );
}
