/**
 * Which process a journal belongs to, so that a run meeting a journal can tell a run still
 * writing (refuse: rolling it back under its feet would break both) from an interrupted one
 * (put it right). A process is its PID on its host, and on Linux its start time too, so a PID
 * used again (PID 1 in every container) is not taken for the run that had it. A journal from
 * another host, or from a version without an owner, is taken for an interrupted run's, as before:
 * there is no way to ask that host.
 */
import { readFileSync } from "node:fs";
import { hostname } from "node:os";

export interface Owner {
  pid: number;
  host: string;
  /** The process's start time in clock ticks since boot (Linux /proc/PID/stat, field 22); absent elsewhere. */
  started?: string;
}

export function thisProcess(): Owner {
  const started = startTime(process.pid);
  return { pid: process.pid, host: hostname(), ...(started === undefined ? {} : { started }) };
}

/** Whether the process that wrote a journal is running now. */
export function isAlive(owner: Owner): boolean {
  if (owner.host !== hostname()) return false;
  if (owner.started === undefined) {
    if (owner.pid === process.pid) return false; // its PID is this process's now: that run is gone
    return signalable(owner.pid);
  }
  return startTime(owner.pid) === owner.started;
}

/** Reads an owner from a journal's first line; undefined when it has none (an older version's). */
export function ownerOf(header: Record<string, unknown>): Owner | undefined {
  const { pid, host, started } = header;
  if (!Number.isSafeInteger(pid) || (pid as number) <= 0 || typeof host !== "string") return undefined;
  return { pid: pid as number, host, ...(typeof started === "string" ? { started } : {}) };
}

/** Field 22 of /proc/PID/stat, or undefined (no such process, a zombie, no /proc). */
function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which is in parentheses and may hold spaces: state is field 3.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (fields[0] === "Z" || fields[0] === "X") return undefined;
    return fields[19];
  } catch {
    return undefined;
  }
}

function signalable(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
