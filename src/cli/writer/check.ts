/**
 * `--check`: what a write would change, read through the same plan, as diffs. It passes exactly
 * when the same command without `--check` would change nothing. It only reads; a file too large
 * to be a rendered one is reported without being read whole.
 */
import { lstatSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { filesDiffer, unifiedDiff } from "../../output/unifiedDiff.js";
import { JOURNAL_NAME, parseJournal } from "./journal.js";
import { isAlive, type Owner } from "./owner.js";
import { byCodeUnit } from "./manifest.js";
import { reason } from "../fsErrors.js";
import type { Plan } from "./plan.js";

export interface DriftEntry {
  path: string;
  /** changed: rendered differently; missing: not on disk; extra: no longer rendered; edited: changed by hand since written; foreign: not written by vm-template. */
  status: "changed" | "missing" | "extra" | "edited" | "foreign";
  diff: string;
}

export interface Drift {
  entries: DriftEntry[];
  /** What a write would refuse (edited and foreign files, something in the way), one message each. */
  problems: string[];
  /** The manifest is missing or does not list exactly what is rendered. */
  manifestStale: boolean;
  /** An interrupted run's journal is there: the directory is in no state to compare. */
  interrupted: boolean;
}

/** Larger than any file a render makes: shown as "differ" without being read. */
const MAX_SHOWN_BYTES = 16 << 20;

/** The drift of a directory where an interrupted run's journal is, or undefined. */
export function interruptedDrift(root: string, shown: string): Drift | undefined {
  if (!lstatSync(join(root, JOURNAL_NAME), { throwIfNoEntry: false })) return undefined;
  const owner = journalOwner(join(root, JOURNAL_NAME));
  if (owner && isAlive(owner)) {
    return { entries: [], problems: [`${shown}: another vm-template run (process ${owner.pid}) is writing into it; run --check again when it is done`], manifestStale: false, interrupted: true };
  }
  return { entries: [], problems: [`${join(shown, JOURNAL_NAME)}: a run into ${shown} was interrupted; run the same command without --check to put it right`], manifestStale: false, interrupted: true };
}

function journalOwner(path: string): Owner | undefined {
  try {
    return parseJournal(readFileSync(path, "utf8"))?.owner;
  } catch {
    return undefined; // not readable as a journal: the write reports it
  }
}

export function driftOf(plan: Plan): Drift {
  const { root } = plan;
  const entries: DriftEntry[] = [];
  const diff = (path: string, status: DriftEntry["status"], rendered: string | undefined) => {
    entries.push({ path, status, diff: diffWithDisk(path, status === "missing" ? undefined : join(root, path), rendered) });
  };
  const rendered = plan.renderedContent;
  for (const f of plan.creates) diff(f.path, "missing", rendered.get(f.path));
  for (const f of plan.replaces) diff(f.path, "changed", rendered.get(f.path));
  for (const path of plan.removes) diff(path, "extra", undefined);
  const problems: string[] = [];
  for (const r of plan.refusals) {
    problems.push(r.message);
    if (r.kind === "edited" || r.kind === "foreign") {
      entries.push({ path: r.path, status: r.kind, diff: diffWithDisk(r.path, join(root, r.path), rendered.get(r.path)) });
    }
  }
  entries.sort((a, b) => byCodeUnit(a.path, b.path));
  return { entries, problems, manifestStale: plan.manifestText !== plan.oldManifestText, interrupted: false };
}

function diffWithDisk(path: string, disk: string | undefined, rendered: string | undefined): string {
  if (disk === undefined) return unifiedDiff(path, undefined, rendered);
  try {
    const stat = lstatSync(disk, { throwIfNoEntry: false });
    if (!stat?.isFile()) return unifiedDiff(path, undefined, rendered);
    if (stat.size > MAX_SHOWN_BYTES) return filesDiffer(path, "", rendered, `${(stat.size / 2 ** 20).toFixed(0)} MiB on disk`);
    return unifiedDiff(path, readFileSync(disk, "utf8"), rendered);
  } catch (e) {
    return filesDiffer(path, "", rendered, `cannot be read: ${reason(e)}`);
  }
}
