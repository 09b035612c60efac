/**
 * An output directory as vm-template's own, the way git keeps a work tree: the directory's
 * manifest (writer/manifest.ts) lists what vm-template wrote there; a render writes only what
 * changed, removes only what the manifest lists and this render no longer makes, and refuses to
 * replace or remove anything else (writer/plan.ts). Writes go through a journal and a staging
 * directory (writer/apply.ts), so a run killed at any point is rolled back or finished by the
 * next one (writer/recover.ts). `--check` reads the same plan (writer/check.ts).
 */
import { resolve } from "node:path";
import { VmTemplateError } from "../errors.js";
import type { RenderedFile } from "../render/renderChart.js";
import { apply } from "./writer/apply.js";
import { driftOf, interruptedDrift, type Drift } from "./writer/check.js";
import { realOps, type WriterOps } from "./writer/ops.js";
import { planChanges, planWrite } from "./writer/plan.js";
import { RunInProgress, recover, type Recovery } from "./writer/recover.js";
import { resolveRoot } from "./writer/root.js";

export { MANIFEST_NAME } from "./writer/manifest.js";
export type { Drift, DriftEntry } from "./writer/check.js";
export type { WriterOps } from "./writer/ops.js";

export interface OutputDirOptions {
  /** A whole render (the default): the files the manifest lists and this render no longer makes are removed. False for `--show-only`. */
  prune?: boolean;
  /** The directory as the user named it, for messages; `dir` by default. */
  shown?: string;
  /** The file operations (a test passes ones that stop part-way). */
  ops?: WriterOps;
}

export interface WriteResult {
  /** Paths (relative to the directory) written because they were new or changed. */
  written: string[];
  /** Paths whose bytes were already right, left untouched. */
  unchanged: string[];
  /** Paths removed: listed in the manifest, no longer rendered. */
  removed: string[];
  /** What was done first about an earlier run that was interrupted. */
  recovered: Recovery;
}

/** Writes the rendered files into `dir`: all of them, or (on any refusal or failure) none. */
export function writeOutputDir(dir: string, files: readonly RenderedFile[], options: OutputDirOptions = {}): WriteResult {
  const shown = options.shown ?? dir;
  const ops = options.ops ?? realOps;
  const { root, exists } = resolveRoot(resolve(dir), shown);
  let recovered: Recovery = "none";
  if (exists) {
    try {
      recovered = recover(root, ops);
    } catch (e) {
      if (e instanceof RunInProgress) throw new VmTemplateError("OUTPUT", [{ path: "", message: `${shown}: ${e.message}` }]);
      throw new VmTemplateError("OUTPUT", [{ path: "", message: `${shown}: an interrupted run could not be put right: ${(e as Error).message}` }]);
    }
  }
  const plan = planWrite(root, exists, shown, files, options.prune ?? true);
  if (plan.refusals.length > 0) {
    throw new VmTemplateError("OUTPUT", [...plan.refusals.map((r) => ({ path: "", message: r.message })), { path: "", message: `nothing in ${shown} was changed` }]);
  }
  if (planChanges(plan)) apply(plan, ops);
  return { written: [...plan.creates, ...plan.replaces].map((f) => f.path).sort(), unchanged: plan.unchanged, removed: plan.removes, recovered };
}

/** What writing the files into `dir` would change (`--check`); reads only. */
export function checkOutputDir(dir: string, files: readonly RenderedFile[], options: Omit<OutputDirOptions, "ops"> = {}): Drift {
  const shown = options.shown ?? dir;
  const { root, exists } = resolveRoot(resolve(dir), shown);
  return (exists ? interruptedDrift(root, shown) : undefined) ?? driftOf(planWrite(root, exists, shown, files, options.prune ?? true));
}
