import { readFileSync } from 'node:fs';

/** CPU time a process has used, in ms (Linux: /proc/<pid>/stat, in ticks of 10 ms): steadier than latencies on a busy machine. */
export function cpuMsOf(pid: number | undefined): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
