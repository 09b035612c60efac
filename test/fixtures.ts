import { render, VmTemplateError, type Values } from "../src/index.js";

/** The values of the seed's helm command: the smallest valid input. */
export function baseValues(): Values {
  return {
    global: {
      hub: "registry.internal/tetrate",
      tcc: { tenant: "t1", environment: "prod", cluster: "c1" },
      vmgateway: { host: "1.2.3.4" },
      sidecar: { appNs: "bookinfo-vm", appId: "bookinfo", serviceDefinition: "details" },
    },
  };
}

export const BASE_SET = [
  "global.hub=registry.internal/tetrate",
  "global.tcc.tenant=t1",
  "global.tcc.environment=prod",
  "global.tcc.cluster=c1",
  "global.vmgateway.host=1.2.3.4",
  "global.sidecar.appNs=bookinfo-vm",
  "global.sidecar.appId=bookinfo",
  "global.sidecar.serviceDefinition=details",
];

/** A fleet in the fleet format: one service on `vms` VMs in one group, addresses 10.x.y.z. */
export function fleetValues(vms = 2): Values {
  return {
    global: { hub: "registry.internal/tetrate", tcc: { tenant: "t1", environment: "prod", cluster: "c1" }, vmgateway: { host: "1.2.3.4" } },
    services: {
      ratings: { namespace: "bookinfo", hostname: "ratings.example.com", serviceAccount: "ratings", ports: [{ number: 9080, name: "http", protocol: "HTTP", applicationPort: 9080 }] },
    },
    vms: {
      pool: { addresses: Array.from({ length: vms }, (_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`), services: ["ratings"] },
    },
  };
}

/** Strings that break naive YAML, env or template output: structure, quotes, YAML 1.1 words, numbers, Unicode. */
export const HOSTILE = [
  "plain", "a\nb", "line\r\nbreak", "key: value", "a #comment", "#start", '"double"', "'single'", "back\\slash",
  "{{ .Values.x }}", "{{{raw}}}", "*alias", "&anchor", "!tag", "%directive", "@at", "|block", ">folded", "-dash", "- item",
  "?query", "---", "...", "tab\there", "trailing ", " leading", "", "on", "yes", "no", "off", "y", "n", "~", "null", "Null",
  "true", "False", "0777", "0o17", "0x1F", "1e3", "1_000", "1:20", ".inf", "-.Inf", ".nan", "1.0", "+1", "2001-12-14",
  "<b>html</b> & 'amp'", "é ü 中文 🚀", "\u0000nul", "\u0085nel", "\u2028ls", "\ufeffbom", "\u007fdel", "a,b", "[x]", "{y}",
];

/** The VmTemplateError `f` throws; anything else it throws (a TypeError, a stack trace) fails the test. */
export function errorOf(f: () => unknown): VmTemplateError {
  try {
    f();
  } catch (e) {
    if (e instanceof VmTemplateError) return e;
    throw e;
  }
  throw new Error("no error");
}

/** The message a render refuses `values` with, or "rendered". */
export function renderProblem(values: Values): string {
  try {
    render({ values });
  } catch (e) {
    return (e as Error).message;
  }
  return "rendered";
}
