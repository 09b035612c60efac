/**
 * The plan: what a render into a directory would change, decided before anything is changed, by
 * comparing the rendered files with the directory's manifest and with the disk. It only reads.
 * A file is the writer's to replace or remove only when the manifest lists it and its bytes are
 * still the ones the manifest recorded; a rendered file whose bytes are already on disk is left
 * alone (its modification time too). Anything else in the way is a refusal, and one refusal
 * means the run changes nothing.
 */
import { createHash } from "node:crypto";
import { closeSync, lstatSync, openSync, readFileSync, readSync, type Stats } from "node:fs";
import { dirname, join } from "node:path";
import type { RenderedFile } from "../../render/renderChart.js";
import { GENERATED_HEADER } from "../../render/generatedHeader.js";
import { reason } from "../fsErrors.js";
import { parentRenderOwning } from "./nesting.js";
import { VmTemplateError } from "../../errors.js";
import { MANIFEST_NAME, MAX_MANIFEST_BYTES, byCodeUnit, formatManifest, parseManifest, pathProblem, sha256, type Manifest } from "./manifest.js";

export interface PlannedFile {
  path: string;
  bytes: Buffer;
}

export interface Refusal {
  path: string;
  /** edited: the manifest lists it but its bytes changed; foreign: vm-template did not write it; blocked: something else is in the way. */
  kind: "edited" | "foreign" | "blocked";
  message: string;
}

export interface Plan {
  /** The output directory, its symlinked parents resolved. */
  root: string;
  rootExists: boolean;
  /** The directory as the user named it, for messages. */
  shown: string;
  creates: PlannedFile[];
  replaces: PlannedFile[];
  unchanged: string[];
  removes: string[];
  /** Directories to make for new files, parents first. */
  mkdirs: string[];
  refusals: Refusal[];
  manifestText: string;
  /** Every rendered file's content by path (for --check's diffs). */
  renderedContent: Map<string, string>;
  /** The manifest's text on disk, undefined when there is none. */
  oldManifestText?: string;
  oldManifest?: Manifest;
}

type DirState = "dir" | "absent" | { problem: string };

/**
 * Plans writing `files` into `root`. `prune` (a whole render, not `--show-only`): the files the
 * manifest lists that this render no longer makes are to be removed.
 */
export function planWrite(root: string, rootExists: boolean, shown: string, files: readonly RenderedFile[], prune: boolean): Plan {
  const show = (p: string) => join(shown, p);
  const plan: Plan = { root, rootExists, shown, creates: [], replaces: [], unchanged: [], removes: [], mkdirs: [], refusals: [], manifestText: "", renderedContent: new Map() };
  const refuse = (path: string, kind: Refusal["kind"], message: string) => plan.refusals.push({ path, kind, message: `${show(path)}: ${message}` });
  const blockedDirs = new Set<string>();

  const parent = parentRenderOwning(root);
  if (parent) {
    plan.refusals.push({ path: ".", kind: "blocked", message: `${shown} holds files of the render into ${parent.dir} (its ${MANIFEST_NAME} lists ${parent.listed}); vm-template never writes into another render's directory` });
    plan.oldManifestText = plan.manifestText; // nothing else to compare: the refusal is the whole answer
    return plan;
  }

  if (rootExists) {
    const stat = lstatOrProblem(join(root, MANIFEST_NAME));
    if (typeof stat === "string") refuse(MANIFEST_NAME, "blocked", stat);
    else if (stat && !stat.isFile()) refuse(MANIFEST_NAME, "blocked", `${describe(stat)}, not the manifest vm-template writes`);
    else if (stat) {
      if (stat.size > MAX_MANIFEST_BYTES) {
        throw new VmTemplateError("OUTPUT", [{ path: "", message: `${show(MANIFEST_NAME)}: ${Math.floor(stat.size / 2 ** 20)} MiB, larger than any manifest vm-template writes (a 100,000-VM fleet's is about 50 MB); restore it from git` }]);
      }
      plan.oldManifestText = readFileSync(join(root, MANIFEST_NAME), "utf8");
      plan.oldManifest = parseManifest(plan.oldManifestText, show(MANIFEST_NAME));
    }
  }
  const manifest = plan.oldManifest;
  const dirs = new Map<string, DirState>([[".", rootExists ? "dir" : "absent"]]);
  const dirState = (rel: string): DirState => {
    let state = dirs.get(rel);
    if (state) return state;
    state = dirState(dirname(rel));
    if (state === "dir") {
      const stat = lstatOrProblem(join(root, rel));
      if (typeof stat === "string") state = { problem: stat };
      else if (!stat) state = "absent";
      else if (stat.isSymbolicLink()) state = { problem: `${show(rel)} is a symbolic link; vm-template never writes through a link inside its directory` };
      else if (!stat.isDirectory()) state = { problem: `${show(rel)} is ${describe(stat)}, where vm-template needs a directory` };
      else {
        const manifest = lstatOrProblem(join(root, rel, MANIFEST_NAME));
        if (typeof manifest === "string") state = { problem: `${show(rel)}: cannot be read: ${manifest}` };
        else if (manifest) state = { problem: `${show(rel)} is another render's output directory (it has its own ${MANIFEST_NAME}); vm-template never writes into it` };
      }
    }
    dirs.set(rel, state);
    return state;
  };

  const next: Manifest = prune ? new Map() : new Map(manifest);
  const rendered = new Set<string>();
  const mkdirs = new Set<string>();
  for (const file of files) {
    const problem = pathProblem(file.path);
    if (problem) {
      refuse(file.path, "blocked", `the chart renders ${problem}`);
      continue;
    }
    rendered.add(file.path);
    plan.renderedContent.set(file.path, file.content);
    const bytes = Buffer.from(file.content);
    next.set(file.path, sha256(bytes));
    const parent = dirState(dirname(file.path));
    if (typeof parent === "object") {
      // One line for the directory in the way, not one per file under it.
      if (!blockedDirs.has(parent.problem)) plan.refusals.push({ path: dirname(file.path), kind: "blocked", message: parent.problem });
      blockedDirs.add(parent.problem);
      continue;
    }
    if (parent === "absent") {
      for (let d = dirname(file.path); d !== "." && dirState(d) === "absent"; d = dirname(d)) mkdirs.add(d);
      plan.creates.push({ path: file.path, bytes });
      continue;
    }
    try {
      const full = join(root, file.path);
      const stat = lstatOrProblem(full);
      // A file of the rendered size is read once, whole: compared, and hashed from the same bytes.
      const sameSize = typeof stat === "object" && stat.isFile() && stat.size === bytes.length ? readFileSync(full) : undefined;
      if (typeof stat === "string") refuse(file.path, "blocked", stat);
      else if (!stat) plan.creates.push({ path: file.path, bytes });
      else if (!stat.isFile()) refuse(file.path, "blocked", `${describe(stat)}, where vm-template would write a file; move it away, then run again`);
      else if (sameSize?.equals(bytes)) plan.unchanged.push(file.path);
      else if (manifest?.has(file.path)) {
        if ((sameSize ? sha256(sameSize) : hashFile(full)) === manifest.get(file.path)) plan.replaces.push({ path: file.path, bytes });
        else refuse(file.path, "edited", `edited since vm-template wrote it (its bytes are not the ones ${MANIFEST_NAME} records); restore it (git checkout) or move it away, then run again`);
      } else if (!manifest && startsWithHeader(full)) {
        // A directory an older vm-template wrote (no manifest): its files at rendered paths carry the header, which was then the mark of ownership.
        plan.replaces.push({ path: file.path, bytes });
      } else {
        refuse(file.path, "foreign", `exists and vm-template did not write it (${MANIFEST_NAME} does not list it); move it away, then run again`);
      }
    } catch (e) {
      refuse(file.path, "blocked", `cannot be read: ${reason(e)}`);
    }
  }

  if (prune && manifest) {
    for (const [path, hash] of manifest) {
      if (rendered.has(path)) continue;
      // Gone, or replaced by something that is not a file it wrote (a link, a directory, another render's directory): only forgotten.
      if (dirState(dirname(path)) !== "dir") continue;
      try {
        const stat = lstatSync(join(root, path), { throwIfNoEntry: false });
        if (!stat?.isFile()) continue;
        if (hashFile(join(root, path)) === hash) plan.removes.push(path);
        else refuse(path, "edited", `no longer rendered, but edited since vm-template wrote it, so it is not removed; delete it or move it away, then run again`);
      } catch (e) {
        refuse(path, "blocked", `cannot be read: ${reason(e)}`);
      }
    }
  }
  plan.removes.sort(byCodeUnit);
  plan.mkdirs = [...mkdirs].sort((a, b) => a.split("/").length - b.split("/").length || byCodeUnit(a, b));
  plan.manifestText = formatManifest(next);
  return plan;
}

/** Whether the plan changes anything on disk. */
export function planChanges(plan: Plan): boolean {
  return plan.creates.length + plan.replaces.length + plan.removes.length > 0 || plan.manifestText !== plan.oldManifestText;
}

function lstatOrProblem(path: string): Stats | undefined | string {
  try {
    return lstatSync(path, { throwIfNoEntry: false });
  } catch (e) {
    return reason(e);
  }
}

function describe(stat: Stats): string {
  if (stat.isSymbolicLink()) return "a symbolic link";
  if (stat.isDirectory()) return "a directory";
  return "not a regular file";
}

/** SHA-256 of a file read in pieces: a file of any size costs a fixed amount of memory. */
function hashFile(path: string): string {
  const hash = createHash("sha256");
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    for (let n; (n = readSync(fd, buffer, 0, buffer.length, null)) > 0; ) hash.update(buffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest("hex");
}

const HEADER_LINE = Buffer.from(`${GENERATED_HEADER}\n`);

function startsWithHeader(path: string): boolean {
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(HEADER_LINE.length);
    return readSync(fd, buffer, 0, buffer.length, 0) === buffer.length && buffer.equals(HEADER_LINE);
  } finally {
    closeSync(fd);
  }
}
