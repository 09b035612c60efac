import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { render, validateValues, VmTemplateError, type Values } from "../src/index.js";
import { AUTO_PASSTHROUGH_ALPNS, autoPassthroughSni, gatewayHostAdmits } from "../src/chart/decoupled/sni.js";
import { upstreamAlpn } from "../src/chart/decoupled/alpn.js";
import { namespaceOfServiceHost, parseSpiffeId, principal, spiffeId } from "../src/chart/decoupled/identity.js";
import { envoyValidator, hasEnvoyValidator, projectRoot, reference } from "./envoyReference.js";

/** The smallest decoupled values: one HTTP upstream, everything else defaulted. */
export function decoupledValues(extra: Record<string, unknown> = {}): Values {
  return {
    decoupled: {
      identity: { namespace: "legacy", serviceAccount: "billing" },
      gateway: { address: "203.0.113.10" },
      upstreams: [{ host: "reviews.bookinfo.svc.cluster.local", port: 9080, protocol: "HTTP" }],
      ...extra,
    },
  };
}

const files = (values: Values) => new Map(render({ values }).files.map((f) => [f.path, f.content]));
const yamlOf = (values: Values, path: string): any => load(files(values).get(path)!);

function problemPaths(values: Values): string[] {
  try {
    render({ values });
  } catch (e) {
    expect(e).toBeInstanceOf(VmTemplateError);
    expect((e as VmTemplateError).code).toBe("SCHEMA");
    return (e as VmTemplateError).problems.map((p) => p.path);
  }
  return [];
}

describe("the gateway's SNI (istio/istio pilot/pkg/model/service.go BuildDNSSrvSubsetKey)", () => {
  it.each([
    // The example and BuildDNSSrvSubsetKey(TrafficDirectionOutbound, "", host, port).
    ["reviews.bookinfo.svc.cluster.local", 9080, "", "outbound_.9080_._.reviews.bookinfo.svc.cluster.local"],
    ["db.data.svc.cluster.local", 5432, "", "outbound_.5432_._.db.data.svc.cluster.local"],
    // A DestinationRule subset gets a chain of its own (builtAutoPassthroughFilterChains).
    ["reviews.bookinfo.svc.cluster.local", 9080, "v2", "outbound_.9080_.v2_.reviews.bookinfo.svc.cluster.local"],
  ])("%s:%d subset %j -> %s", (host, port, subset, sni) => {
    expect(autoPassthroughSni(host, port, subset)).toBe(sni);
  });

  // host.Name.SubsetOf, as the gateway compares a service with the server's hosts.
  it.each([
    ["*.local", "reviews.bookinfo.svc.cluster.local", true],
    ["*.local", "reviews.bookinfo", false],
    ["*.local", "billing.example.com", false],
    ["*", "billing.example.com", true],
    ["reviews.bookinfo.svc.cluster.local", "reviews.bookinfo.svc.cluster.local", true],
    ["*.bookinfo.svc.cluster.local", "ratings.other.svc.cluster.local", false],
  ])("gateway host %s admits %s: %s", (gatewayHost, host, admits) => {
    expect(gatewayHostAdmits(gatewayHost, host)).toBe(admits);
  });
});

describe("ALPN per protocol (pilot/pkg/xds/filters/filters.go mtlsHTTP11ALPN, mtlsHTTP2ALPN; pilot/pkg/networking/util/util.go ALPNInMesh)", () => {
  it.each([
    ["HTTP", ["istio-http/1.1", "istio", "http/1.1"]],
    ["HTTP2", ["istio-h2", "istio", "h2"]],
    ["GRPC", ["istio-h2", "istio", "h2"]],
    ["TCP", ["istio"]],
  ] as const)("%s -> %j", (protocol, alpn) => {
    expect(upstreamAlpn(protocol)).toEqual(alpn);
  });

  it.each(["HTTP", "HTTP2", "GRPC", "TCP"] as const)("%s reaches an AUTO_PASSTHROUGH chain (allIstioMtlsALPNs, listener.go) without offering istio-peer-exchange", (protocol) => {
    const alpn = upstreamAlpn(protocol);
    expect(alpn.some((a) => AUTO_PASSTHROUGH_ALPNS.includes(a))).toBe(true);
    expect(alpn).not.toContain("istio-peer-exchange");
  });
});

describe("identities (pkg/spiffe/spiffe.go genSpiffeURI, ParseIdentity)", () => {
  const id = { trustDomain: "cluster.local", namespace: "legacy", serviceAccount: "billing" };
  it("the URI SAN and the AuthorizationPolicy principal (no spiffe://)", () => {
    expect(spiffeId(id)).toBe("spiffe://cluster.local/ns/legacy/sa/billing");
    expect(principal(id)).toBe("cluster.local/ns/legacy/sa/billing");
    expect(parseSpiffeId(spiffeId(id))).toEqual(id);
  });
  it.each(["cluster.local/ns/a/sa/b", "spiffe://td/ns/a/sa/b/c", "spiffe://td/namespace/a/sa/b", "spiffe://td/ns/a/serviceaccount/b"])("%s is no Istio identity", (uri) => {
    expect(parseSpiffeId(uri)).toBeUndefined();
  });
  it.each([
    ["reviews.bookinfo.svc.cluster.local", "bookinfo"],
    ["reviews.bookinfo.svc.corp.example", "bookinfo"],
    ["billing.example.local", undefined],
    ["reviews.bookinfo", undefined],
  ])("the namespace of %s is %s", (host, ns) => {
    expect(namespaceOfServiceHost(host)).toBe(ns);
  });
});

describe("decoupled values: errors name the paths", () => {
  const up = (u: Record<string, unknown>) => ({ port: 9080, protocol: "HTTP", host: "reviews.bookinfo.svc.cluster.local", ...u });
  it.each<[string, Values, string[]]>([
    ["a short host name", decoupledValues({ upstreams: [up({ host: "reviews" })] }), ["decoupled.upstreams[0].host"]],
    ["a host the gateway's *.local does not admit", decoupledValues({ upstreams: [up({ host: "reviews.bookinfo.svc" })] }), ["decoupled.upstreams[0].host"]],
    ["a trailing dot", decoupledValues({ upstreams: [up({ host: "reviews.bookinfo.svc.cluster.local." })] }), ["decoupled.upstreams[0].host"]],
    ["UDP, which AUTO_PASSTHROUGH skips", decoupledValues({ upstreams: [up({ protocol: "UDP" })] }), ["decoupled.upstreams[0].protocol"]],
    ["HTTPS", decoupledValues({ upstreams: [up({ protocol: "HTTPS" })] }), ["decoupled.upstreams[0].protocol"]],
    ["two upstreams on one socket", decoupledValues({ upstreams: [up({}), up({ host: "ratings.bookinfo.svc.cluster.local" })] }), ["decoupled.upstreams[1].port"]],
    ["0.0.0.0 and 127.0.0.1 on one port", decoupledValues({ envoy: { forwardingProxy: true }, upstreams: [up({ listen: "0.0.0.0:80" }), up({ host: "ratings.bookinfo.svc.cluster.local", listen: "127.0.0.1:80" })] }), ["decoupled.upstreams[1].listen"]],
    ["the same service port twice", decoupledValues({ upstreams: [up({}), up({ listen: "127.0.0.2:9080" })] }), ["decoupled.upstreams[1]"]],
    ["a listener on the admin port", decoupledValues({ upstreams: [up({ port: 15000 })] }), ["decoupled.upstreams[0].port"]],
    ["a listener on a moved admin port", decoupledValues({ envoy: { adminPort: 9080 } }), ["decoupled.upstreams[0].port"]],
    ["beyond loopback without forwardingProxy", decoupledValues({ upstreams: [up({ listen: "10.0.0.5:9080" })] }), ["decoupled.upstreams[0].listen"]],
    ["a listen address that is no IP", decoupledValues({ upstreams: [up({ listen: "300.0.0.1:9080" })] }), ["decoupled.upstreams[0].listen"]],
    ["a listen host name", decoupledValues({ upstreams: [up({ listen: "localhost:9080" })] }), ["decoupled.upstreams[0].listen"]],
    ["an identity of another trust domain", decoupledValues({ upstreams: [up({ serviceAccount: "spiffe://other.example/ns/bookinfo/sa/reviews" })] }), ["decoupled.upstreams[0].serviceAccount"]],
    ["a service account where the host names no namespace", decoupledValues({ gateway: { address: "203.0.113.10", hosts: ["*"] }, upstreams: [up({ host: "billing.example.com", serviceAccount: "billing" })] }), ["decoupled.upstreams[0].namespace"]],
    ["authorize where the host names no namespace", decoupledValues({ gateway: { address: "203.0.113.10", hosts: ["*"] }, upstreams: [up({ host: "billing.example.com", authorize: { selector: { app: "billing" } } })] }), ["decoupled.upstreams[0].namespace"]],
    ["a trust domain with a slash", decoupledValues({ trustDomain: "cluster.local/x" }), ["decoupled.trustDomain"]],
    ["an identity namespace that is no DNS label", decoupledValues({ identity: { namespace: "Legacy", serviceAccount: "billing" } }), ["decoupled.identity.namespace"]],
    ["a certificate shorter than cert-manager's minimum", decoupledValues({ certificate: { issuerRef: { name: "mesh-ca" }, duration: "30m", renewBefore: "10m" } }), ["decoupled.certificate.duration"]],
    ["renewBefore not shorter than duration", decoupledValues({ certificate: { issuerRef: { name: "mesh-ca" }, duration: "24h", renewBefore: "24h" } }), ["decoupled.certificate.renewBefore"]],
    ["an inbound port on an upstream's socket", decoupledValues({ serve: { host: "billing.vm.internal", address: "10.0.0.7", ports: [{ number: 9080, name: "http", protocol: "HTTP", targetPort: 8080 }] } }), ["decoupled.serve.ports[0].number"]],
    ["a sidecar-bootstrapped section beside decoupled", { ...decoupledValues(), workloadEntry: { address: "10.0.0.7", serviceAccount: "sa" } }, ["workloadEntry"]],
    ["the TSB hub beside decoupled", { ...decoupledValues(), global: { hub: "registry.internal/tetrate" } }, ["global.hub"]],
  ])("%s", (_name, values, paths) => {
    expect(problemPaths(values)).toEqual(paths);
  });

  it("the message says what was given and what to do", () => {
    const { problems } = validateValues(decoupledValues({ upstreams: [up({ listen: "10.0.0.5:9080" })] }));
    expect(problems).toEqual([{ path: "decoupled.upstreams[0].listen", message: expect.stringContaining('decoupled.envoy.forwardingProxy: true to mean it (got "10.0.0.5:9080")') }]);
  });

  it("a decoupled values file needs none of the TSB values", () => {
    expect(validateValues(decoupledValues()).problems).toEqual([]);
  });
});

describe("the VM side", () => {
  it("docker-compose.yaml runs an upstream Envoy, not Istio's proxy: host network, read-only mounts, admin on loopback, /ready as healthcheck", () => {
    const compose = yamlOf(decoupledValues({ envoy: { adminPort: 15900 } }), "docker-compose.yaml");
    expect(Object.keys(compose.services)).toEqual(["envoy"]);
    const envoy = compose.services.envoy;
    expect(envoy.image).toBe("envoyproxy/envoy:v1.31.10");
    expect(envoy.network_mode).toBe("host");
    expect(envoy.command).toEqual(["envoy", "-c", "/etc/envoy/envoy.yaml"]);
    expect(envoy.volumes).toEqual([
      { type: "bind", source: "./envoy.yaml", target: "/etc/envoy/envoy.yaml", read_only: true },
      { type: "bind", source: "/etc/vm-mesh/certs", target: "/etc/envoy/certs", read_only: true },
    ]);
    expect(envoy.healthcheck.test.slice(0, 3)).toEqual(["CMD", "bash", "-c"]);
    expect(envoy.healthcheck.test[3]).toContain("/dev/tcp/127.0.0.1/15900");
    expect(envoy.healthcheck.test[3]).toContain("GET /ready HTTP/1.1\\r\\n");
    const bootstrap = yamlOf(decoupledValues({ envoy: { adminPort: 15900 } }), "envoy.yaml");
    expect(bootstrap.admin.address.socket_address).toEqual({ address: "127.0.0.1", port_value: 15900 });
  });

  it("renders exactly the VM side and nothing of the sidecar-bootstrapped mode", () => {
    expect([...files(decoupledValues()).keys()]).toEqual(["docker-compose.yaml", "envoy.yaml"]);
  });

  it("each upstream: a listener on its socket, a cluster to the gateway with SNI, ALPN, the VM's certificate, the mesh root and a SAN match", () => {
    const bootstrap = yamlOf(decoupledValues({
      gateway: { address: "eastwest.mesh.example.com", port: 15444 },
      upstreams: [
        { host: "reviews.bookinfo.svc.cluster.local", port: 9080, protocol: "HTTP", serviceAccount: "bookinfo-reviews" },
        { host: "ratings.bookinfo.svc.cluster.local", port: 9080, protocol: "GRPC", listen: "127.0.0.2:9080" },
      ],
    }), "envoy.yaml");
    const [reviews, ratings] = bootstrap.static_resources.clusters;
    expect(reviews.type).toBe("STRICT_DNS");
    expect(reviews.load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address).toEqual({ address: "eastwest.mesh.example.com", port_value: 15444 });
    const tls = reviews.transport_socket.typed_config;
    expect(tls.sni).toBe("outbound_.9080_._.reviews.bookinfo.svc.cluster.local");
    expect(tls.common_tls_context).toEqual({
      alpn_protocols: ["istio-http/1.1", "istio", "http/1.1"],
      tls_certificates: [{ certificate_chain: { filename: "/etc/envoy/certs/cert-chain.pem" }, private_key: { filename: "/etc/envoy/certs/key.pem" } }],
      validation_context: {
        trusted_ca: { filename: "/etc/envoy/certs/root-cert.pem" },
        match_typed_subject_alt_names: [{ san_type: "URI", matcher: { exact: "spiffe://cluster.local/ns/bookinfo/sa/bookinfo-reviews" } }],
      },
    });
    expect(ratings.transport_socket.typed_config.common_tls_context.validation_context.match_typed_subject_alt_names).toEqual([{ san_type: "URI", matcher: { prefix: "spiffe://cluster.local/" } }]);
    expect(ratings.typed_extension_protocol_options["envoy.extensions.upstreams.http.v3.HttpProtocolOptions"].explicit_http_config).toEqual({ http2_protocol_options: {} });
    const listeners = bootstrap.static_resources.listeners;
    expect(listeners.map((l: any) => l.address.socket_address)).toEqual([{ address: "127.0.0.1", port_value: 9080 }, { address: "127.0.0.2", port_value: 9080 }]);
    const hcm = listeners[0].filter_chains[0].filters[0].typed_config;
    expect(hcm.http_filters).toEqual([{ name: "envoy.filters.http.router", typed_config: { "@type": "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router" } }]);
    expect(hcm.route_config.virtual_hosts[0].routes[0].route.cluster).toBe(reviews.name);
  });

  it("a TCP upstream is a tcp_proxy to its cluster", () => {
    const bootstrap = yamlOf(decoupledValues({ upstreams: [{ host: "db.data.svc.cluster.local", port: 5432, protocol: "TCP" }] }), "envoy.yaml");
    const filter = bootstrap.static_resources.listeners[0].filter_chains[0].filters[0];
    expect(filter.name).toBe("envoy.filters.network.tcp_proxy");
    expect(filter.typed_config.cluster).toBe("outbound_.5432_._.db.data.svc.cluster.local");
    expect(bootstrap.static_resources.clusters[0].transport_socket.typed_config.common_tls_context.alpn_protocols).toEqual(["istio"]);
  });

  it("a forwarding proxy listens beyond loopback when asked to", () => {
    const bootstrap = yamlOf(decoupledValues({ envoy: { forwardingProxy: true }, upstreams: [{ host: "reviews.bookinfo.svc.cluster.local", port: 9080, protocol: "HTTP", listen: "0.0.0.0:9080" }] }), "envoy.yaml");
    expect(bootstrap.static_resources.listeners[0].address.socket_address.address).toBe("0.0.0.0");
  });
});

const fullValues = decoupledValues({
  gateway: { address: "203.0.113.10", create: true },
  certificate: { issuerRef: { name: "mesh-ca" } },
  serve: { host: "billing.vm.internal", address: "10.0.0.7", ports: [{ number: 8443, name: "http-billing", protocol: "HTTP", targetPort: 8080 }] },
  upstreams: [
    { host: "reviews.bookinfo.svc.cluster.local", port: 9080, protocol: "HTTP", authorize: { selector: { app: "reviews" } } },
    { host: "db.data.svc.cluster.local", port: 5432, protocol: "TCP", serviceAccount: "postgres", authorize: { selector: { app: "postgres" } } },
  ],
});

describe("the cluster side", () => {
  it("the Gateway is Istio's samples/multicluster/expose-services.yaml", () => {
    expect(yamlOf(fullValues, "gateway.yaml")).toEqual({
      apiVersion: "networking.istio.io/v1",
      kind: "Gateway",
      metadata: { name: "cross-network-gateway", namespace: "istio-system" },
      spec: { selector: { istio: "eastwestgateway" }, servers: [{ port: { number: 15443, name: "tls", protocol: "TLS" }, tls: { mode: "AUTO_PASSTHROUGH" }, hosts: ["*.local"] }] },
    });
  });

  it("the Certificate carries the SPIFFE URI SAN, client and (serving) server auth", () => {
    const cert = yamlOf(fullValues, "certificate.yaml");
    expect(cert.spec.uris).toEqual(["spiffe://cluster.local/ns/legacy/sa/billing"]);
    expect(cert.spec.usages).toEqual(["digital signature", "client auth", "server auth"]);
    expect(cert.spec.issuerRef).toEqual({ name: "mesh-ca", kind: "ClusterIssuer", group: "cert-manager.io" });
    expect(cert.metadata.namespace).toBe("legacy");
    expect(yamlOf(decoupledValues({ certificate: { issuerRef: { name: "mesh-ca" } } }), "certificate.yaml").spec.usages).toEqual(["digital signature", "client auth"]);
  });

  it("an AuthorizationPolicy per authorized upstream, in its namespace, naming the VM's principal without spiffe://", () => {
    const all = files(fullValues);
    const policies = [...all.keys()].filter((p) => p.startsWith("authorizationpolicy-"));
    expect(policies).toEqual(["authorizationpolicy-billing-to-db-data-svc-cluster-local-5432.yaml", "authorizationpolicy-billing-to-reviews-bookinfo-svc-cluster-local-9080.yaml"]);
    const db: any = load(all.get(policies[0]!)!);
    expect(db.metadata.namespace).toBe("data");
    expect(db.spec).toEqual({ action: "ALLOW", selector: { matchLabels: { app: "postgres" } }, rules: [{ from: [{ source: { principals: ["cluster.local/ns/legacy/sa/billing"] } }] }] });
  });

  it("serving: a ServiceEntry with the VM as an Istio-mTLS endpoint, and an inbound mTLS listener to the app", () => {
    const se = yamlOf(fullValues, "serviceentry.yaml");
    expect(se.spec.endpoints).toEqual([{ address: "10.0.0.7", labels: { "security.istio.io/tlsMode": "istio" } }]);
    expect(se.spec.subjectAltNames).toEqual(["spiffe://cluster.local/ns/legacy/sa/billing"]);
    expect(se.spec.resolution).toBe("STATIC");
    const bootstrap = yamlOf(fullValues, "envoy.yaml");
    const inbound = bootstrap.static_resources.listeners.find((l: any) => l.name === "inbound_0.0.0.0_8443");
    const tls = inbound.filter_chains[0].transport_socket.typed_config;
    expect(tls.require_client_certificate).toBe(true);
    expect(tls.common_tls_context.alpn_protocols).not.toContain("istio-peer-exchange");
    const app = bootstrap.static_resources.clusters.find((c: any) => c.name === "inbound|8443||");
    expect(app.load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address).toEqual({ address: "127.0.0.1", port_value: 8080 });
  });

  it.skipIf(!existsSync(join(reference, "validate-k8s.mjs")))("every cluster-side document passes validate-k8s (CRD schemas, CEL, istiod's admission rules)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "vm-template-decoupled-"));
    try {
      // kustomization.yaml is kustomize's input, not a resource (.ci/run runs kubectl kustomize on it).
      const written = [...files(fullValues)].filter(([p]) => p !== "envoy.yaml" && p !== "docker-compose.yaml" && p !== "kustomization.yaml").map(([p, c]) => {
        writeFileSync(join(dir, p), c);
        return join(dir, p);
      });
      expect(written).toHaveLength(5);
      const result = spawnSync(process.execPath, [join(reference, "validate-k8s.mjs"), "-q", ...written], { cwd: projectRoot, encoding: "utf8" });
      expect(result.status, result.stdout + result.stderr).toBe(0);
      const { validateIstio } = await import(pathToFileURL(join(reference, "istio-webhook.mjs")).href);
      for (const p of ["gateway.yaml", "serviceentry.yaml"]) expect(validateIstio(yamlOf(fullValues, p)).errors, p).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!hasEnvoyValidator)("envoy.yaml passes validate-envoy.mjs (Envoy's own protos)", async () => {
    const validate = await envoyValidator();
    const verdict = validate(files(fullValues).get("envoy.yaml")!);
    expect(verdict.errors).toEqual([]);
    expect(verdict.warnings).toEqual([]);
  });
});

describe("fleets: a group may be decoupled instead of sidecar-bootstrapped", () => {
  const group = (extra: Record<string, unknown> = {}) => ({
    addresses: ["10.0.1.10", "10.0.1.11"],
    decoupled: { ...(decoupledValues().decoupled as Record<string, unknown>), ...extra },
  });
  const fleet = (vms: Record<string, unknown>): Values => ({ vms });

  it("every VM of the group gets the same Envoy files; the group's cluster side goes to decoupled/<group>/ with a kustomization listing exactly it", () => {
    const out = files(fleet({
      pool: group({
        certificate: { issuerRef: { name: "mesh-ca" } },
        gateway: { address: "203.0.113.10", create: true },
        serve: { host: "billing.vm.internal", address: "10.0.1.100", ports: [{ number: 8443, name: "http", protocol: "HTTP", targetPort: 8080 }] },
        upstreams: [{ host: "reviews.bookinfo.svc.cluster.local", port: 9080, protocol: "HTTP", authorize: { selector: { app: "reviews" } } }],
      }),
    }));
    expect(out.get("vms/pool-10-0-1-10/envoy.yaml")).toBe(out.get("vms/pool-10-0-1-11/envoy.yaml"));
    expect(out.get("vms/pool-10-0-1-10/docker-compose.yaml")).toBe(out.get("vms/pool-10-0-1-11/docker-compose.yaml"));
    const inGroup = [...out.keys()].filter((p) => p.startsWith("decoupled/pool/") && !p.endsWith("kustomization.yaml")).map((p) => p.slice("decoupled/pool/".length));
    expect(inGroup).toEqual(["authorizationpolicy-billing-to-reviews-bookinfo-svc-cluster-local-9080.yaml", "certificate.yaml", "gateway.yaml", "serviceentry.yaml"]);
    expect((load(out.get("decoupled/pool/kustomization.yaml")!) as any).resources).toEqual(inGroup);
    expect((load(out.get("kustomization.yaml")!) as any).resources).toEqual(["decoupled"]);
    expect([...out.keys()].some((p) => p.startsWith("vms/") && p.endsWith("kustomization.yaml"))).toBe(false);
  });

  it("a fleet of decoupled groups needs no services and none of the TSB values", () => {
    expect(validateValues(fleet({ pool: group() })).problems).toEqual([]);
  });

  it.each<[string, Values, string[]]>([
    ["a listener on one VM's address in a group of two", fleet({ pool: group({ envoy: { forwardingProxy: true }, upstreams: [{ host: "reviews.bookinfo.svc.cluster.local", port: 9080, protocol: "HTTP", listen: "10.0.1.10:9080" }] }) }), ["vms.pool.decoupled.upstreams[0].listen"]],
    ["two groups creating the same Gateway", fleet({ a: group({ gateway: { address: "203.0.113.10", create: true } }), b: { ...group({ gateway: { address: "203.0.113.10", create: true } }), addresses: ["10.0.2.1"] } }), ["vms.b.decoupled.gateway.create"]],
    ["two groups with one identity, each serving (one ServiceEntry name)", fleet({ a: group({ serve: { host: "a.vm.internal", address: "10.0.9.1", ports: [{ number: 8443, name: "http", protocol: "HTTP", targetPort: 8080 }] } }), b: { ...group({ serve: { host: "b.vm.internal", address: "10.0.9.2", ports: [{ number: 8443, name: "http", protocol: "HTTP", targetPort: 8080 }] } }), addresses: ["10.0.2.1"] } }), ["vms.b.decoupled.serve"]],
    ["two groups with one identity and a Certificate each", fleet({ a: group({ certificate: { issuerRef: { name: "ca" } } }), b: { ...group({ certificate: { issuerRef: { name: "ca" } } }), addresses: ["10.0.2.1"] } }), ["vms.b.decoupled.certificate"]],
    ["a decoupled group that also names services", fleet({ pool: { ...group(), services: ["ratings"] } }), ["vms.pool.services"]],
    ["a group's upstream on the admin port", fleet({ pool: group({ upstreams: [{ host: "reviews.bookinfo.svc.cluster.local", port: 15000, protocol: "HTTP" }] }) }), ["vms.pool.decoupled.upstreams[0].port"]],
    ["top-level decoupled in a fleet", { ...fleet({ pool: group() }), decoupled: decoupledValues().decoupled }, ["decoupled"]],
  ])("%s", (_name, values, paths) => {
    expect(problemPaths(values)).toEqual(paths);
  });
});
