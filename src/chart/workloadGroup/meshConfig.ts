import { isMap, setKey } from "../../values/objects.js";
import { goJsonString, goJsonStringMap } from "./goJson.js";
import { istiodAddr, isRevisioned } from "./istiod.js";
import { PROXY_CONFIG_ANNOTATION, readProxyConfig } from "./proxyConfigAnnotation.js";
import type { ConfigureFlags, MeshInput, WorkloadGroupInput } from "./types.js";

/** Istio's canonical-service labels (pkg/kube/labels/labels.go, nameLabels and revisionLabels). */
const NAME_LABELS = ["service.istio.io/canonical-name", "app.kubernetes.io/name", "app"];
const REVISION_LABELS = ["service.istio.io/canonical-revision", "app.kubernetes.io/version", "version"];

/**
 * The ProxyConfig istioctl writes as `defaultConfig` of the VM's mesh.yaml, and whose
 * proxyMetadata becomes cluster.env: a port of `createMeshConfig` in
 * istioctl/pkg/workload/workload.go (istio/istio 86c9f01fd73).
 *
 * - It starts from the mesh config as the cluster holds it (ConfigMap `istio`, key `mesh`), not
 *   from Istio's mesh defaults: istioctl applies the ConfigMap's text to an empty MeshConfig, so a
 *   field the ConfigMap leaves out (trustDomain, meshId) is "" here too.
 * - Then `proxy.istio.io/config` of the WorkloadGroup, then of its spec.metadata, each through
 *   jsonpb: every field given replaces the field whole; proxyMetadata alone is merged key by key.
 * - The readiness probe is the group's (none if it has none), then istioctl's own metadata.
 *
 * One deviation: when the mesh config has a `defaultConfig` without proxyMetadata and an
 * annotation brings proxyMetadata, istioctl writes into a nil Go map and panics; here the
 * annotation's metadata is kept, as when the mesh config has some.
 */
export function createMeshConfig(group: WorkloadGroupInput, mesh: MeshInput, flags: ConfigureFlags): Record<string, unknown> {
  const meshDefault = mesh.meshConfig.defaultConfig;
  // jsonpb replaces a message field given in the JSON with a fresh one, so the initial empty
  // proxyMetadata survives only when the ConfigMap has no defaultConfig at all.
  const config: Record<string, unknown> = isMap(meshDefault) ? overlay({}, meshDefault, "mesh.meshConfig.defaultConfig") : { proxyMetadata: {} };
  if (isRevisioned(mesh.revision) && !config.discoveryAddress) config.discoveryAddress = istiodAddr(mesh.systemNamespace, mesh.revision);

  const proxyMetadata: Record<string, string> = { ...(config.proxyMetadata as Record<string, string> | undefined) };
  for (const [where, annotations] of [["annotations", group.annotations], ["metadata.annotations", group.metadata.annotations]] as const) {
    const text = annotations[PROXY_CONFIG_ANNOTATION];
    if (text === undefined) continue;
    overlay(config, text, `workloadGroup.${where}`);
    for (const [k, v] of Object.entries((config.proxyMetadata ?? {}) as Record<string, string>)) setKey(proxyMetadata, k, v);
  }

  // WorkloadEntry template labels override the group's metadata labels (istioctl prints a warning).
  const labels: Record<string, string> = {};
  for (const [k, v] of [...Object.entries(group.metadata.labels), ...Object.entries(group.template.labels)]) setKey(labels, k, v);

  if (group.probe) config.readinessProbe = protoJson(group.probe);
  else delete config.readinessProbe;

  const md = proxyMetadata;
  const [service, revision] = canonicalService(labels, group.name);
  md.CANONICAL_SERVICE = service;
  md.CANONICAL_REVISION = revision;
  md.POD_NAMESPACE = group.namespace;
  md.SERVICE_ACCOUNT = group.template.serviceAccount;
  md.TRUST_DOMAIN = typeof mesh.meshConfig.trustDomain === "string" ? mesh.meshConfig.trustDomain : "";
  md.ISTIO_META_CLUSTER_ID = mesh.clusterID;
  md.ISTIO_META_MESH_ID = typeof config.meshId === "string" ? config.meshId : "";
  md.ISTIO_META_NETWORK = group.template.network ?? "";
  const podPorts = podPortsJson(group.template.ports);
  if (podPorts) md.ISTIO_META_POD_PORTS = podPorts;
  md.ISTIO_META_WORKLOAD_NAME = group.name;
  setKey(labels, "service.istio.io/canonical-name", service);
  setKey(labels, "service.istio.io/canonical-revision", revision);
  md.ISTIO_METAJSON_LABELS = goJsonStringMap(labels);
  // Only when on: with --capture-dns=false the mesh config's own value, if any, stays.
  if (flags.captureDNS) md.ISTIO_META_DNS_CAPTURE = "true";
  if (flags.autoRegister) md.ISTIO_META_AUTO_REGISTER_GROUP = group.name;
  config.proxyMetadata = md;
  return config;
}

/** jsonpb's ApplyJSON onto `config`: each field present replaces the field whole; an error is a bug in the checks. */
function overlay(config: Record<string, unknown>, source: string | Record<string, unknown>, where: string): Record<string, unknown> {
  const read = readProxyConfig(source);
  if ("error" in read) throw new Error(`${where}: ${read.error}`);
  for (const [k, v] of Object.entries(read.fields)) setKey(config, k, dropNulls(v));
  return config;
}

/** labels.CanonicalService: the first name label present, else the workload name; the first revision label, else "latest". */
export function canonicalService(labels: Record<string, string>, workloadName: string): [string, string] {
  const first = (keys: string[]) => keys.find((k) => Object.prototype.hasOwnProperty.call(labels, k));
  const name = first(NAME_LABELS);
  const rev = first(REVISION_LABELS);
  return [name === undefined ? workloadName : labels[name]!, rev === undefined ? "latest" : labels[rev]!];
}

/**
 * marshalWorkloadEntryPodPorts: model.PodPort entries sorted by name, as Go's json.Marshal writes
 * them (`protocol` is always there, empty); "" when there are no ports.
 */
export function podPortsJson(ports: Record<string, number>): string {
  const names = Object.keys(ports).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (names.length === 0) return "";
  return `[${names.map((n) => `{"name":${goJsonString(n)},"containerPort":${ports[n]},"protocol":""}`).join(",")}]`;
}

/**
 * A message as jsonpb writes it (protomarshal.ToJSONMap): fields at their zero value ("", 0,
 * false, empty lists and maps) are left out.
 */
function protoJson(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(protoJson);
  if (!isMap(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const y = protoJson(x);
    if (y === "" || y === 0 || y === false || y === null || y === undefined) continue;
    if ((Array.isArray(y) && y.length === 0) || (isMap(y) && Object.keys(y).length === 0)) continue;
    setKey(out, k, y);
  }
  return out;
}

function dropNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(dropNulls);
  if (!isMap(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (x !== null) setKey(out, k, dropNulls(x));
  return out;
}
