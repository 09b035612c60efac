import type { RenderedFile } from "../render/renderChart.js";
import { requireFiles, requireString, requireStringList } from "../arguments.js";
import { fileKind } from "./fileKinds.js";

/**
 * Whether a file is a Kubernetes resource `kubectl apply` can take: a YAML document with a
 * top-level apiVersion and kind. A Kustomization is kustomize's own input, not a resource: the
 * API server has no such kind (`kubectl apply -k` reads it, `-f` would send it). Compose files,
 * env and hosts files have no kind at all.
 */
export function isKubernetesResource(file: RenderedFile): boolean {
  if (fileKind(file.path) !== "yaml") return false;
  const apiVersion = /^apiVersion: *(\S+)/m.exec(file.content)?.[1];
  return apiVersion !== undefined && /^kind: *\S/m.test(file.content) && !apiVersion.startsWith("kustomize.config.k8s.io/");
}

/**
 * All files as one stream `kubectl apply -f -` accepts, as `helm template` prints them: `---`,
 * `# Source: <chart>/<file>`, the file. A file that is not a Kubernetes resource (compose, env,
 * hosts, kustomization) is shown as comment lines: kubectl skips a document of comments, and
 * would refuse one without apiVersion and kind.
 */
export function formatStream(chartName: string, files: readonly RenderedFile[]): string {
  requireString(chartName, "chartName");
  requireFiles(files, "files");
  return files
    .map((f) => {
      const body = isKubernetesResource(f) ? f.content : f.content.replace(/^(?!#)/gm, "# ").replace(/# $/, "");
      return `---\n# Source: ${chartName}/${f.path}\n${body}`;
    })
    .join("");
}

/**
 * Keeps the files `--show-only` names, each name as Helm's `# Source:` line shows it
 * (`<chart>/<file>`, which `helm template --show-only` takes as `templates/<file>`) or as a path:
 * a file, a folder (every file under it), or a glob (`*` within a path segment, `**` across
 * them, `?` one character). Names that select nothing come back as `missing`.
 */
export function selectFiles(files: readonly RenderedFile[], names: readonly string[], chartName = "vm-template"): { files: RenderedFile[]; missing: string[] } {
  requireFiles(files, "files");
  requireStringList(names, "names");
  requireString(chartName, "chartName");
  if (names.length === 0) return { files: [...files], missing: [] };
  const keep = new Set<string>();
  const missing: string[] = [];
  for (const name of names) {
    const ways = matchers(name, chartName);
    const matches = files.filter((f) => ways.some((m) => m(f.path)));
    if (matches.length === 0) missing.push(name);
    for (const f of matches) keep.add(f.path);
  }
  return { files: files.filter((f) => keep.has(f.path)), missing };
}

/** The ways a --show-only name can match a path: after taking off `./`, `<chart>/` or `templates/`. */
function matchers(name: string, chartName: string): ((path: string) => boolean)[] {
  const bare = name.replace(/^\.\//, "");
  const candidates = new Set([bare]);
  for (const prefix of [`${chartName}/`, "templates/", `${chartName}/templates/`]) if (bare.startsWith(prefix)) candidates.add(bare.slice(prefix.length));
  return [...candidates].flatMap((c) => {
    const folder = c.replace(/\/+$/, "");
    const byPath = (path: string) => path === c || (folder !== "" && path.startsWith(`${folder}/`));
    return /[*?]/.test(c) ? [byPath, globMatcher(c)] : [byPath];
  });
}

function globMatcher(glob: string): (path: string) => boolean {
  let source = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*" && glob[i + 1] === "*") {
      // `**/` matches no folder or any number of them; a trailing `**` everything below.
      if (glob[i + 2] === "/") (source += "(?:.*/)?"), (i += 2);
      else (source += ".*"), (i += 1);
    } else if (c === "*") source += "[^/]*";
    else if (c === "?") source += "[^/]";
    else source += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  const re = new RegExp(`^${source}(?:/.*)?$`);
  return (path) => re.test(path);
}
