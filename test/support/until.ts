/** Polls `check` until it holds; fails with what was awaited once `timeoutMs` has passed. */
export const until = async (check: () => Promise<boolean> | boolean, what: string, timeoutMs = 180_000, everyMs = 100): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
};
