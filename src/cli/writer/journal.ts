/**
 * The journal: what a run into an output directory is doing, written ahead of each step so that
 * a run killed at any point (kill -9, a power cut of the process, not of the disk) leaves enough
 * to put the directory back. One JSON value a line:
 *
 *   {"journal":1,"staging":".vm-template-staging-<random>","pid":…,"host":…,"started":…}
 *                                                             the run's own hidden directory, and
 *                                                             its process (owner.ts)
 *   ["mkdir","vms/a"]                                         before each directory it makes
 *   ["create",0,"vms/a/hosts"] ["replace",1,"hosts"] ["remove",2,"vms/b/hosts"]
 *   "renames"    every step is listed; the renames begin
 *   "done"       every rename is made; only removing the staging directory is left
 *
 * A line is only acted on when complete (a run killed mid-write leaves a torn last line, and the
 * step it announced never started).
 */
import { ownerOf, type Owner } from "./owner.js";

export const JOURNAL_NAME = ".vm-template-journal";
export const STAGING_PREFIX = ".vm-template-staging-";

export type Step =
  | { kind: "create" | "replace" | "remove"; id: string; path: string };

export interface Journal {
  staging: string;
  /** The process that wrote it; absent in an older version's journal. */
  owner?: Owner;
  made: string[];
  steps: Step[];
  renaming: boolean;
  done: boolean;
}

export const journalLine = {
  header: (staging: string, owner: Owner) => `${JSON.stringify({ journal: 1, staging, ...owner })}\n`,
  mkdir: (path: string) => `${JSON.stringify(["mkdir", path])}\n`,
  step: (s: Step) => `${JSON.stringify([s.kind, s.id, s.path])}\n`,
  renames: `"renames"\n`,
  done: `"done"\n`,
};

/**
 * Reads a journal; undefined when its first line was torn (the run was killed before it made
 * anything). Throws a message when the file is not a journal this writer wrote.
 */
export function parseJournal(text: string): Journal | undefined {
  const lines = text.split("\n");
  lines.pop(); // "" after the last newline, or a torn line
  if (lines.length === 0) return undefined;
  const header = tryJson(lines[0]!) as { journal?: unknown; staging?: unknown; [k: string]: unknown } | undefined;
  if (header?.journal !== 1 || typeof header.staging !== "string" || !/^\.vm-template-staging-[0-9a-f]{16}$/.test(header.staging)) {
    throw new Error("its first line is not one vm-template writes");
  }
  const owner = ownerOf(header);
  const journal: Journal = { staging: header.staging, ...(owner ? { owner } : {}), made: [], steps: [], renaming: false, done: false };
  for (const line of lines.slice(1)) {
    const v = tryJson(line);
    if (v === "renames") journal.renaming = true;
    else if (v === "done") journal.done = true;
    else if (Array.isArray(v) && v[0] === "mkdir" && typeof v[1] === "string") journal.made.push(v[1]);
    else if (Array.isArray(v) && (v[0] === "create" || v[0] === "replace" || v[0] === "remove") && typeof v[1] === "string" && typeof v[2] === "string") {
      journal.steps.push({ kind: v[0], id: v[1], path: v[2] });
    } else throw new Error(`a line is not one vm-template writes: ${line.slice(0, 80)}`);
  }
  return journal;
}

function tryJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
