import { lazy, type ComponentProps, type ComponentType } from 'react';

/**
 * Parts of the console loaded when first needed (a page, step 2 of the wizard, the sign-in form…)
 * whose load can fail: the network drops, or the console was updated and the old files are gone.
 * React's own `lazy` keeps a failed load for good; a part made here fails with a
 * `PartLoadError` that a `LoadBoundary` shows, and loads anew once `retryFailedParts()` is called
 * (browsers fetch a failed module again when it is imported again).
 */

export class PartLoadError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'PartLoadError';
  }
}

const failed = new Set<() => void>();

/** Load every part whose last load failed anew, the next time it renders. */
export function retryFailedParts(): void {
  for (const reset of failed) reset();
  failed.clear();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any component, as React's lazy
export function lazyPart<C extends ComponentType<any>>(load: () => Promise<{ default: C }>): ComponentType<ComponentProps<C>> {
  const attempt = () =>
    load().catch((error: unknown) => {
      failed.add(reset);
      throw new PartLoadError(error);
    });
  let Current = lazy(attempt);
  function reset() {
    Current = lazy(attempt);
  }
  function LazyPart(props: ComponentProps<C>) {
    return <Current {...props} />;
  }
  return LazyPart;
}
