import fc from "fast-check";
import type { Arbitrary } from "fast-check";
import { newAjv } from "../src/schema/ajv.js";
import { joinPath } from "../src/values/objects.js";
import { isUnspecified } from "../src/values/canonicalHost.js";
import { slug } from "../src/render/helpers/slug.js";
import valuesSchema from "../schemas/values.schema.json" with { type: "json" };
import { HOSTILE } from "./fixtures.js";

/**
 * fast-check arbitraries of whole values documents, single VM and fleet, across every field of
 * schemas/values.schema.json. Each string field draws from the schema's own pattern (or format,
 * or enum), and, at a rate the case picks, from hostile strings instead: the fixed list of
 * YAML-breaking strings, random Unicode and binary, and each glued to a valid value. A drawn
 * string is a `Leaf` that knows whether the field's own schema rule accepts it, so a property can
 * say which paths the schema must refuse.
 */
export class Leaf {
  constructor(
    readonly value: unknown,
    readonly accepted: boolean,
  ) {}
}

/** A leaf as the values tree holds it (numbers and booleans need no wrapper; they are always valid). */
type Tree = Leaf | string | number | boolean | Tree[] | { [key: string]: Tree | undefined };

export interface Generated {
  values: Record<string, unknown>;
  /** Every typed scalar: its path (as problems name it) and value. */
  leaves: { path: string; value: unknown }[];
  /** Paths whose value the field's own schema rule refuses. */
  refused: string[];
}

const ajv = newAjv();
ajv.addSchema(valuesSchema);
const checkers = new Map<string, (v: unknown) => boolean>();

/** The validator of one node of the values schema, by JSON pointer, e.g. /definitions/dnsLabel. */
function accepts(pointer: string): (v: unknown) => boolean {
  let check = checkers.get(pointer);
  if (!check) {
    const validate = ajv.getSchema(`${valuesSchema.$id}#${pointer}`);
    if (!validate) throw new Error(`no schema node at ${pointer}`);
    check = (v) => validate(v) as boolean;
    checkers.set(pointer, check);
  }
  return check;
}

const hostile: Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 8 }) },
);

/**
 * Strings that fit many fields' rules and that some YAML reader takes for something else: YAML
 * 1.1 booleans and null, octal, hex, binary, sexagesimal and underscored numbers, floats,
 * timestamps, the merge key. Each field draws, often, those its own rule accepts.
 */
export const LOOKALIKES = [
  "y", "Y", "n", "N", "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "true", "True", "false", "FALSE",
  "null", "Null", "NULL", "~", "0", "00", "0777", "0o17", "0x1f", "0X1F", "0b101", "1_000", "1:20", "190:20:30", "-1", "+1", "1.0", "1e3", "1E3",
  "1.5e+3", ".5", "5.", "inf", ".inf", "-.inf", ".NaN", "nan", "2001-12-14", "2001-12-14t21:59:43.10-05:00", "<<", "=", "-", "0.0.0.0", "1.2.3", "v1",
];

/** How often a string field draws a hostile value instead of a valid one, per case. */
export type Rate = number;

function field(pointer: string, valid: Arbitrary<string>, rate: Rate, glued = 0): Arbitrary<Leaf> {
  const check = accepts(pointer);
  const lookalikes = LOOKALIKES.filter(check);
  const validOrLookalike = lookalikes.length ? fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: fc.constantFrom(...lookalikes) }) : valid;
  const drawn = rate + glued === 0
    ? validOrLookalike
    : fc.oneof(
        { weight: 100, arbitrary: validOrLookalike },
        { weight: rate, arbitrary: hostile },
        { weight: rate, arbitrary: fc.tuple(hostile, valid).map(([a, b]) => a + b) },
        { weight: rate + glued, arbitrary: fc.tuple(valid, hostile).map(([a, b]) => a + b) },
      );
  return drawn.map((v) => new Leaf(v, check(v)));
}

const matching = (re: RegExp, max: number) => fc.stringMatching(re).filter((s) => s.length <= max);
const def = (name: string) => `/definitions/${name}`;

/** Valid strings of each kind of field. */
const valid = {
  dnsLabel: matching(/^[a-z0-9]([-a-z0-9]{0,14}[a-z0-9])?$/, 63),
  dnsSubdomain: matching(new RegExp(valuesSchema.definitions.dnsSubdomain.pattern), 60),
  // The schema's pattern has a lookahead fast-check cannot generate from: a last label not all digits.
  hostname: matching(/^(?:[A-Za-z0-9](?:[-A-Za-z0-9]{0,10}[A-Za-z0-9])?\.){0,3}[A-Za-z0-9](?:[-A-Za-z0-9]{0,10}[A-Za-z0-9])?$/, 253)
    .filter((s) => !/(^|\.)[0-9]+$/.test(s)),
  ipv4: fc.ipV4(),
  ip: fc.oneof(fc.ipV4(), fc.ipV6()),
  identifier: fc.oneof(matching(new RegExp(valuesSchema.definitions.identifier.pattern), 40), fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 })),
  absolutePath: fc.oneof(matching(new RegExp(valuesSchema.definitions.absolutePath.pattern), 60), fc.string({ unit: "grapheme", maxLength: 16 }).map((s) => `/${s}`)),
  imageRepository: matching(new RegExp(valuesSchema.definitions.imageRepository.pattern), 80),
  tag: matching(new RegExp(valuesSchema.properties.global.properties.tag.pattern), 128),
  labelKey: matching(new RegExp(valuesSchema.definitions.labelKey.pattern), 62).filter((k) => k !== "app" && k !== "class"),
  labelValue: matching(new RegExp(valuesSchema.definitions.labelValue.pattern), 63),
  network: matching(new RegExp(valuesSchema.definitions.network.pattern), 63),
  sshUser: matching(new RegExp(valuesSchema.definitions.bootstrap.properties.sshUser.pattern), 32),
  egressHost: matching(new RegExp(valuesSchema.definitions.egressListeners.items.properties.hosts.items.pattern), 60),
  unixEndpoint: matching(/^unix:\/\/[/@][^\s]{0,20}[^\s/]$/, 40),
};

/** The string fields of the schema, each a valid source and the schema node that judges it. */
export function fields(rate: Rate) {
  const f = (name: keyof typeof valid, pointer: string) => field(pointer, valid[name], rate);
  return {
    dnsLabel: () => f("dnsLabel", def("dnsLabel")),
    dnsSubdomain: () => f("dnsSubdomain", def("dnsSubdomain")),
    hostname: () => f("hostname", def("hostname")),
    host: () => field(def("host"), fc.oneof(valid.ipv4, valid.ip, valid.hostname), rate),
    ip: () => f("ip", def("ip")),
    portName: () => f("dnsLabel", def("portName")),
    protocol: () => field(def("protocol"), fc.constantFrom(...valuesSchema.definitions.protocol.enum), rate),
    captureMode: () => field(def("captureMode"), fc.constantFrom(...valuesSchema.definitions.captureMode.enum), rate),
    // Free text: a valid start glued to a hostile rest, whatever the case's rate; many are accepted.
    identifier: () => field(def("identifier"), valid.identifier, rate, 40),
    absolutePath: () => field(def("absolutePath"), valid.absolutePath, rate, 40),
    annotationPath: () => field(def("annotationPath"), valid.absolutePath, rate, 40),
    imageRepository: () => f("imageRepository", def("imageRepository")),
    tag: () => f("tag", "/properties/global/properties/tag"),
    labelValue: () => f("labelValue", def("labelValue")),
    network: () => f("network", def("network")),
    sshUser: () => f("sshUser", "/definitions/bootstrap/properties/sshUser"),
    egressHost: () => f("egressHost", "/definitions/egressListeners/items/properties/hosts/items"),
    defaultEndpoint: (appPort: number) =>
      field("/properties/sidecarResource/properties/ingress/items/properties/defaultEndpoint",
        fc.oneof(fc.constant(`127.0.0.1:${appPort}`), fc.constant(`0.0.0.0:${appPort}`), valid.unixEndpoint), rate),
    labelKey: () => valid.labelKey,
  };
}

type Fields = ReturnType<typeof fields>;

/** An arbitrary of `{k?: v}` records: optional keys drawn or left out. */
function record(required: Record<string, Arbitrary<Tree>>, optional: Record<string, Arbitrary<Tree>> = {}): Arbitrary<Record<string, Tree>> {
  return fc.record({ ...required, ...optional }, { requiredKeys: Object.keys(required) }) as Arbitrary<Record<string, Tree>>;
}

const text = (leaf: Tree) => (leaf instanceof Leaf ? leaf.value : leaf);

/**
 * Ports whose numbers and names never repeat, numbers in `base`+1..99 and application ports 100
 * above them, so that no check across values refuses a case for a clash the generator made.
 */
function servicePorts(F: Fields, base: number) {
  return fc
    .uniqueArray(fc.record({ number: fc.integer({ min: base + 1, max: base + 99 }), name: F.portName(), protocol: F.protocol() }), { minLength: 1, maxLength: 3, selector: (p) => p.number })
    .filter((ps) => new Set(ps.map((p) => text(p.name))).size === ps.length)
    .map((ps) => ps.map((p) => ({ ...p, applicationPort: p.number + 100 })));
}

function sidecarPorts(F: Fields, base: number, min = 1) {
  return fc
    .uniqueArray(fc.record({ number: fc.integer({ min: base + 1, max: base + 99 }), name: F.portName(), protocol: F.protocol() }), { minLength: min, maxLength: 3, selector: (p) => p.number })
    .filter((ps) => new Set(ps.map((p) => text(p.name))).size === ps.length);
}

/** Egress listeners bound to distinct loopback addresses other than 127.0.0.1 (the app's), the first always bound. */
function egressListeners(F: Fields, second: number, portBase: number) {
  return fc
    .uniqueArray(fc.integer({ min: 2, max: 250 }), { minLength: 1, maxLength: 2 })
    .chain((octets) =>
      fc.tuple(
        ...octets.map((o, i) =>
          record(
            // istiod: only the last listener may go without a port (validateSidecarEgressOrder).
            i === octets.length - 1
              ? { hosts: fc.array(F.egressHost(), { minLength: 1, maxLength: 2 }) }
              : { hosts: fc.array(F.egressHost(), { minLength: 1, maxLength: 2 }), port: fc.record({ number: fc.constant(portBase + i + 1), name: F.portName(), protocol: F.protocol() }) },
            {
              bind: fc.constant(`127.${second}.0.${o}`),
              ...(i === octets.length - 1 ? { port: fc.record({ number: fc.constant(portBase + i + 1), name: F.portName(), protocol: F.protocol() }) } : {}),
              captureMode: F.captureMode(),
            },
          ).map((l) => (i === 0 ? { ...l, bind: `127.${second}.0.${o}` } : l)),
        ),
      ),
    );
}

function labels(F: Fields) {
  return fc.dictionary(F.labelKey(), F.labelValue(), { minKeys: 1, maxKeys: 3 }) as Arbitrary<Record<string, Tree>>;
}

function bootstrap(F: Fields, oneVm: boolean) {
  // No proxyImageHub: it would take global.hub's place in the image (tested in test/tctl.test.ts).
  const optional: Record<string, Arbitrary<Tree>> = { sshUser: F.sshUser(), proxyConfigDir: F.annotationPath(), sshPort: fc.integer({ min: 1, max: 65535 }) };
  if (oneVm) Object.assign(optional, { sshHost: F.host(), proxyInstanceIp: F.ip() });
  return record({}, optional).filter((b) => Object.keys(b).length > 0);
}

function global(F: Fields, oneVm: boolean) {
  const sidecar = oneVm
    ? record({ appNs: F.dnsLabel(), appId: F.dnsLabel(), serviceDefinition: F.dnsLabel() }, { certsDir: F.absolutePath() })
    : record({}, { certsDir: F.absolutePath() });
  // A fleet VM may run several proxies, which needs a proxyv2 of Istio 1.11 or later (the fleet
  // checks refuse an older global.tag then: test/sharedVm.test.ts).
  const tag = oneVm ? {} : { tag: fc.constant(new Leaf("1.24.2", true)) };
  return record(
    { hub: F.imageRepository(), tcc: record({ tenant: F.identifier(), environment: F.identifier(), cluster: F.identifier() }), vmgateway: record({ host: F.host() }), sidecar, ...tag },
    oneVm ? { tag: F.tag() } : {},
  );
}

/** The single-VM format: global and any of the four sections, consistent with each other. */
export function singleVmValues(rate: Rate): Arbitrary<Generated> {
  const F = fields(rate);
  const sd = record(
    { hostname: F.hostname(), ports: servicePorts(F, 1000) },
    { name: F.dnsSubdomain(), namespace: F.dnsLabel(), sidecarsPresent: fc.boolean(), usingIptablesCapture: fc.boolean(), egressHttpProxyPort: fc.integer({ min: 16000, max: 16999 }), endpoints: fc.uniqueArray(F.host(), { minLength: 1, maxLength: 3, selector: text }) },
  );
  return fc.option(sd, { nil: undefined }).chain((serviceDefinition) => {
    const hasSd = serviceDefinition !== undefined;
    // With a ServiceDefinition the Sidecar's ingress derives from its ports, or repeats them.
    const ingress = hasSd
      ? fc.constant((serviceDefinition.ports as Record<string, Tree>[]).map((p) => ({ port: { number: p.number, name: p.name, protocol: p.protocol }, defaultEndpoint: new Leaf(`127.0.0.1:${text(p.applicationPort)}`, true) })))
      : sidecarPorts(F, 2000).chain((ports) =>
          fc.tuple(...ports.map((port) => record({ port: fc.constant(port), defaultEndpoint: F.defaultEndpoint(port.number + 100) }, { bind: F.ip().filter((l) => !String(l.value).startsWith("127.")), captureMode: F.captureMode() }))),
        );
    const sidecarResource = fc
      .tuple(egressListeners(F, 0, 3000), fc.boolean())
      .chain(([egress, hosts]) =>
        record(
          hasSd ? {} : { ingress },
          { name: F.dnsSubdomain(), namespace: F.dnsLabel(), egress: fc.constant(egress), ...(hasSd ? { ingress } : {}), ...(hosts ? { egressHosts: fc.uniqueArray(F.hostname(), { minLength: 1, maxLength: 3, selector: text }) } : {}) },
        ),
      );
    // One host: istiod refuses several hosts with a TCP port (validateServiceEntryHostsAndPorts, tested in crossChecks).
    const serviceEntry = record(hasSd ? {} : { hosts: fc.uniqueArray(F.hostname(), { minLength: 1, maxLength: 1, selector: text }), ports: sidecarPorts(F, 4000) }, {
      name: F.dnsSubdomain(),
      namespace: F.dnsLabel(),
      ...(hasSd ? { hosts: fc.uniqueArray(F.hostname(), { minLength: 1, maxLength: 1, selector: text }), ports: sidecarPorts(F, 4000) } : {}),
    });
    const workloadEntry = record(
      { address: F.ip(), serviceAccount: F.dnsSubdomain() },
      { name: F.dnsSubdomain(), namespace: F.dnsLabel(), network: F.network(), labels: labels(F), bootstrap: bootstrap(F, true) },
    );
    return record({ global: global(F, true) }, { serviceEntry, workloadEntry, sidecarResource }).map((v) => generated({ ...v, ...(hasSd ? { serviceDefinition } : {}) }));
  });
}

/**
 * The fleet format: up to 3 services and 3 groups of up to 3 VMs. Services share one namespace
 * (a VM belongs to one) and each has its own ports, proxy ports and egress addresses, so any
 * group may run any of them.
 */
export function fleetValues(rate: Rate): Arbitrary<Generated> {
  const F = fields(rate);
  const namespace = F.dnsLabel();
  return fc
    .tuple(
      fc.uniqueArray(matching(/^[a-z]([-a-z0-9]{0,8}[a-z0-9])?$/, 63), { minLength: 1, maxLength: 3 }),
      fc.uniqueArray(matching(/^[a-z]([-a-z0-9]{0,8}[a-z0-9])?$/, 63), { minLength: 1, maxLength: 3 }),
      namespace,
    )
    .chain(([serviceNames, groupNames, ns]) => {
      const services = fc.tuple(
        ...serviceNames.map((_, k) =>
          record(
            { namespace: fc.constant(ns), hostname: F.hostname(), ports: servicePorts(F, 1000 * (k + 1)), egress: egressListeners(F, k + 1, 30000 + 10 * k), proxy: fc.constant({ adminPort: 40000 + k, statusPort: 41000 + k, envoyStatusPort: 42000 + k, envoyPrometheusPort: 43000 + k }), serviceAccount: F.dnsSubdomain() },
            { serviceDefinition: F.dnsLabel(), sidecarsPresent: fc.boolean(), usingIptablesCapture: fc.boolean(), egressHttpProxyPort: fc.constant(16000 + k), labels: labels(F), ...(k === 0 ? { egressHosts: fc.uniqueArray(F.hostname(), { minLength: 1, maxLength: 2, selector: text }) } : {}) },
          ),
        ),
      );
      // Addresses unique across the fleet and never sharing a slug (two VMs, one directory; the
      // slug is of the canonical form, so two spellings of one machine share it too), never the
      // unspecified address, and short enough for a WorkloadEntry name (the fleet checks refuse
      // the rest: test/hostileInput.test.ts).
      const addresses = fc
        .uniqueArray(F.ip(), { minLength: groupNames.length, maxLength: groupNames.length * 3, selector: (a) => slug(a.value) })
        .filter((as) => as.every((a) => /[a-z0-9]/i.test(String(a.value)) && !isUnspecified(String(a.value)) && slug(a.value).length <= 200));
      const vms = addresses.chain((as) =>
        fc.tuple(
          ...groupNames.map((_, g) => {
            const mine = as.filter((_, i) => i % groupNames.length === g);
            return record(
              { addresses: fc.constant(mine), services: fc.subarray(serviceNames, { minLength: 1 }) },
              { network: F.network(), bootstrap: bootstrap(F, mine.length === 1) },
            );
          }),
        ),
      );
      return fc.tuple(global(F, false), services, vms).map(([g, svcs, groups]) => {
        // Every service runs somewhere: the last group runs whatever no other group does.
        const used = new Set(groups.flatMap((v) => v.services as string[]));
        const all = groups.map((v, g) => (g < groups.length - 1 ? v : { ...v, services: [...(v.services as string[]), ...serviceNames.filter((n) => !used.has(n))] }));
        return generated({ global: g, services: Object.fromEntries(serviceNames.map((n, k) => [n, svcs[k]!])), vms: Object.fromEntries(groupNames.map((n, i) => [n, all[i]!])) });
      });
    });
}

function generated(tree: Record<string, Tree | undefined>): Generated {
  const leaves: Generated["leaves"] = [];
  const refused: string[] = [];
  const walk = (node: Tree | undefined, path: (string | number)[]): unknown => {
    if (node instanceof Leaf) {
      leaves.push({ path: joinPath(path), value: node.value });
      if (!node.accepted) refused.push(joinPath(path));
      return node.value;
    }
    if (Array.isArray(node)) return node.map((n, i) => walk(n, [...path, i]));
    if (node !== null && typeof node === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node)) if (v !== undefined) out[k] = walk(v, [...path, k]);
      return out;
    }
    leaves.push({ path: joinPath(path), value: node });
    return node;
  };
  const values = walk(tree as Tree, []) as Record<string, unknown>;
  return { values, leaves, refused };
}
