/** Stops the containers that global-setup.ts started, if it started any. */
export default async function globalTeardown(): Promise<void> {
  await globalThis.railsewaContainers?.stop();
}
