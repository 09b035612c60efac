/** The protocols a decoupled upstream may speak (the schema's upstreamProtocol). */
export type UpstreamProtocol = "HTTP" | "HTTP2" | "GRPC" | "TCP";

/**
 * The ALPN list an Istio sidecar offers for in-mesh mTLS, by protocol, which is what a plain
 * Envoy must offer too so that the destination's inbound chain for Istio mTLS matches:
 * - HTTP/1.1: `istio-http/1.1, istio, http/1.1` and HTTP/2 (HTTP2, GRPC): `istio-h2, istio, h2`,
 *   the values Istio's `istio.alpn` filter writes over the cluster's list
 *   (mtlsHTTP11ALPN, mtlsHTTP2ALPN in pilot/pkg/xds/filters/filters.go);
 * - TCP: `istio` (ALPNInMesh in pilot/pkg/networking/util/util.go).
 * Never `istio-peer-exchange` (ALPNInMeshWithMxc): a destination that negotiates it expects the
 * metadata-exchange filter's bytes at the start of the stream, which a plain Envoy does not send.
 */
export function upstreamAlpn(protocol: UpstreamProtocol): string[] {
  switch (protocol) {
    case "HTTP":
      return ["istio-http/1.1", "istio", "http/1.1"];
    case "HTTP2":
    case "GRPC":
      return ["istio-h2", "istio", "h2"];
    case "TCP":
      return ["istio"];
  }
}

/** HTTP2 and GRPC need HTTP/2 to the destination: gRPC has no HTTP/1.1 form. */
export function usesHttp2(protocol: UpstreamProtocol): boolean {
  return protocol === "HTTP2" || protocol === "GRPC";
}

/** Every protocol but TCP goes through Envoy's HTTP connection manager. */
export function isHttp(protocol: UpstreamProtocol): boolean {
  return protocol !== "TCP";
}
