import { constructFromEvents, getScalarValue, parseEvents, CORE_SCHEMA, EVENT_ID, SCALAR_STYLE, YAML11_SCHEMA, type Event } from "js-yaml";
import { isDeepStrictEqual } from "node:util";
import { VmTemplateError, type Problem } from "../errors.js";
import type { RenderedFile } from "../render/renderChart.js";
import { fileKind } from "./fileKinds.js";
import { checkEnvFile, checkHostsFile, checkPemFile } from "./checkPlainFiles.js";
import { checkShellEnvFile } from "./checkShellFiles.js";
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
  // The verdict on a file depends only on its name (which picks the output schema) and its
  // content, so identical files are judged once: in a fleet, every VM of a group has the same
  // compose file, kustomization and hosts.
  // By name, then by content (no key built by joining them: that would copy every file).
  const verdicts = new Map<string, Map<string, (string | undefined)[]>>();
  for (const file of files) {
    const name = file.path.slice(file.path.lastIndexOf("/") + 1);
    let byContent = verdicts.get(name);
    if (!byContent) verdicts.set(name, (byContent = new Map()));
    let reasons = byContent.get(file.content);
    if (!reasons) {
      reasons = checkFile(chart, file);
      byContent.set(file.content, reasons);
    }
    for (const reason of reasons) {
      if (reason) problems.push({ path: "", message: `template ${templateOf.get(file.path) ?? "?"} made an invalid ${file.path}: ${reason}` });
    }
  }
  if (problems.length) throw new VmTemplateError("OUTPUT", problems);
}

function checkFile(chart: Chart, file: RenderedFile): (string | undefined)[] {
  const kind = fileKind(file.path);
  if (kind === "yaml") return checkYaml(chart, file);
  if (kind === "env") return [checkEnvFile(file.content)];
  if (kind === "shell") return [checkShellEnvFile(file.content)];
  if (kind === "hosts") return [checkHostsFile(file.content)];
  if (kind === "pem") return [checkPemFile(file.content)];
  return ["not a kind of file vm-template generates (.yaml, .env, cluster.env, hosts or .pem)"];
}

function checkYaml(chart: Chart, file: RenderedFile): (string | undefined)[] {
  const reason = readsTheSame(file.content);
  if (typeof reason === "string") return [reason];
  return validateOutputDoc(chart, file.path, reason);
}

/** The one mapping document of the file, or why it is not one that every reader reads alike. */
function readsTheSame(content: string): string | Record<string, unknown> {
  let docs: unknown[];
  let alike: boolean;
  try {
    const events = parseEvents(content, {});
    docs = constructFromEvents(events, { source: content, schema: CORE_SCHEMA });
    alike = scalarsReadAlike(content, events, docs);
  } catch (e) {
    return (e as Error).message.split("\n")[0] ?? "not valid YAML";
  }
  if (docs.length !== 1) return `expected one YAML document, found ${docs.length}`;
  const doc = docs[0];
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return "the document is not a mapping";
  if (!alike) return "YAML 1.1 and YAML 1.2 readers disagree on it (an unquoted value changes type)";
  return doc as Record<string, unknown>;
}

/**
 * Whether a YAML 1.1 reader reads the parsed document as the YAML 1.2 one does. The two differ
 * only in how they resolve untagged plain scalars (keys and values: `on`, `0777`, `<<`), so each
 * of those is resolved by both; with an explicit tag anywhere, the whole document is read both
 * ways and compared.
 */
function scalarsReadAlike(content: string, events: Event[], docs12: unknown[]): boolean {
  for (const e of events) {
    if (e.type !== EVENT_ID.SCALAR && e.type !== EVENT_ID.MAPPING && e.type !== EVENT_ID.SEQUENCE) continue;
    if (e.tagStart !== e.tagEnd) {
      return isDeepStrictEqual(constructFromEvents(events, { source: content, schema: YAML11_SCHEMA }), docs12);
    }
  }
  for (const e of events) {
    if (e.type !== EVENT_ID.SCALAR || e.style !== SCALAR_STYLE.PLAIN) continue;
    const text = getScalarValue(content, e);
    const a = CORE_SCHEMA.resolveImplicitScalarTag(text);
    const b = YAML11_SCHEMA.resolveImplicitScalarTag(text);
    if (a.tag.tagName !== b.tag.tagName || !isDeepStrictEqual(a.value, b.value)) return false;
  }
  return true;
}
