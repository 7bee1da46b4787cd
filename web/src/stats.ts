import type { StatsJson } from '../../src/read-api/socket-events';
import { byId } from './dom.js';

const KEYS: Array<keyof StatsJson> = ['total', 'emergency', 'feedback', 'responded', 'pending', 'review'];
const numbers = new Intl.NumberFormat();

/** The stats cards; the page holds one `#stat-<key>` element per figure. */
export const showStats = (stats: StatsJson | null): void => {
  for (const key of KEYS) byId(`stat-${key}`, HTMLElement).textContent = stats ? numbers.format(stats[key]) : '–';
};
