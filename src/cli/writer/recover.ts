/**
 * Recovery: what the next run does first when a run into the directory was interrupted (its
 * journal is still there). Before the renames began, or during them, it rolls the interrupted
 * run back: every file is put back as it was, what that run created is removed. After the last
 * rename ("done"), it only finishes the clean-up. Either way it deletes the run's staging
 * directory and journal, and touches nothing the journal does not name. Every step can run
 * twice, so a recovery that is itself killed is finished by the next one.
 */
import { lstatSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { JOURNAL_NAME, parseJournal, type Journal } from "./journal.js";
import { MANIFEST_NAME, pathProblem } from "./manifest.js";
import type { WriterOps } from "./ops.js";
import { isAlive } from "./owner.js";

/** The journal found belongs to a run still going on. */
export class RunInProgress extends Error {
  constructor(readonly pid: number) {
    super(`another vm-template run (process ${pid}) is writing into it; run again when it is done`);
  }
}

export type Recovery = "none" | "rolled back" | "finished";

/**
 * Puts `root` in a whole state after an interrupted run. With `staging`, acts only on the journal
 * of that run (a run undoing its own failure must not undo another's).
 */
export function recover(root: string, ops: WriterOps, staging?: string): Recovery {
  const journalPath = join(root, JOURNAL_NAME);
  const stat = lstatSync(journalPath, { throwIfNoEntry: false });
  if (!stat) return "none";
  if (!stat.isFile()) throw new Error(`${JOURNAL_NAME} is not a file vm-template wrote`);
  let journal: Journal | undefined;
  try {
    journal = parseJournal(readFileSync(journalPath, "utf8"));
  } catch (e) {
    throw new Error(`${JOURNAL_NAME} is not a journal vm-template can read (${(e as Error).message}); look at it, then delete it`);
  }
  if (!journal) {
    // Killed while writing the journal's first line: nothing else was made yet.
    ops.unlink(journalPath);
    return "rolled back";
  }
  if (staging !== undefined && journal.staging !== staging) return "none";
  // Another run's journal, and that run is still writing: not an interrupted run.
  if (staging === undefined && journal.owner && isAlive(journal.owner)) throw new RunInProgress(journal.owner.pid);
  for (const p of [...journal.made, ...journal.steps.map((s) => s.path)]) {
    const problem = p === MANIFEST_NAME ? undefined : pathProblem(p);
    if (problem) throw new Error(`${JOURNAL_NAME} names ${problem}; look at it, then delete it`);
  }
  const stage = join(root, journal.staging);
  const at = (p: string) => join(root, p);
  if (journal.done) {
    ops.removeTree(stage);
    for (const step of journal.steps) if (step.kind === "remove") removeEmptyParents(root, step.path, ops);
    ops.unlink(journalPath);
    return "finished";
  }
  if (journal.renaming) {
    for (const step of [...journal.steps].reverse()) {
      const staged = join(stage, step.id);
      const saved = join(stage, `${step.id}.old`);
      if (step.kind === "create") {
        // Renamed into place when its staged file is gone; the path was free before the run.
        if (!exists(staged) && lstatSync(at(step.path), { throwIfNoEntry: false })?.isFile()) ops.unlink(at(step.path));
      } else if (exists(saved)) {
        // The file as it was (a hard link for a replace, the file itself for a remove) goes back.
        ops.rename(saved, at(step.path));
      }
    }
  }
  for (const made of [...journal.made].reverse()) tryRmdir(at(made), ops);
  ops.removeTree(stage);
  ops.unlink(journalPath);
  return "rolled back";
}

/** Removes the directories a removed file leaves empty (a VM scaled away), never the root. */
function removeEmptyParents(root: string, path: string, ops: WriterOps): void {
  for (let d = dirname(path); d !== "." && tryRmdir(join(root, d), ops); d = dirname(d));
}

function tryRmdir(path: string, ops: WriterOps): boolean {
  try {
    ops.rmdir(path);
    return true;
  } catch {
    return false; // not empty (a file of the user's), or already gone
  }
}

function exists(path: string): boolean {
  return lstatSync(path, { throwIfNoEntry: false }) !== undefined;
}
