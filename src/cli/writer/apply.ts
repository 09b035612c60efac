/**
 * Applying a plan, as git updates a work tree: every new file is first written in full into a
 * staging directory of the run's own (a random name, recorded in the journal before it exists),
 * then each is renamed into place; a replaced file is kept as a hard link in the staging
 * directory, a removed one is moved there. The manifest is the last rename. The journal lists
 * every step before the first rename, so a run killed at any point is rolled back (or, after
 * its last rename, finished) by the next one (recover.ts); a run that fails on its own rolls
 * itself back the same way before it reports.
 */
import { randomBytes } from "node:crypto";
import { lstatSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { VmTemplateError } from "../../errors.js";
import { reason } from "../fsErrors.js";
import { JOURNAL_NAME, STAGING_PREFIX, journalLine, type Step } from "./journal.js";
import { MANIFEST_NAME } from "./manifest.js";
import type { WriterOps } from "./ops.js";
import type { Plan } from "./plan.js";
import { recover } from "./recover.js";
import { thisProcess } from "./owner.js";

export function apply(plan: Plan, ops: WriterOps): void {
  const { root, shown } = plan;
  const journal = join(root, JOURNAL_NAME);
  const madeRoot: string[] = [];
  let staging: string | undefined;
  try {
    if (!plan.rootExists) makeRoot(root, ops, madeRoot);
    staging = `${STAGING_PREFIX}${randomBytes(8).toString("hex")}`;
    try {
      ops.create(journal, journalLine.header(staging, thisProcess()));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      staging = undefined;
      throw new Error(`another vm-template run is writing into it (${JOURNAL_NAME} appeared while this one was planning); run again when it is done`);
    }
    // The journal is this run's now, and no other run can start writing; but one may have
    // finished since this one read the directory, and this plan is then out of date.
    if (manifestOnDisk(root) !== plan.oldManifestText) throw new Error("another vm-template run changed it while this one was planning; run again");
    const stage = join(root, staging);
    ops.mkdir(stage);
    const steps: Step[] = [];
    const stageFile = (kind: Step["kind"], id: string, path: string, bytes: Uint8Array | string) => {
      ops.create(join(stage, id), bytes);
      steps.push({ kind, id, path });
    };
    let n = 0;
    for (const f of plan.creates) stageFile("create", String(n++), f.path, f.bytes);
    for (const f of plan.replaces) stageFile("replace", String(n++), f.path, f.bytes);
    for (const path of plan.removes) steps.push({ kind: "remove", id: String(n++), path });
    if (plan.manifestText !== plan.oldManifestText) stageFile(plan.oldManifestText === undefined ? "create" : "replace", "manifest", MANIFEST_NAME, plan.manifestText);
    for (const d of plan.mkdirs) {
      ops.append(journal, journalLine.mkdir(d));
      naming(`make directory ${join(shown, d)}`, () => ops.mkdir(join(root, d)));
    }
    ops.append(journal, steps.map(journalLine.step).join("") + journalLine.renames);
    for (const step of steps) {
      const target = join(root, step.path);
      const staged = join(stage, step.id);
      const saved = `${staged}.old`;
      naming(`${step.kind} ${join(shown, step.path)}`, () => {
        if (step.kind === "create") ops.rename(staged, target);
        else if (step.kind === "remove") ops.rename(target, saved);
        else {
          keep(target, saved, ops);
          ops.rename(staged, target);
        }
      });
    }
    ops.append(journal, journalLine.done);
  } catch (e) {
    const what = (e as { failedTo?: string }).failedTo;
    const why = e instanceof Error && !(e as NodeJS.ErrnoException).code ? e.message : `${what ? `cannot ${what}: ` : ""}${reason(e)}`;
    try {
      if (staging) recover(root, ops, staging);
      for (const d of madeRoot.reverse()) ops.rmdir(d);
    } catch (undo) {
      throw new VmTemplateError("OUTPUT", [{ path: "", message: `cannot write into ${shown}: ${why}; putting it back failed too (${reason(undo)}): the next run into ${shown} rolls this one back` }]);
    }
    throw new VmTemplateError("OUTPUT", [{ path: "", message: `cannot write into ${shown}: ${why}; nothing was changed` }]);
  }
  try {
    recover(root, ops, staging);
  } catch (e) {
    throw new VmTemplateError("OUTPUT", [{ path: "", message: `wrote ${shown}, but could not remove its staging directory ${staging} (${reason(e)}); the next run into ${shown} removes it` }]);
  }
}

/** Runs a step, marking a failure with what it was doing to which path (the error names a file, not only "permission denied"). */
function naming(what: string, step: () => void): void {
  try {
    step();
  } catch (e) {
    if (e && typeof e === "object") Object.assign(e, { failedTo: what });
    throw e;
  }
}

function manifestOnDisk(root: string): string | undefined {
  try {
    return readFileSync(join(root, MANIFEST_NAME), "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

/** The file being replaced stays reachable from the staging directory until the run is done: a hard link, or the file itself where links are not supported. */
function keep(target: string, saved: string, ops: WriterOps): void {
  try {
    ops.link(target, saved);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== "ENOTSUP" && code !== "EOPNOTSUPP" && code !== "EXDEV" && code !== "EMLINK") throw e;
    ops.rename(target, saved);
  }
}

/** Makes the output directory and its missing parents, recording each so a failed run removes them again. */
function makeRoot(root: string, ops: WriterOps, made: string[]): void {
  const missing: string[] = [];
  for (let d = root; !lstatSync(d, { throwIfNoEntry: false }) && dirname(d) !== d; d = dirname(d)) missing.unshift(d);
  for (const d of missing) {
    ops.mkdir(d);
    made.push(d);
  }
}
