import type { StatsJson } from '../../src/read-api/socket-events';
import { byId } from './dom.js';
import { currentLocale } from './i18n.js';

const KEYS: Array<keyof StatsJson> = ['total', 'emergency', 'feedback', 'responded', 'pending', 'review'];

let shown: StatsJson | null = null;

/** The stats cards; the page holds one `#stat-<key>` element per figure. */
export const showStats = (stats: StatsJson | null): void => {
  shown = stats;
  const numbers = new Intl.NumberFormat(currentLocale());
  for (const key of KEYS) byId(`stat-${key}`, HTMLElement).textContent = stats ? numbers.format(stats[key]) : '–';
};

/** The figures again, in the language just chosen. */
export const restateStats = (): void => showStats(shown);
