// Issue 11, hostile and huge input: each answered within seconds with a clear error naming what
// was wrong, never a stack trace. (Speed itself is measured by `npm run bench`; the time limits
// here only tell "seconds" from "minutes", which is what the quadratic versions took.)
import { describe, expect, it } from "vitest";
import { parseSet, validateValues } from "../src/index.js";
import { showValue } from "../src/errors.js";
import { fleetValues } from "./fixtures.js";

describe("error reporting is linear in the number of problems (item 9)", () => {
  it("10,000 invalid fleet group names: one problem each, at its own key, in seconds", () => {
    const values = fleetValues(1);
    const group = (values.vms as Record<string, unknown>).pool;
    const vms: Record<string, unknown> = {};
    for (let i = 0; i < 10_000; i++) vms[`Pool_${i}`] = group;
    const result = validateValues({ ...values, vms });
    expect(result.ok).toBe(false);
    expect(result.problems).toHaveLength(10_000);
    expect(result.problems[0]).toEqual({ path: "vms.Pool_0", message: expect.stringMatching(/^is not a valid key: must be a DNS-1123 label/) });
  }, 20_000);

  it("a problem shows only the start of the value it is about, without reading the rest", () => {
    let reads = 0;
    const big = new Proxy(Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`key${i}`, i])), {
      get(target, key, receiver) {
        reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    const shown = showValue(big);
    expect(shown).toMatch(/^\{"key0":0,"key1":1,.*\.\.\.$/);
    expect(shown.length).toBe(80);
    expect(reads).toBeLessThan(100);
  });

  it("shows values JSON cannot: BigInt, cycles", () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(showValue(10n)).toBe("10n");
    expect(showValue(cyclic)).toBe('{"a":1,"self":<cycle>}');
  });

  it("--set-json with 20,000 keys is read in seconds (the scanner no longer copies the rest at each value)", () => {
    const expression = Array.from({ length: 20_000 }, (_, i) => `k${i}=${i}`).join(",");
    const values = parseSet(expression, { kind: "set-json" });
    expect(Object.keys(values)).toHaveLength(20_000);
    expect(values.k19999).toBe(19_999);
  }, 20_000);

  it("the scanner still reads runes: non-BMP characters in keys and values", () => {
    expect(parseSet("😀.k=\"😀x\",b=[1,\"😀\"]", { kind: "set-json" })).toEqual({ "😀": { k: "😀x" }, b: [1, "😀"] } as never);
  });
});
