import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { VmTemplateError, type Problem } from "../errors.js";
import type { Chart } from "../chart/chart.js";
import type { Values } from "../values/objects.js";
import { validateValues } from "../schema/validateValues.js";
import { publishedSchema } from "../schema/publishedSchema.js";
import { reason } from "./fsErrors.js";
import { PROJECT_FILE, projectFileText } from "./projectFile.js";
import type { CliIO } from "./run.js";

/** A value still to give (the schema's `required`), as opposed to a wrong one. */
export const isMissing = (p: Problem): boolean => p.message.startsWith("is required");

/**
 * `vm-template init`: writes ./vm-template.yaml from the given values, every other key commented
 * out with its description. Never replaces a file (it may hold someone's values). The given values
 * must be right as far as they go (no unknown key, no bad value); what is still missing is listed
 * as a note, since completing the file is the next step.
 */
export function runInit(values: Values, chart: Chart, io: CliIO, schemaPath: string): number {
  const problems = validateValues(values, chart).problems;
  const wrong = problems.filter((p) => !isMissing(p));
  if (wrong.length) throw new VmTemplateError("SCHEMA", wrong);
  const text = projectFileText(values, publishedSchema(chart), schemaPath);
  try {
    writeFileSync(join(io.cwd, PROJECT_FILE), text, { flag: "wx" });
  } catch (e) {
    const exists = (e as NodeJS.ErrnoException).code === "EEXIST";
    throw new VmTemplateError("VALUES_FILE", [{ path: "", message: exists ? `${PROJECT_FILE} already exists; init never replaces it (edit it, or remove it to start again)` : `${PROJECT_FILE}: cannot write: ${reason(e)}` }]);
  }
  io.stdout(`wrote ${PROJECT_FILE}\n`);
  const missing = problems.filter(isMissing).map((p) => p.path);
  if (missing.length) io.stderr(`note: still to fill in: ${missing.join(", ")}\n`);
  return 0;
}
