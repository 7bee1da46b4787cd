import type { CommandDeps } from '../commands/handlers';
import { newUuid, systemClock } from '../events/ids';
import type { Runtime } from '../runtime';

/** The real clock and ids around the pure deciders. */
export const commandDeps = (runtime: Runtime): CommandDeps => ({ events: runtime.events, now: systemClock, newId: newUuid });
