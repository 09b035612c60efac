/**
 * The file-system edge: the only module (with the bin script) that touches the disk. The CLI
 * uses it; build scripts may import it as "vm-template/fs".
 */
import { readFileSync, writeFileSync, renameSync, unlinkSync, mkdirSync, readdirSync, statSync, lstatSync } from "node:fs";
import { join, resolve, relative } from "node:path";
import { VmTemplateError } from "../errors.js";
import { chartFromFiles, type Chart } from "../chart/chart.js";
import { parseValuesYaml } from "../values/parseValuesYaml.js";
import type { Values } from "../values/objects.js";
import type { RenderedFile } from "../render/renderChart.js";

/** Reads and parses one -f values file (relative to `cwd`); a missing or unreadable file is a VALUES_FILE error. */
export function readValuesFile(path: string, cwd = "."): Values {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, path), "utf8");
  } catch (e) {
    throw new VmTemplateError("VALUES_FILE", [{ path: "", message: `${path}: cannot read values file: ${reason(e)}` }]);
  }
  return parseValuesYaml(text, path);
}

/** The reader --set-file needs: a file's whole content as a string. */
export function setFileReader(cwd = "."): (path: string) => string {
  return (path) => {
    try {
      return readFileSync(resolve(cwd, path), "utf8");
    } catch (e) {
      throw new Error(`${path}: ${reason(e)}`);
    }
  };
}

/**
 * Writes the files under `dir`, all or nothing: every file is first written in full to a
 * temporary name beside its target, and only when all of them are written are they renamed
 * into place (a rename within a directory is atomic). On any failure the temporary files are
 * removed and no file already in `dir` has changed. Returns the paths written.
 */
export function writeOutputDir(dir: string, files: readonly RenderedFile[]): string[] {
  const root = resolve(dir);
  const staged: { temp: string; target: string }[] = [];
  try {
    mkdirSync(root, { recursive: true });
    for (const file of files) {
      const target = join(root, file.path);
      if (relative(root, target).startsWith("..")) throw new Error(`${file.path} is outside the output directory`);
      // Renames must not fail half-way: a target that exists must be a file we may replace.
      const existing = lstatSync(target, { throwIfNoEntry: false });
      if (existing && !existing.isFile()) throw new Error(`${file.path} exists and is not a regular file`);
      const temp = join(root, `.${file.path}.vm-template-${process.pid}-${staged.length}.tmp`);
      staged.push({ temp, target });
      writeFileSync(temp, file.content, { flag: "wx" });
    }
  } catch (e) {
    for (const { temp } of staged) tryUnlink(temp);
    throw new VmTemplateError("OUTPUT", [{ path: "", message: `cannot write to ${dir}: ${reason(e)}; nothing was changed` }]);
  }
  for (const [i, { temp, target }] of staged.entries()) {
    try {
      renameSync(temp, target);
    } catch (e) {
      for (const rest of staged.slice(i)) tryUnlink(rest.temp);
      throw new VmTemplateError("OUTPUT", [{ path: "", message: `cannot write ${target}: ${reason(e)}` }]);
    }
  }
  return staged.map((s) => s.target);
}

/** A chart folder (templates/*.hbs, templates/values.yaml, schemas/values.schema.json) as a Chart. */
export function readChartDir(dir: string, name = "chart"): Chart {
  const files: Record<string, string> = {};
  for (const sub of ["templates", "schemas"]) {
    const folder = join(dir, sub);
    for (const entry of readdirSync(folder).sort()) {
      if (statSync(join(folder, entry)).isFile()) files[`${sub}/${entry}`] = readFileSync(join(folder, entry), "utf8");
    }
  }
  return chartFromFiles(name, files);
}

function tryUnlink(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === "ENOENT") return "no such file or directory";
  if (err.code === "EACCES" || err.code === "EPERM") return "permission denied";
  if (err.code === "EISDIR") return "is a directory";
  if (err.code === "ENOTDIR") return "a parent is not a directory";
  return err.message;
}
