import { ApiError } from '../api/client';

/** An API error as the API reports it; where-string errors keep their caret and position. */
export function ApiErrorBox({ error, label }: { error: Error | null; label?: string }) {
  if (error === null) return null;
  const entries = error instanceof ApiError ? error.entries : [];
  return (
    <div class="error" role="alert">
      {label && <strong>{label}: </strong>}
      {entries.length === 0 ? (
        <pre>{error.message}</pre>
      ) : (
        entries.map((e) => (
          <div key={e.message}>
            {e.extensions?.position !== undefined && (
              <span class="badge" data-testid="error-position">
                position {e.extensions.position}
              </span>
            )}
            <pre>{e.message}</pre>
          </div>
        ))
      )}
    </div>
  );
}
