/**
 * Where a process's time went, from the V8 CPU profile that `node --cpu-prof` writes on exit: self time by area
 * (a product folder, a package, the engine's own work) and the functions that took most.
 */
import fs from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** `src/projections`, `kafkajs`, `(garbage collector)`, `node:internal`...: what a frame's self time is counted under. */
const areaOf = (url: string, functionName: string): string => {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1];
  const own = /\/(src|bench|test)\/([^/]+)/.exec(url);
  if (own) return own[1] === 'src' ? `src/${own[2].replace(/\.[jt]s$/, '')}` : own[1];
  if (url.startsWith('node:')) return 'node internals';
  return path.basename(url);
};

export interface ProfileSummary {
  /** wall time the profile covers, ms */
  wallMs: number;
  /** time on the CPU (every sample but idle), ms */
  busyMs: number;
  areas: [string, number][];
  functions: [string, number][];
}

export const summarizeProfile = (file: string): ProfileSummary => {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  let busy = 0;
  for (const [id, ms] of selfMs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') continue;
    busy += ms;
    const area = areaOf(url, functionName);
    areas.set(area, (areas.get(area) ?? 0) + ms);
    const name = `${functionName || '(anonymous)'} ${url ? `${path.basename(url)}:${lineNumber + 1}` : ''}`.trim();
    functions.set(name, (functions.get(name) ?? 0) + ms);
  }
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  return { wallMs: (profile.endTime - profile.startTime) / 1000, busyMs: busy, areas: top(areas, 8), functions: top(functions, 8) };
};

/** The summary as indented lines: shares of the process's CPU time. */
export const profileLines = (label: string, summary: ProfileSummary): string[] => {
  const pct = (ms: number) => `${Math.round((100 * ms) / summary.busyMs)}%`;
  return [
    `${label}: ${(summary.busyMs / 1000).toFixed(1)} s on the CPU in ${(summary.wallMs / 1000).toFixed(1)} s (${Math.round((100 * summary.busyMs) / summary.wallMs)}% of one core)`,
    `  by area:  ${summary.areas.map(([area, ms]) => `${area} ${pct(ms)}`).join(', ')}`,
    `  by function: ${summary.functions.map(([name, ms]) => `${name} ${pct(ms)}`).join(', ')}`,
  ];
};
