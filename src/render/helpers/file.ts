import type { HelperOptions } from "handlebars";
import type { RenderedFile } from "../renderChart.js";

/**
 * `{{#file (concat "vms/" name "/docker-compose.yaml")}}…{{/file}}`: the block's text becomes a
 * file of its own at that path. This is how one template renders a file per VM or per service
 * of a fleet; the path rules are checked by renderChart.
 */
export function file(this: unknown, path: unknown, options: HelperOptions): string {
  const files = (options.data as { files?: RenderedFile[] } | undefined)?.files;
  if (!files) throw new Error("file: used outside a render");
  if (typeof path !== "string") throw new Error(`file: the path must be a string (got ${typeof path})`);
  files.push({ path, content: options.fn(this) });
  return "";
}
