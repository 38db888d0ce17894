import { lstat, readlink, realpath } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { isErrnoCode } from './atomic-write.js';

/** A path resolves (through `..` or a symlink) to somewhere outside the root it must stay in. */
export class PathOutsideRootError extends Error {
  override name = 'PathOutsideRootError';
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
  }
}

/**
 * The real path of `path` (relative paths are taken from `root`), after checking that it lies
 * inside the real `root` once `..` and every symlink are resolved. A path that does not exist
 * yet is judged by its nearest existing ancestor, so it can be checked before it is created.
 */
export async function assertInsideRoot(root: string, path: string): Promise<string> {
  const realRoot = await realpath(root);
  const target = await realOrNearest(resolve(root, path));
  const rel = relative(realRoot, target);
  if (rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel))) {
    return target;
  }
  throw new PathOutsideRootError(
    `${path} resolves to ${target}, outside ${realRoot}; paths (and symlinks) must stay inside the root`,
    path,
  );
}

/**
 * realpath of the nearest existing ancestor with the missing tail appended; a dangling symlink
 * is followed to where it points, since creating the path would create its target.
 */
async function realOrNearest(path: string, hops = 0): Promise<string> {
  try {
    return await realpath(path);
  } catch (error) {
    if (!isErrnoCode(error, 'ENOENT', 'ENOTDIR') || hops > 40) throw error;
    const link = await lstat(path).catch(() => null);
    if (link?.isSymbolicLink()) {
      return realOrNearest(resolve(dirname(path), await readlink(path)), hops + 1);
    }
    const parent = dirname(path);
    if (parent === path) return path;
    return resolve(await realOrNearest(parent, hops), relative(parent, path));
  }
}
