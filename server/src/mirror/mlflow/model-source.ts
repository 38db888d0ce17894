import { isAbsolute, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const URI_SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;

/**
 * The model version source MLflow will accept for a registry version's model path. MLflow
 * refuses a local path unless it lies in the run's artifact folder, so local paths (and file://
 * URIs) become `runs:/<mlflow run id>/<path inside the run folder, or the file name>`; remote URIs
 * (s3://, gs://, https://, ...) are kept. The original path is kept in a tag by the caller.
 */
export function modelVersionSource(source: string, mlflowRunId: string, runDir: string): string {
  const scheme = URI_SCHEME.exec(source)?.[1]?.toLowerCase();
  // One-letter "schemes" are Windows drive letters.
  if (scheme !== undefined && scheme.length > 1 && scheme !== 'file') return source;
  const path = scheme === 'file' ? fileURLToPath(source) : source;
  let inRun = path;
  if (isAbsolute(path)) inRun = relative(runDir, path);
  const normal = posix.normalize(inRun.split(sep).join('/'));
  // Outside the run folder: only the file name can be placed in the run.
  const clean =
    normal.startsWith('../') || normal === '..' || isAbsolute(normal)
      ? (normal.split('/').pop() ?? '')
      : normal.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  return `runs:/${mlflowRunId}/${clean === '' || clean === '.' ? 'model' : clean}`;
}
