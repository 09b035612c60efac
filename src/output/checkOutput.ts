import { constructFromEvents, parseEvents, CORE_SCHEMA, YAML11_SCHEMA } from "js-yaml";
import { isDeepStrictEqual } from "node:util";
import { VmTemplateError, type Problem } from "../errors.js";
import type { RenderedFile } from "../render/renderChart.js";
import { fileKind } from "./fileKinds.js";
import { checkEnvFile, checkHostsFile } from "./checkPlainFiles.js";
import { validateOutputDoc } from "./validateOutput.js";
import type { Chart } from "../chart/chart.js";

/**
 * The last gate before anything leaves render(): every file must be well-formed for what it is.
 * A YAML file is one mapping that a YAML 1.2 reader and a YAML 1.1 reader (kubectl,
 * docker-compose) read the same way, and valid, strictly, against the chart's output schema for
 * its kind; env and hosts files are read literally by every reader. A template that breaks this
 * is a bug in the chart, reported as OUTPUT naming the template and the file.
 */
export function checkOutput(chart: Chart, files: readonly RenderedFile[], templateOf: ReadonlyMap<string, string>): void {
  const problems: Problem[] = [];
  for (const file of files) {
    const kind = fileKind(file.path);
    const reasons =
      kind === "yaml" ? checkYaml(chart, file)
      : kind === "env" ? [checkEnvFile(file.content)]
      : kind === "hosts" ? [checkHostsFile(file.content)]
      : ["not a kind of file vm-template generates (.yaml, .env or hosts)"];
    for (const reason of reasons) {
      if (reason) problems.push({ path: "", message: `template ${templateOf.get(file.path) ?? "?"} made an invalid ${file.path}: ${reason}` });
    }
  }
  if (problems.length) throw new VmTemplateError("OUTPUT", problems);
}

function checkYaml(chart: Chart, file: RenderedFile): (string | undefined)[] {
  const reason = readsTheSame(file.content);
  if (typeof reason === "string") return [reason];
  return validateOutputDoc(chart, file.path, reason);
}

/** The one mapping document of the file, or why it is not one that every reader reads alike. */
function readsTheSame(content: string): string | Record<string, unknown> {
  let docs12: unknown[];
  let docs11: unknown[];
  try {
    // One parse, read twice: the two readers differ only in how they resolve scalars.
    const events = parseEvents(content, {});
    docs12 = constructFromEvents(events, { source: content, schema: CORE_SCHEMA });
    docs11 = constructFromEvents(events, { source: content, schema: YAML11_SCHEMA });
  } catch (e) {
    return (e as Error).message.split("\n")[0] ?? "not valid YAML";
  }
  if (docs12.length !== 1) return `expected one YAML document, found ${docs12.length}`;
  const doc = docs12[0];
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return "the document is not a mapping";
  if (!isDeepStrictEqual(docs11, docs12)) return "YAML 1.1 and YAML 1.2 readers disagree on it (an unquoted value changes type)";
  return doc as Record<string, unknown>;
}
