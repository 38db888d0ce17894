// Module hooks for negative controls: every import of the inter-process lock gets the no-op one.
const REAL_LOCK = /\/server\/src\/facts\/lock\.(ts|js)$/;
const NO_LOCK = new URL('./lock.ts', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (context.parentURL !== NO_LOCK && REAL_LOCK.test(new URL(resolved.url).pathname)) {
    return { ...resolved, url: NO_LOCK };
  }
  return resolved;
}
