/**
 * How many filesystem operations the writer keeps in flight. More than libuv's thread pool can run
 * at once, so a slow fsync does not leave the pool idle while other work waits in JavaScript.
 */
export const IO_CONCURRENCY = 16;

/**
 * Runs `task` over `items` with at most `limit` in flight. Tasks start in index order, so a
 * synchronous callback at the start of each task (the `onStep` hook) sees a deterministic
 * sequence. After the first failure no new task starts; the first error is rethrown once the
 * running ones settle, so nothing keeps writing behind the caller's back.
 */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      const index = next++;
      try {
        await task(items[index] as T, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== undefined) throw failure.error;
}

export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  await forEachLimited(items, limit, async (item, index) => {
    results[index] = await task(item);
  });
  return results;
}
