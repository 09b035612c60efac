import { load, YAML11_SCHEMA } from "js-yaml";
import { isMap, setKey } from "../../values/objects.js";
import { proxyConfigField } from "./proxyConfigFields.js";

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
      const nul = Object.entries(value).find(([, v]) => (v as string).includes("\0"));
      if (nul) return { error: `proxyMetadata.${nul[0]}: a NUL character cannot be an environment variable's value` };
    }
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
