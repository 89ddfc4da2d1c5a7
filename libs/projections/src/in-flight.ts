/** Swallows a rejection until someone awaits the promise (a prefetch or a write in flight must not crash the process). */
export const inFlight = <T>(promise: Promise<T>): Promise<T> => {
  promise.catch(() => undefined);
  return promise;
};
