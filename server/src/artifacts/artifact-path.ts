/** Characters an artifact path segment may hold: no spaces or commas (seed 004), nothing a URL must escape. */
const SEGMENT = /^[A-Za-z0-9._+=@-]+$/;
const MAX_PATH = 1024;
const MAX_SEGMENT = 255;

/**
 * Why `path` cannot name an artifact (relative, `/`-separated, inside the run's artifacts
 * folder), or null when it can. Refusing rather than rewriting keeps one name per file: the
 * name a client uploads is the name it downloads.
 */
export function artifactPathProblem(path: string): string | null {
  if (path === '') return 'the path is empty';
  if (path.length > MAX_PATH) return `the path is longer than ${MAX_PATH} characters`;
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path))
    return 'absolute paths are not allowed; give a path relative to the run artifacts folder';
  if (path.includes('\\')) return 'use / to separate folders, not \\';
  for (const segment of path.split('/')) {
    if (segment === '') return 'the path has an empty segment (// or a trailing /)';
    if (segment === '.' || segment === '..') return `"${segment}" segments are not allowed`;
    if (segment.startsWith('.tmp-')) return 'names starting with .tmp- are reserved for uploads';
    if (segment.length > MAX_SEGMENT) return `a segment is longer than ${MAX_SEGMENT} characters`;
    if (!SEGMENT.test(segment)) {
      return `"${segment}" has characters other than letters, digits and . _ - + = @ (no spaces or commas); use ${sanitizeArtifactPath(path)}`;
    }
  }
  return null;
}

/** `path` with every character an artifact path may not hold replaced by `_` (seed 004's slug rule). */
export function sanitizeArtifactPath(path: string): string {
  return path
    .replace(/\\/g, '/')
    .split('/')
    .filter((s) => s !== '' && s !== '.' && s !== '..')
    .map((s) => s.replace(/[^A-Za-z0-9._+=@-]/g, '_').replace(/^\.tmp-/, '_tmp-'))
    .join('/');
}

/** A lower-case hex SHA-256, as the facts and the `x-runfacts-sha256` header hold it. */
export const SHA256_HEX = /^[0-9a-f]{64}$/;
