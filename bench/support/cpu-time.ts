/**
 * CPU time spent, for "CPU per command" figures that stay meaningful on a busy machine where
 * throughput does not. Linux only (/proc); elsewhere the figures are missing, not wrong.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Linux reports process times in clock ticks of 1/100 s on every common architecture. */
const TICK_MS = 10;

export interface CpuSnapshot {
  /** This process, every thread (the API and the load generator's worker). */
  readonly benchProcessMs: number;
  /** Child processes of this one that have ended and been waited for (pgbench). */
  readonly endedChildrenMs: number;
  /** The PostgreSQL server: postmaster, its live backends, and the ones that ended. */
  readonly postgresMs: number | undefined;
}

export function cpuSnapshot(clusterDir: string): CpuSnapshot {
  const usage = process.cpuUsage();
  const own = procStat('self');
  return {
    benchProcessMs: (usage.user + usage.system) / 1000,
    endedChildrenMs: own ? own.childrenMs : 0,
    postgresMs: postgresCpuMs(clusterDir),
  };
}

export function cpuSpent(before: CpuSnapshot, after: CpuSnapshot): CpuSnapshot {
  return {
    benchProcessMs: after.benchProcessMs - before.benchProcessMs,
    endedChildrenMs: after.endedChildrenMs - before.endedChildrenMs,
    postgresMs:
      before.postgresMs === undefined || after.postgresMs === undefined
        ? undefined
        : after.postgresMs - before.postgresMs,
  };
}

function postgresCpuMs(clusterDir: string): number | undefined {
  try {
    const postmaster = Number(readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const server = procStat(String(postmaster));
    if (!server) return undefined;
    let total = server.ownMs + server.childrenMs;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = procStat(entry);
      if (stat?.parent === postmaster) total += stat.ownMs;
    }
    return total;
  } catch {
    return undefined;
  }
}

interface ProcStat {
  readonly parent: number;
  readonly ownMs: number;
  readonly childrenMs: number;
}

function procStat(pid: string): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may itself hold spaces.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const tick = (index: number) => Number(fields[index]) * TICK_MS;
    // stat(5): ppid is field 4, utime..cstime fields 14..17; `fields` starts at field 3.
    return { parent: Number(fields[1]), ownMs: tick(11) + tick(12), childrenMs: tick(13) + tick(14) };
  } catch {
    return undefined;
  }
}
