/**
 * The file-system edge: the only module (with the bin script) that touches the disk. The CLI
 * uses it; build scripts may import it as "vm-template/fs".
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { VmTemplateError } from "../errors.js";
import { reason } from "./fsErrors.js";
import { chartFromFiles, type Chart } from "../chart/chart.js";
import { parseValuesYaml } from "../values/parseValuesYaml.js";
import type { Values } from "../values/objects.js";

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

/** A chart folder (templates/*.hbs, templates/values.yaml, schemas/values.schema.json) as a Chart. */
export function readChartDir(dir: string, name = "chart"): Chart {
  const files: Record<string, string> = {};
  for (const sub of ["templates", "schemas", "schemas/output"]) {
    const folder = join(dir, sub);
    if (sub === "schemas/output" && !statSync(folder, { throwIfNoEntry: false })?.isDirectory()) continue;
    for (const entry of readdirSync(folder).sort()) {
      if (statSync(join(folder, entry)).isFile()) files[`${sub}/${entry}`] = readFileSync(join(folder, entry), "utf8");
    }
  }
  return chartFromFiles(name, files);
}

export { writeOutputDir, checkOutputDir, listGenerated, type WriteResult, type DriftEntry } from "./outputDir.js";
