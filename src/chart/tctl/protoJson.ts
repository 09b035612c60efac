import { goJsonString } from "../workloadGroup/goJson.js";

/**
 * ProxyConfig as `jsonpb.Marshaler{}.MarshalToString` writes it (gogo/protobuf, what tctl uses for
 * PROXY_CONFIG): fields in the order the proto declares them (istio/api mesh/v1alpha1/proxy.proto),
 * scalars at their zero value left out, messages kept even when empty, map keys sorted, strings
 * escaped as Go's encoding/json escapes them.
 */

type Kind = "string" | "int" | "bool" | "enum" | "duration" | "message" | "map" | "list" | "int32Value" | "boolValue";

/** ProxyConfig's fields in declaration order, with their kind. */
export const PROXY_CONFIG_FIELDS: [name: string, kind: Kind][] = [
  ["configPath", "string"], ["binaryPath", "string"], ["serviceCluster", "string"], ["tracingServiceName", "enum"],
  ["drainDuration", "duration"], ["parentShutdownDuration", "duration"], ["discoveryAddress", "string"],
  ["discoveryRefreshDelay", "duration"], ["zipkinAddress", "string"], ["statsdUdpAddress", "string"],
  ["envoyMetricsServiceAddress", "string"], ["proxyAdminPort", "int"], ["availabilityZone", "string"],
  ["controlPlaneAuthPolicy", "enum"], ["customConfigFile", "string"], ["statNameLength", "int"],
  ["concurrency", "int32Value"], ["proxyBootstrapTemplatePath", "string"], ["interceptionMode", "enum"],
  ["tracing", "message"], ["sds", "message"], ["envoyAccessLogService", "message"], ["envoyMetricsService", "message"],
  ["proxyMetadata", "map"], ["runtimeValues", "map"], ["statusPort", "int"], ["extraStatTags", "list"],
  ["gatewayTopology", "message"], ["terminationDrainDuration", "duration"], ["meshId", "string"],
  ["readinessProbe", "message"], ["proxyStatsMatcher", "message"], ["holdApplicationUntilProxyStarts", "boolValue"],
  ["caCertificatesPem", "list"], ["image", "message"], ["privateKeyProvider", "message"], ["proxyHeaders", "message"],
  ["fileFlushInterval", "duration"], ["fileFlushMinSizeKb", "int"], ["statsCompression", "message"], ["connectionSettings", "message"],
];

/** Field order of the nested messages tctl's goldens show (Tracing, RemoteService, ClientTLSSettings, TcpKeepalive). */
const NESTED_ORDER: string[][] = [
  ["zipkin", "lightstep", "datadog", "stackdriver", "openCensusAgent", "customTags", "maxPathTagLength", "sampling", "tlsSettings"],
  ["address", "tlsSettings", "tcpKeepalive"],
  ["mode", "clientCertificate", "privateKey", "caCertificates", "credentialName", "subjectAltNames", "sni", "insecureSkipVerify", "caCrl"],
  ["probes", "time", "interval"],
];

/** Each enum field's value 0, which jsonpb leaves out like any zero. */
const ENUM_ZERO: Record<string, string> = { tracingServiceName: "APP_LABEL_AND_NAMESPACE", controlPlaneAuthPolicy: "NONE", interceptionMode: "REDIRECT" };

export function proxyConfigJson(pc: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [name, kind] of PROXY_CONFIG_FIELDS) {
    const v = pc[name];
    if (v === undefined || v === null) continue;
    if (kind === "map") {
      if (Object.keys(v as object).length) parts.push(`${goJsonString(name)}:${nested(v, true)}`);
      continue;
    }
    if (kind === "message" || kind === "int32Value" || kind === "boolValue" || kind === "duration") {
      parts.push(`${goJsonString(name)}:${nested(v, false)}`);
      continue;
    }
    if (isZero(v) || (kind === "enum" && ENUM_ZERO[name] === v)) continue;
    parts.push(`${goJsonString(name)}:${nested(v, false)}`);
  }
  // A field this table lacks is kept, after the known ones, rather than dropped.
  const known = new Set(PROXY_CONFIG_FIELDS.map(([name]) => name));
  for (const name of Object.keys(pc).sort()) {
    if (!known.has(name) && pc[name] !== undefined && pc[name] !== null) parts.push(`${goJsonString(name)}:${nested(pc[name], false)}`);
  }
  return `{${parts.join(",")}}`;
}

function isZero(v: unknown): boolean {
  return v === "" || v === 0 || v === false || (Array.isArray(v) && v.length === 0);
}

function nested(v: unknown, sortKeys: boolean): string {
  if (typeof v === "string") return goJsonString(v);
  if (typeof v === "number" || typeof v === "boolean") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map((x) => nested(x, false)).join(",")}]`;
  if (v && typeof v === "object") {
    const obj = v as Record<string, unknown>;
    const keys = Object.keys(obj).filter((k) => obj[k] !== undefined && obj[k] !== null && !isZero(obj[k]));
    const order = sortKeys ? undefined : NESTED_ORDER.find((o) => keys.every((k) => o.includes(k)));
    keys.sort(order ? (a, b) => order.indexOf(a) - order.indexOf(b) : undefined);
    return `{${keys.map((k) => `${goJsonString(k)}:${nested(obj[k], false)}`).join(",")}}`;
  }
  return "null";
}
