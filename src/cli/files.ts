/**
 * The file-system API published as "vm-template/fs" (build scripts import it; the CLI uses it):
 * reading values, --set-file files and chart folders, and (re-exported from outputDir.ts)
 * writing an output directory. The disk is touched only under src/cli/ and by the bin script.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { VmTemplateError } from "../errors.js";
import { reason } from "./fsErrors.js";
import { decodeUtf8, readBounded, tooLarge, MAX_INPUT_BYTES } from "./readInput.js";
import { chartFromFiles, type Chart } from "../chart/chart.js";
import { parseValuesYaml } from "../values/parseValuesYaml.js";
import type { Values } from "../values/objects.js";
import { kindOf, requireString } from "../arguments.js";

/**
 * Reads and parses one -f values file (relative to `cwd`). A missing or unreadable file, one
 * larger than MAX_INPUT_BYTES or not UTF-8, is a VALUES_FILE error naming it.
 */
export function readValuesFile(path: string, cwd = "."): Values {
  requireString(path, "path");
  requireString(cwd, "cwd");
  let bytes: Buffer;
  try {
    bytes = readBounded(resolve(cwd, path), path, "a values file");
  } catch (e) {
    if (e instanceof VmTemplateError) throw e;
    throw new VmTemplateError("VALUES_FILE", [{ path: "", message: `${path}: cannot read values file: ${reason(e)}` }]);
  }
  return parseValuesYaml(decodeUtf8(bytes, path), path);
}

/**
 * Standard input's bytes (`-f -`) as values; `bytes` may hold more than the limit (a reader
 * stops one byte past it), which is refused.
 */
export function valuesFromStdin(bytes: Uint8Array | string): Values {
  const name = "<stdin>";
  if (typeof bytes !== "string" && !(bytes instanceof Uint8Array)) throw new VmTemplateError("USAGE", [{ path: "bytes", message: `must be a Uint8Array or a string (got ${kindOf(bytes)})` }]);
  const data = typeof bytes === "string" ? Buffer.from(bytes, "utf8") : bytes;
  if (data.length > MAX_INPUT_BYTES) throw tooLarge(name, "standard input");
  return parseValuesYaml(decodeUtf8(data, name), name);
}

/** The reader --set-file needs: a file's whole content as a string (bounded and UTF-8, as values files). */
export function setFileReader(cwd = "."): (path: string) => string {
  requireString(cwd, "cwd");
  return (path) => {
    requireString(path, "path");
    let bytes: Buffer;
    try {
      bytes = readBounded(resolve(cwd, path), path, "a --set-file file");
    } catch (e) {
      if (e instanceof VmTemplateError) throw e;
      throw new Error(`${path}: ${reason(e)}`);
    }
    return decodeUtf8(bytes, path);
  };
}

export { MAX_INPUT_BYTES } from "./readInput.js";

/** A chart folder (templates/*.hbs, templates/values.yaml, schemas/values.schema.json) as a Chart. */
export function readChartDir(dir: string, name = "chart"): Chart {
  requireString(dir, "dir");
  requireString(name, "name");
  const files: Record<string, string> = {};
  for (const sub of ["templates", "schemas", "schemas/output"]) {
    const folder = join(dir, sub);
    try {
      if (sub === "schemas/output" && !statSync(folder, { throwIfNoEntry: false })?.isDirectory()) continue;
      for (const entry of readdirSync(folder).sort()) {
        if (statSync(join(folder, entry)).isFile()) files[`${sub}/${entry}`] = readFileSync(join(folder, entry), "utf8");
      }
    } catch (e) {
      throw new VmTemplateError("USAGE", [{ path: "dir", message: `${folder}: cannot read chart folder: ${reason(e)}` }]);
    }
  }
  return chartFromFiles(name, files);
}

export { writeOutputDir, checkOutputDir, MANIFEST_NAME, type WriteResult, type Drift, type DriftEntry, type OutputDirOptions, type WriterOps } from "./outputDir.js";
