// A fleet of `vms` VMs for the benchmark, the same for the same size on every run (a seeded PRNG):
// three services with their own ports, proxy ports and egress addresses, VMs in groups of up to
// 50 addresses, each group running one or two of the services.

function prng(seed) {
  // mulberry32: small, fast, and the same sequence on every machine.
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SERVICES = ["details", "ratings", "reviews"];

export function fleetValues(vms, seed = 20261121) {
  const random = prng(seed);
  const services = Object.fromEntries(
    SERVICES.map((name, k) => [
      name,
      {
        namespace: "bookinfo",
        hostname: `${name}.bookinfo.example.com`,
        ports: [{ number: 9080 + k, name: "http", protocol: "HTTP", applicationPort: 8080 + k }],
        serviceAccount: `bookinfo-${name}`,
        labels: { version: `v${k + 1}` },
        egress: [{ bind: `127.0.0.${k + 2}`, hosts: ["./*"] }],
        ...(k === 0 ? { egressHosts: [`mysql.${name}.example.com`] } : {}),
        proxy: { adminPort: 15000 + 100 * k, statusPort: 15020 + 100 * k, envoyStatusPort: 15021 + 100 * k, envoyPrometheusPort: 15090 + 100 * k },
      },
    ]),
  );
  const groups = {};
  for (let start = 0, g = 0; start < vms; g++) {
    const size = Math.min(vms - start, 1 + Math.floor(random() * 50));
    const first = Math.floor(random() * SERVICES.length);
    const names = random() < 0.5 ? [SERVICES[first]] : [SERVICES[first], SERVICES[(first + 1) % SERVICES.length]];
    groups[`pool${g}`] = {
      addresses: Array.from({ length: size }, (_, i) => address(start + i)),
      services: names.sort(),
      network: `vpc-${g % 4}`,
      bootstrap: { sshUser: "istio-proxy", proxyConfigDir: "/etc/istio-proxy" },
    };
    start += size;
  }
  // Every service must run somewhere (a one-VM fleet runs one or two of them).
  const used = new Set(Object.values(groups).flatMap((g) => g.services));
  for (const name of SERVICES) if (!used.has(name)) delete services[name];
  return {
    // Some VMs run two proxies: a proxyv2 of Istio 1.11 or later (src/chart/checks/fleet.ts).
    global: { hub: "registry.internal/tetrate", tag: "1.24.2", tcc: { tenant: "t1", environment: "prod", cluster: "c1" }, vmgateway: { host: "vmgateway.example.com" } },
    services,
    vms: groups,
  };
}

function address(i) {
  return `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
}
