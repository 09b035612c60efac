import { isDeepStrictEqual } from "node:util";
import { load, CORE_SCHEMA, YAML11_SCHEMA } from "js-yaml";
import { isMap, setKey } from "../../values/objects.js";
import { proxyConfigField } from "./proxyConfigFields.js";
import { shellValueProblem } from "./shellEscape.js";

/** The annotation istioctl reads as a ProxyConfig overlay (istio.io/api annotation.ProxyConfig). */
export const PROXY_CONFIG_ANNOTATION = "proxy.istio.io/config";

const LIMITS = { maxAliases: 100, maxDepth: 50 };

/**
 * A ProxyConfig given as YAML text (the annotation) or as an object (the mesh config's
 * defaultConfig), read as istioctl reads it: sigs.k8s.io/yaml (YAML 1.1 scalars, as go-yaml v2)
 * then jsonpb, whose fields may be named either way and whose `null` fields are skipped. Returns
 * the fields by JSON name, or the reason it is not a ProxyConfig istioctl would accept.
 */
export function readProxyConfig(source: string | Record<string, unknown>): { fields: Record<string, unknown> } | { error: string } {
  let doc: unknown = source;
  if (typeof source === "string") {
    try {
      doc = load(source, { schema: YAML11_SCHEMA, ...LIMITS });
      // What the user sees (YAML 1.2) must be what istioctl reads: `N:` or `on: yes` is a boolean to it.
      if (!isDeepStrictEqual(load(source, { schema: CORE_SCHEMA, ...LIMITS }), doc)) {
        return { error: "YAML 1.1 (istioctl's go-yaml) reads it differently from YAML 1.2: quote keys and values such as y, n, yes, no, on, off and 0777" };
      }
    } catch (e) {
      return { error: `not valid YAML: ${String((e as Error).message).split("\n")[0]}` };
    }
  }
  // An empty annotation is JSON null, which jsonpb treats as nothing to apply.
  if (doc === null || doc === undefined) return { fields: {} };
  if (!isMap(doc)) return { error: `must be a ProxyConfig mapping (got ${Array.isArray(doc) ? "a list" : typeof doc})` };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) {
    const name = proxyConfigField(key);
    if (!name) return { error: `${JSON.stringify(key)} is not a ProxyConfig field (mesh/v1alpha1/proxy.proto)` };
    if (value === null) continue;
    const notJson = firstNonJson(value);
    if (notJson) return { error: `${key}: ${notJson}` };
    if (name === "proxyMetadata") {
      if (!isMap(value)) return { error: "proxyMetadata must be a map of strings" };
      const bad = Object.entries(value).find(([, v]) => typeof v !== "string");
      if (bad) return { error: `proxyMetadata.${bad[0]} must be a string, as map<string, string> in ProxyConfig (got ${JSON.stringify(bad[1])}; quote it)` };
      // Each becomes a line of cluster.env, which istioctl writes as `NAME=<quoted value>`.
      const badName = Object.keys(value).find((k) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(k));
      if (badName !== undefined) return { error: `proxyMetadata: ${JSON.stringify(badName)} is not an environment variable name (letters, digits and '_', not starting with a digit), as cluster.env needs` };
      for (const [k, v] of Object.entries(value)) {
        const problem = shellValueProblem(v as string);
        if (problem) return { error: `proxyMetadata.${k}: ${problem}` };
      }
    }
    // Fields that reach cluster.env besides proxyMetadata (ISTIO_META_MESH_ID, ISTIO_LOCAL_EXCLUDE_PORTS).
    if (name === "meshId" && (typeof value !== "string" || shellValueProblem(value))) return { error: `meshId must be text cluster.env can carry (got ${JSON.stringify(value)})` };
    if (name === "statusPort" && (!Number.isInteger(value) || (value as number) < 1 || (value as number) > 65535)) return { error: `statusPort must be a port number from 1 to 65535 (got ${JSON.stringify(value)})` };
    setKey(fields, name, value);
  }
  return { fields };
}

function firstNonJson(v: unknown): string | undefined {
  if (v instanceof Date) return "a timestamp is not a ProxyConfig value; quote it";
  if (v instanceof Uint8Array) return "binary data is not a ProxyConfig value";
  if (typeof v === "number" && !Number.isFinite(v)) return "not a finite number";
  if (Array.isArray(v)) return v.map(firstNonJson).find(Boolean);
  if (isMap(v)) return Object.values(v).map(firstNonJson).find(Boolean);
  return undefined;
}
