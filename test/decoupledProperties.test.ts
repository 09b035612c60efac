import fc from "fast-check";
import { load } from "js-yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { render, VmTemplateError, type Values } from "../src/index.js";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { envoyValidator, hasEnvoyValidator, reference, type EnvoyVerdict } from "./envoyReference.js";

/*
 * Property: for generated `decoupled` values (valid and invalid mixed: short hosts, UDP,
 * non-loopback listeners, clashing sockets, foreign identities), render() either refuses with
 * SCHEMA naming paths under `decoupled`, or makes an envoy.yaml that Envoy's own protos accept
 * (../shared/reference/validate-envoy.mjs, when present) with exactly one listener and one
 * cluster per upstream, the gateway's SNI outbound_.<port>_._.<host> and Istio's ALPN for the
 * protocol (written out here, not taken from alpn.ts, so the test checks the module).
 */
const seed = Number(process.env.FC_SEED ?? 20261121);
const runs = Number(process.env.FC_RUNS ?? 400);

const ALPN: Record<string, string[]> = {
  HTTP: ["istio-http/1.1", "istio", "http/1.1"],
  HTTP2: ["istio-h2", "istio", "h2"],
  GRPC: ["istio-h2", "istio", "h2"],
  TCP: ["istio"],
};

const label = fc.stringMatching(/^[a-z]([a-z0-9-]{0,8}[a-z0-9])?$/);
const port = fc.oneof(fc.constantFrom(80, 443, 5432, 8080, 9080, 15000, 15443), fc.integer({ min: 1, max: 65535 }));
const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join("."));
const rare = <T>(a: fc.Arbitrary<T>) => ({ arbitrary: a, weight: 1 });
const often = <T>(a: fc.Arbitrary<T>) => ({ arbitrary: a, weight: 12 });
const host = fc.oneof(
  often(fc.tuple(label, label).map(([svc, ns]) => `${svc}.${ns}.svc.cluster.local`)),
  rare(fc.tuple(label, label).map(([a, b]) => `${a}.${b}.local`)),
  // Not fully qualified, or outside the gateway's *.local: refused.
  rare(label),
  rare(fc.tuple(label, label).map(([svc, ns]) => `${svc}.${ns}.svc`)),
);
const listen = (p: number) =>
  fc.oneof(
    often(fc.constant(undefined)),
    often(fc.nat(255).map((n) => `127.0.0.${n}:${p}`)),
    often(port.map((q) => `127.0.0.1:${q}`)),
    rare(fc.constantFrom(`[::1]:${p}`, `0.0.0.0:${p}`, `10.0.0.5:${p}`, `[::]:${p}`)),
  );
const upstream = fc
  .record({
    host,
    port, protocol: fc.oneof(often(fc.constantFrom("HTTP", "HTTP2", "GRPC", "TCP")), rare(fc.constantFrom("UDP", "HTTPS"))),
    serviceAccount: fc.option(fc.oneof(often(label), often(fc.tuple(label, label).map(([ns, sa]) => `spiffe://cluster.local/ns/${ns}/sa/${sa}`)), rare(fc.constant("spiffe://other.example/ns/a/sa/b"))), { nil: undefined }),
  })
  .chain((u) => listen(u.port).map((l) => ({ ...u, ...(l === undefined ? {} : { listen: l }) })));
const decoupled = fc.record({
  identity: fc.record({ namespace: label, serviceAccount: label }),
  trustDomain: fc.constantFrom("cluster.local", "cluster.local", "prod.example.com"),
  gateway: fc.record({ address: fc.oneof(ipv4, fc.constantFrom("eastwest.mesh.example.com", "fd00::15")), port }),
  envoy: fc.record({ adminPort: fc.constantFrom(15000, 9080, 19000), forwardingProxy: fc.boolean() }),
  upstreams: fc.array(upstream, { minLength: 1, maxLength: 4 }),
  // Multi-direction: inbound mTLS listeners to the app, which must not take an upstream's socket.
  serve: fc.option(
    fc.record({
      host: fc.tuple(label, label).map(([a, b]) => `${a}.${b}.internal`),
      address: fc.oneof(ipv4, fc.constant("billing.vm.example.com")),
      ports: fc.uniqueArray(fc.record({ number: port, name: label, protocol: fc.constantFrom("HTTP", "HTTP2", "GRPC", "TCP"), targetPort: port }), { minLength: 1, maxLength: 2, selector: (p) => p.number }),
    }),
    { nil: undefined, freq: 4 },
  ),
});

const strip = (u: Record<string, unknown>) => Object.fromEntries(Object.entries(u).filter(([, v]) => v !== undefined));

describe("generated decoupled values: refused by name, or an Envoy bootstrap Envoy accepts with a listener and cluster per upstream", () => {
  let validate: ((text: string) => EnvoyVerdict) | undefined;
  // istiod's admission rules (../shared/reference/istio-webhook.mjs) for the ServiceEntry of `serve`.
  let validateIstio: ((doc: unknown) => { errors: string[] }) | undefined;
  beforeAll(async () => {
    if (hasEnvoyValidator) validate = await envoyValidator();
    const webhook = join(reference, "istio-webhook.mjs");
    if (existsSync(webhook)) validateIstio = (await import(pathToFileURL(webhook).href)).validateIstio;
  });
  const tally = { rendered: 0, refused: 0 };

  it("holds", () => {
    fc.assert(
      fc.property(decoupled, (d) => {
        const values: Values = { decoupled: strip({ ...d, upstreams: d.upstreams.map(strip) }) };
        let envoyYaml: string;
        let serviceEntry: string | undefined;
        try {
          const files = render({ values }).files;
          envoyYaml = files.find((f) => f.path === "envoy.yaml")!.content;
          serviceEntry = files.find((f) => f.path === "serviceentry.yaml")?.content;
        } catch (e) {
          if (!(e instanceof VmTemplateError) || e.code !== "SCHEMA") throw e;
          expect(e.problems.length).toBeGreaterThan(0);
          for (const p of e.problems) expect(p.path).toMatch(/^decoupled\./);
          tally.refused++;
          return;
        }
        tally.rendered++;
        // What was accepted: no UDP, only *.local hosts, sockets of their own.
        const bootstrap: any = load(envoyYaml);
        const { listeners, clusters } = bootstrap.static_resources;
        const inbound = d.serve?.ports ?? [];
        expect(listeners).toHaveLength(d.upstreams.length + inbound.length);
        expect(clusters).toHaveLength(d.upstreams.length + inbound.length);
        inbound.forEach((p, j) => {
          const listener = listeners[d.upstreams.length + j];
          expect(listener.address.socket_address).toEqual({ address: "0.0.0.0", port_value: p.number });
          const tls = listener.filter_chains[0].transport_socket.typed_config;
          expect(tls.require_client_certificate).toBe(true);
          expect(tls.common_tls_context.alpn_protocols ?? []).not.toContain("istio-peer-exchange");
          expect(clusters[d.upstreams.length + j].load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address).toEqual({ address: "127.0.0.1", port_value: p.targetPort });
        });
        const sockets = new Set<string>([`127.0.0.1:${d.envoy.adminPort}`, ...inbound.flatMap((p) => [`0.0.0.0:${p.number}`, `127.0.0.1:${p.targetPort}`])]);
        d.upstreams.forEach((u, i) => {
          expect(["HTTP", "HTTP2", "GRPC", "TCP"]).toContain(u.protocol);
          expect(u.host).toMatch(/\.local$/);
          const sni = `outbound_.${u.port}_._.${u.host}`;
          const cluster = clusters[i];
          expect(cluster.name).toBe(sni);
          const tls = cluster.transport_socket.typed_config;
          expect(tls.sni).toBe(sni);
          expect(tls.common_tls_context.alpn_protocols).toEqual(ALPN[u.protocol]);
          expect(tls.common_tls_context.validation_context.trusted_ca.filename).toBe("/etc/envoy/certs/root-cert.pem");
          const san = tls.common_tls_context.validation_context.match_typed_subject_alt_names[0].matcher;
          if (u.serviceAccount === undefined) expect(san).toEqual({ prefix: `spiffe://${d.trustDomain}/` });
          else expect(san.exact).toMatch(new RegExp(`^spiffe://${d.trustDomain.replace(/\./g, "\\.")}/ns/[^/]+/sa/[^/]+$`));
          expect(cluster.load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address).toEqual({ address: d.gateway.address, port_value: d.gateway.port });
          const { address, port_value } = listeners[i].address.socket_address;
          const listenText = u.listen ?? `127.0.0.1:${u.port}`;
          expect(`${address.includes(":") ? `[${address}]` : address}:${port_value}`).toBe(listenText);
          if (!/^127\.|^\[::1\]/.test(listenText)) expect(d.envoy.forwardingProxy).toBe(true);
          const key = `${address}:${port_value}`;
          expect(sockets.has(key) || sockets.has(`0.0.0.0:${port_value}`) || (address === "0.0.0.0" && [...sockets].some((s) => s.endsWith(`:${port_value}`)))).toBe(false);
          sockets.add(key);
          const filter = listeners[i].filter_chains[0].filters[0];
          const target = u.protocol === "TCP" ? filter.typed_config.cluster : filter.typed_config.route_config.virtual_hosts[0].routes[0].route.cluster;
          expect(target).toBe(sni);
        });
        if (validate) {
          const verdict = validate(envoyYaml);
          expect(verdict.errors, envoyYaml).toEqual([]);
        }
        expect(serviceEntry !== undefined).toBe(d.serve !== undefined);
        if (serviceEntry && validateIstio) expect(validateIstio(load(serviceEntry)).errors, serviceEntry).toEqual([]);
      }),
      { seed, numRuns: runs },
    );
  }, 120_000);

  it("both outcomes were exercised", () => {
    expect(tally.rendered).toBeGreaterThan(runs / 10);
    expect(tally.refused).toBeGreaterThan(runs / 10);
  });

  afterAll(() => {
    console.info(`decoupled properties: ${tally.rendered} rendered${validate ? " and accepted by validate-envoy" : " (validate-envoy absent: not run)"}, ${tally.refused} refused with SCHEMA; seed ${seed}`);
  });
});
