import type { Values } from "../src/index.js";

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
      ratings: { namespace: "bookinfo", hostname: "ratings.example.com", ports: [{ number: 9080, name: "http", protocol: "HTTP", applicationPort: 9080 }] },
    },
    vms: {
      pool: { addresses: Array.from({ length: vms }, (_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`), services: ["ratings"] },
    },
  };
}
