/**
 * The fields of Istio's ProxyConfig (message ProxyConfig in mesh/v1alpha1/proxy.proto of istio/api,
 * b8f8791d9), by proto name, with the JSON name jsonpb writes. istioctl applies the mesh config's
 * `defaultConfig` and each `proxy.istio.io/config` annotation with jsonpb (pkg/util/protomarshal
 * ApplyYAML), which accepts either name and replaces the whole field; mesh.yaml is written with the
 * JSON names (protomarshal.ToJSONMap). An unknown name istioctl silently drops (ApplyJSON retries
 * with AllowUnknownFields); vm-template refuses it, so a typo cannot vanish.
 */
const PROTO_NAMES = [
  "config_path", "binary_path", "service_cluster", "tracing_service_name", "drain_duration", "discovery_address",
  "discovery_refresh_delay", "zipkin_address", "statsd_udp_address", "envoy_metrics_service_address", "proxy_admin_port",
  "availability_zone", "control_plane_auth_policy", "custom_config_file", "stat_name_length", "concurrency",
  "proxy_bootstrap_template_path", "interception_mode", "tracing", "sds", "envoy_access_log_service",
  "envoy_metrics_service", "proxy_metadata", "runtime_values", "status_port", "extra_stat_tags", "gateway_topology",
  "termination_drain_duration", "mesh_id", "readiness_probe", "proxy_stats_matcher",
  "hold_application_until_proxy_starts", "ca_certificates_pem", "image", "private_key_provider", "proxy_headers",
  "file_flush_interval", "file_flush_min_size_kb", "stats_compression", "connection_settings",
];

/** protoc's JSON name: each `_x` becomes `X`. */
const jsonName = (proto: string) => proto.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

const BY_NAME = new Map<string, string>();
for (const proto of PROTO_NAMES) {
  BY_NAME.set(proto, jsonName(proto));
  BY_NAME.set(jsonName(proto), jsonName(proto));
}

/** The JSON name of a ProxyConfig field given by either name, or undefined when ProxyConfig has no such field. */
export function proxyConfigField(name: string): string | undefined {
  return BY_NAME.get(name);
}
