import Handlebars from "handlebars";
import { VmTemplateError, type Problem } from "../errors.js";
import type { Chart } from "../chart/chart.js";
import type { Values } from "../values/objects.js";
import { helpers } from "./helpers/index.js";
import { TemplateFailure } from "./helpers/fail.js";
import { lintTemplate } from "./lintTemplate.js";

export interface RenderedFile {
  path: string;
  content: string;
}

type Compiled = { name: string; run: (values: Values) => string }[];
const compiledCharts = new WeakMap<Chart, Compiled>();

/**
 * Renders every template of the chart with already validated values. A template that renders
 * to nothing but blank lines produces no file (how a section that is absent makes no resource).
 * Files come out in template-name order, each with LF endings and one trailing newline.
 */
export function renderChart(chart: Chart, values: Values): RenderedFile[] {
  const files: RenderedFile[] = [];
  const problems: Problem[] = [];
  for (const template of compile(chart)) {
    let text: string;
    try {
      text = template.run(values);
    } catch (e) {
      if (e instanceof TemplateFailure) problems.push({ path: e.path, message: e.message });
      else problems.push({ path: "", message: `template ${template.name}: ${(e as Error).message.split("\n")[0]}` });
      continue;
    }
    const content = normalize(text);
    if (content) files.push({ path: template.name, content });
  }
  if (problems.length) throw new VmTemplateError("RENDER", problems);
  return files;
}

function compile(chart: Chart): Compiled {
  const cached = compiledCharts.get(chart);
  if (cached) return cached;
  // One isolated Handlebars environment per chart: no global helper or partial leaks in or out.
  const env = Handlebars.create();
  const lint: Problem[] = [];
  for (const [name, source] of Object.entries({ ...chart.partials, ...chart.templates })) {
    for (const reason of lintTemplate(source)) lint.push({ path: "", message: `template ${name}: ${reason}` });
  }
  if (lint.length) throw new VmTemplateError("RENDER", lint);
  env.registerHelper(helpers as Handlebars.HelperDeclareSpec);
  for (const [name, source] of Object.entries(chart.partials)) env.registerPartial(name, source);
  // strict: a value a template names but the values lack is an error, not an empty string.
  // noEscape: HTML escaping is wrong for YAML; the lint above ensures every print goes through yaml/toYaml.
  const options = { strict: true, noEscape: true };
  const compiled = Object.keys(chart.templates)
    .sort()
    .map((name) => {
      const template = env.compile(chart.templates[name]!, options);
      return { name, run: (values: Values) => template(values) };
    });
  compiledCharts.set(chart, compiled);
  return compiled;
}

/** LF endings, no blank lines at either end, exactly one trailing newline; "" when nothing is left. */
function normalize(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n").map((l) => l.replace(/[ \t]+$/, ""));
  while (lines.length && lines[0] === "") lines.shift();
  while (lines.length && lines[lines.length - 1] === "") lines.pop();
  return lines.length ? `${lines.join("\n")}\n` : "";
}
