import { describe, expect, it } from "vitest";
import { checkHostsFile } from "../src/output/checkPlainFiles.js";

describe("a hosts file is checked line by line", () => {
  it.each(["# generated\n127.0.0.2 reviews.bookinfo.svc.cluster.local\n", "::1 a.example.com b\n", "fd00::10 x\n10.0.0.1 y z\n"])("accepts %j", (content) => {
    expect(checkHostsFile(content)).toBeUndefined();
  });

  it.each([
    ["1.2.3.256 x\n", 'line 1 is not "<ip> <host name>…"'],
    ["01.2.3.4 x\n", 'line 1 is not "<ip> <host name>…"'],
    ["::g x\n", 'line 1 is not "<ip> <host name>…"'],
    ["# c\n127.0.0.2\n", 'line 2 is not "<ip> <host name>…"'],
    ["reviews 127.0.0.2\n", 'line 1 is not "<ip> <host name>…"'],
    ["127.0.0.2 -bad\n", 'line 1: "-bad" is not a host name'],
  ])("refuses %j", (content, reason) => {
    expect(checkHostsFile(content)).toBe(reason);
  });
});
