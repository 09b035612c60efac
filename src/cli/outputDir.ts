/**
 * An output directory as the tool's own: writing all rendered files at once, removing the
 * generated files no longer rendered, and comparing the directory with a render (`--check`).
 * A file is the tool's when its first line is GENERATED_HEADER; every other file is left alone.
 */
import { closeSync, linkSync, lstatSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, renameSync, rmdirSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { VmTemplateError } from "../errors.js";
import { GENERATED_HEADER, type RenderedFile } from "../render/renderChart.js";
import { unifiedDiff } from "../output/unifiedDiff.js";
import { reason } from "./fsErrors.js";

export interface WriteResult {
  written: string[];
  /** Generated files that were in the directory but are no longer rendered. */
  removed: string[];
}

/** The file operations of the commit phase; a test may pass one that fails, to simulate a crash. */
export interface CommitOps {
  rename: (from: string, to: string) => void;
}
const realOps: CommitOps = { rename: renameSync };

/**
 * Writes the files under `dir`, all or nothing. Every file is first written in full to a
 * temporary name beside its target, and each existing target is hard-linked to a backup name.
 * Only then are the temporary files renamed into place (each rename is atomic). If anything
 * fails, before or during the renames, the backups are renamed back, new files removed, and the
 * temporary files, backups and directories made for them deleted: every file that was in `dir`
 * is byte-identical to before. Then the generated files that this render no longer has are
 * deleted (a VM scaled away). A process killed during the renames can leave hidden
 * `.*.vm-template-*` files beside the targets; they are never taken for generated files.
 */
export function writeOutputDir(dir: string, files: readonly RenderedFile[], ops: CommitOps = realOps, { prune = true } = {}): WriteResult {
  const root = resolve(dir);
  // A narrowed render (--show-only) says nothing about the files it leaves out.
  const stale = new Set(prune ? listGenerated(root) : []);
  const made: string[] = [];
  const staged: { temp: string; target: string; backup?: string }[] = [];
  const undoStaging = () => {
    for (const { temp, backup } of staged) {
      tryUnlink(temp);
      if (backup) tryUnlink(backup);
    }
    for (const d of made.reverse()) tryRmdir(d);
  };
  try {
    for (const file of files) {
      const target = join(root, file.path);
      if (relative(root, target).startsWith("..")) throw new Error(`${file.path} is outside the output directory`);
      makeParents(root, dirname(target), made);
      // Renames must not fail half-way: a target that exists must be a file we may replace.
      const existing = lstatSync(target, { throwIfNoEntry: false });
      if (existing && !existing.isFile()) throw new Error(`${file.path} exists and is not a regular file`);
      const name = join(dirname(target), `.${basename(target)}.vm-template-${process.pid}-${staged.length}`);
      const entry: (typeof staged)[number] = { temp: `${name}.tmp`, target };
      staged.push(entry);
      writeFileSync(entry.temp, file.content, { flag: "wx" });
      if (existing) {
        linkSync(target, `${name}.bak`);
        entry.backup = `${name}.bak`;
      }
      stale.delete(file.path);
    }
  } catch (e) {
    undoStaging();
    throw new VmTemplateError("OUTPUT", [{ path: "", message: `cannot write to ${dir}: ${reason(e)}; nothing was changed` }]);
  }
  for (const [i, { temp, target }] of staged.entries()) {
    try {
      ops.rename(temp, target);
    } catch (e) {
      // Put back what the earlier renames replaced, remove what they added.
      for (const done of staged.slice(0, i)) {
        if (done.backup) renameSync(done.backup, done.target);
        else tryUnlink(done.target);
      }
      undoStaging();
      throw new VmTemplateError("OUTPUT", [{ path: "", message: `cannot write ${target}: ${reason(e)}; every file in ${dir} was put back as it was` }]);
    }
  }
  for (const { backup } of staged) if (backup) tryUnlink(backup);
  const removed: string[] = [];
  for (const path of [...stale].sort()) {
    const target = join(root, path);
    tryUnlink(target);
    removed.push(target);
    // Directories emptied by the removal go too (a VM's directory), never the output root.
    for (let d = dirname(target); d !== root && d.startsWith(root + sep) && tryRmdir(d); d = dirname(d));
  }
  return { written: staged.map((s) => s.target), removed };
}

export interface DriftEntry {
  path: string;
  status: "changed" | "missing" | "extra";
  diff: string;
}

/**
 * What `--check` reports: each rendered file that is missing from `dir` or differs from it, and
 * each generated file in `dir` that would no longer be rendered, with its unified diff. Reads
 * only; empty when `dir` is current.
 */
export function checkOutputDir(dir: string, files: readonly RenderedFile[], { prune = true } = {}): DriftEntry[] {
  const root = resolve(dir);
  const entries: DriftEntry[] = [];
  const rendered = new Set(files.map((f) => f.path));
  for (const file of files) {
    const current = readIfFile(join(root, file.path));
    if (current === file.content) continue;
    entries.push({ path: file.path, status: current === undefined ? "missing" : "changed", diff: unifiedDiff(file.path, current, file.content) });
  }
  for (const path of prune ? listGenerated(root) : []) {
    if (!rendered.has(path)) entries.push({ path, status: "extra", diff: unifiedDiff(path, readIfFile(join(root, path)), undefined) });
  }
  return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Paths (relative, `/`-separated) of the generated files under root; hidden entries and symlinks are skipped. */
export function listGenerated(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, prefix: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const path = prefix + entry.name;
      if (entry.isDirectory()) walk(join(dir, entry.name), `${path}/`);
      else if (entry.isFile() && startsWithHeader(join(dir, entry.name))) found.push(path);
    }
  };
  walk(root, "");
  return found.sort();
}

const HEADER_LINE = Buffer.from(`${GENERATED_HEADER}\n`);

function startsWithHeader(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    const buffer = Buffer.alloc(HEADER_LINE.length);
    return readSync(fd, buffer, 0, buffer.length, 0) === buffer.length && buffer.equals(HEADER_LINE);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function readIfFile(path: string): string | undefined {
  const stat = lstatSync(path, { throwIfNoEntry: false });
  return stat?.isFile() ? readFileSync(path, "utf8") : undefined;
}

/** Creates the missing directories down to dir (the output root included), recording each one made. */
function makeParents(root: string, dir: string, made: string[]): void {
  const missing: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    const stat = lstatSync(d, { throwIfNoEntry: false });
    if (stat?.isDirectory()) break;
    if (stat) throw new Error(`${relative(root, d) || d} exists and is not a directory`);
    missing.unshift(d);
    if (d === dirname(d)) break;
  }
  for (const d of missing) {
    mkdirSync(d);
    made.push(d);
  }
}

function tryUnlink(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/** Removes an empty directory; false when it is not empty or cannot be removed. */
function tryRmdir(path: string): boolean {
  try {
    rmdirSync(path);
    return true;
  } catch {
    return false;
  }
}
