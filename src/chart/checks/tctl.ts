import type { Problem } from "../../errors.js";
import { isMap, joinPath, type Values } from "../../values/objects.js";
import { envFileSafe } from "../../render/helpers/envLine.js";
import { parseProxyConfigAnnotation } from "../tctl/proxyConfig.js";

type Path = (string | number)[];

/**
 * `tctl x sidecar-bootstrap`'s refusals and what its files need, for the values that feed them
 * (the rest is in the schema: an IP address, which is also tctl's INSTANCE_IP when there is no
 * proxy-instance-ip, a service account, jwtPolicy third-party-jwt, pilotCertProvider istiod):
 * - a proxy.istio.io/config annotation must be a ProxyConfig ("failed to unmarshal ProxyConfig
 *   from proxy.istio.io/config annotation", ForWorkload in bundle/data.go);
 * - every text that reaches sidecar.env must read the same through `docker run --env-file` and
 *   Compose's env_file, and what reaches the compose file must hold no `$` (Compose expands it).
 */
export function tctlChecks(values: Values): Problem[] {
  const problems: Problem[] = [];
  const mesh = values.mesh as Record<string, unknown> | undefined;
  const config = (mesh?.meshConfig as Record<string, unknown> | undefined)?.defaultConfig;
  if (config !== undefined) problems.push(...proxyConfigText(config, ["mesh", "meshConfig", "defaultConfig"]));
  if (mesh?.expansionProxyConfig !== undefined) problems.push(...proxyConfigText(mesh.expansionProxyConfig, ["mesh", "expansionProxyConfig"]));
  const we = values.workloadEntry as { annotations?: Record<string, string> } | undefined;
  if (we?.annotations) problems.push(...annotationProblems(we.annotations, ["workloadEntry", "annotations"]));
  return problems;
}

function annotationProblems(annotations: Record<string, string>, at: Path): Problem[] {
  const problems: Problem[] = [];
  for (const [name, value] of Object.entries(annotations)) {
    const path = joinPath([...at, name]);
    if (name === "proxy.istio.io/config") {
      const { config, problem } = parseProxyConfigAnnotation(value);
      if (problem) {
        problems.push({ path, message: `${problem} (got ${JSON.stringify(value)})` });
        continue;
      }
      if (config) problems.push(...proxyConfigText(config, [...at, name]).map((p) => ({ path, message: p.message })));
    }
    // Every istio.io/ annotation reaches sidecar.env as JSON (ISTIO_METAJSON_ISTIO_ANNOTATIONS).
    if (name.includes("istio.io/")) {
      const why = jsonTextProblem(value);
      if (why) problems.push({ path, message: `${why} (got ${JSON.stringify(value)})` });
    }
  }
  return problems;
}

/** Texts of a ProxyConfig: in PROXY_CONFIG's JSON, and proxyMetadata values as lines of their own. */
function proxyConfigText(config: unknown, at: Path): Problem[] {
  const problems: Problem[] = [];
  const walk = (v: unknown, path: Path) => {
    if (typeof v === "string") {
      const metadata = path.length === at.length + 2 && path[at.length] === "proxyMetadata";
      const why = metadata ? (envFileSafe(v) ? undefined : "would read differently through docker run --env-file and Compose's env_file (one line, no '$', no '#', no control character but tab, not starting with a space or quote, no space at the end)") : jsonTextProblem(v);
      if (why) problems.push({ path: joinPath(path), message: `${why} (got ${JSON.stringify(v)})` });
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (isMap(v)) for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(config, at);
  return problems;
}

/** A text inside JSON on a sidecar.env line: JSON escapes line breaks, quotes and control characters, not '$' or '#'. */
function jsonTextProblem(v: string): string | undefined {
  if (v.includes("$")) return "reaches sidecar.env and may not hold '$' (Compose's env_file expands it)";
  if (v.includes("#")) return "reaches sidecar.env and may not hold '#' (Compose's env_file reads a comment there: after a space, and in Compose v2 before compose-go v1.6.0 anywhere)";
  if (/[\v\f\u0085]/.test(v)) return "reaches sidecar.env and may not hold a vertical tab, form feed or NEL (Python reads a line break there)";
  return undefined;
}
