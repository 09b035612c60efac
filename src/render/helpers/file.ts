import type { HelperOptions } from "handlebars";

/** What `{{#file}}` blocks hand to renderChart: the block's text, once, and the paths it goes to. */
export interface FileBlock {
  paths: string[];
  content: string;
}

/**
 * `{{#file (concat "services/" name "/sidecar.yaml")}}…{{/file}}`: the block's text becomes a
 * file of its own at that path. This is how one template renders a file per service or per VM of
 * a fleet. Given a list of paths, `{{#file (eachPath …)}}`, the block is rendered once and the same
 * text goes to each: the files every VM of a group shares are made once per group, and the block
 * cannot tell the VMs apart, since no VM's own values are in its scope. The path rules are
 * checked by renderChart.
 */
export function file(this: unknown, path: unknown, options: HelperOptions): string {
  const blocks = (options.data as { blocks?: FileBlock[] } | undefined)?.blocks;
  if (!blocks) throw new Error("file: used outside a render");
  const paths = Array.isArray(path) ? path : [path];
  const wrong = paths.find((p) => typeof p !== "string");
  if (wrong !== undefined || paths.length === 0) throw new Error(`file: the path must be a string or a non-empty list of strings (got ${paths.length === 0 ? "an empty list" : typeof wrong})`);
  blocks.push({ paths: paths as string[], content: options.fn(this) });
  return "";
}
