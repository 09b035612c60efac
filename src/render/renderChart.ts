import HandlebarsRuntime from "handlebars/runtime.js";
import { handlebarsCompiler } from "../compilers.js";
import { precompiledTemplate, TEMPLATE_OPTIONS } from "../chart/compiled.js";
import type Handlebars from "handlebars";
import { VmTemplateError, type Problem } from "../errors.js";
import type { Chart } from "../chart/chart.js";
import type { Values } from "../values/objects.js";
import { helpers } from "./helpers/index.js";
import type { FileBlock } from "./helpers/file.js";
import { lintTemplate } from "./lintTemplate.js";
import { GENERATED_HEADER } from "./generatedHeader.js";

export interface RenderedFile {
  path: string;
  content: string;
}

/** What a render knows besides the values: Helm's release, for templates as `@release.name`. */
export interface Release {
  /** The release name (NAME or --name); absent when not given, so a template picks its own default. */
  name?: string;
}

type RenderData = { blocks: FileBlock[]; problems: Problem[]; release: Release };
type Compiled = { name: string; run: (values: Values, data: RenderData) => string }[];
const compiledCharts = new WeakMap<Chart, Compiled>();

/**
 * Renders every template of the chart with already validated values. A template's own text is
 * the file named like the template; a template may also emit more files with `{{#file path}}`
 * blocks (a file per VM of a fleet). Text that is nothing but blank and `#` comment lines
 * produces no file (how a section that is absent makes no resource). Files come out sorted by path, each starting with
 * GENERATED_HEADER, with LF endings and one trailing newline; `templateOf` names the template
 * each file came from, for error messages.
 */
export function renderChart(chart: Chart, values: Values, release: Release = {}): { files: RenderedFile[]; templateOf: Map<string, string> } {
  const files = new Map<string, RenderedFile>();
  const templateOf = new Map<string, string>();
  const problems: Problem[] = [];
  for (const template of compile(chart)) {
    const data: RenderData = { blocks: [], problems: [], release };
    let text = "";
    try {
      text = template.run(values, data);
    } catch (e) {
      problems.push({ path: "", message: `template ${template.name}: ${(e as Error).message.split("\n")[0]}` });
    }
    problems.push(...data.problems);
    for (const { paths, content } of [{ paths: [template.name], content: text }, ...data.blocks]) {
      const normalized = normalize(content);
      if (!normalized) continue;
      // One string for every path of a shared block: memory, and checkOutput judges it once.
      const withHeader = `${GENERATED_HEADER}\n${normalized}`;
      for (const path of paths) {
        const wrong = pathProblem(path) ?? (files.has(path) ? "two files at this path" : undefined);
        if (wrong) problems.push({ path: "", message: `template ${template.name}: file ${JSON.stringify(path)}: ${wrong}` });
        else {
          files.set(path, { path, content: withHeader });
          templateOf.set(path, template.name);
        }
      }
    }
  }
  if (problems.length) throw new VmTemplateError("RENDER", problems);
  return { files: [...files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)), templateOf };
}

/**
 * Output paths stay inside the output directory and mean the same on every system: relative,
 * `/`-separated segments of letters, digits, `_`, `.` and `-`, none starting with `.` (no `..`,
 * no hidden files, which is also where the writer keeps its temporary files).
 */
function pathProblem(path: string): string | undefined {
  return /^[A-Za-z0-9_-][A-Za-z0-9_.-]*(?:\/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*$/.test(path) && path.length <= 1024
    ? undefined
    : "not a relative path of letters, digits, '_', '.' and '-' segments";
}

function compile(chart: Chart): Compiled {
  const cached = compiledCharts.get(chart);
  if (cached) return cached;
  const sources = { ...chart.partials, ...chart.templates };
  // What the build precompiled was linted then; the rest is linted now, and needs the compiler.
  const lint: Problem[] = [];
  for (const [name, source] of Object.entries(sources)) {
    if (precompiledTemplate(source)) continue;
    for (const reason of lintTemplate(source)) lint.push({ path: "", message: `template ${name}: ${reason}` });
  }
  if (lint.length) throw new VmTemplateError("RENDER", lint);
  const allPrecompiled = Object.values(sources).every((source) => precompiledTemplate(source));
  // One isolated Handlebars environment per chart: no global helper or partial leaks in or out.
  const env = (allPrecompiled ? (HandlebarsRuntime as unknown as typeof Handlebars) : handlebarsCompiler()).create();
  const build = (source: string) => {
    const spec = precompiledTemplate(source);
    return spec ? env.template(spec) : env.compile(source, TEMPLATE_OPTIONS);
  };
  env.registerHelper(helpers as Handlebars.HelperDeclareSpec);
  if (chart.helpers) env.registerHelper(chart.helpers as Handlebars.HelperDeclareSpec);
  for (const [name, source] of Object.entries(chart.partials)) env.registerPartial(name, build(source));
  const compiled = Object.keys(chart.templates)
    .sort()
    .map((name) => {
      const template = build(chart.templates[name]!);
      return { name, run: (values: Values, data: RenderData) => template(values, { data }) };
    });
  compiledCharts.set(chart, compiled);
  return compiled;
}

/** LF endings, no trailing blanks, no blank lines at either end, one trailing newline; "" when only comments are left. */
function normalize(text: string): string {
  // Whole-text regular expressions, not a pass per line: a fleet has tens of thousands of files.
  const trimmed = (text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text).replace(/[ \t]+(?=\n|$)/g, "").replace(/^\n+|\n+$/g, "");
  // Some line that is neither blank nor a comment.
  return /(?:^|\n)[^#\n]/.test(trimmed) ? `${trimmed}\n` : "";
}
