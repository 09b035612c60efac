/**
 * Helm's `--set` grammar (helm/helm pkg/strvals), ported rule for rule so that an expression means
 * here exactly what it means to `helm template`:
 *
 *   a.b=c,d=e     nested keys, several assignments        list[0]=x, list[0].k=v, m[1][0]=y
 *   a={x,y}       a list                                  \, \. \= \[ escape any character
 *   true/false/null (any case) and base-10 int64 are typed; `0` is an int, `00009` and `1.5` stay strings
 *
 * Kinds: "set" (typed), "set-string" (never typed), "set-file" (the value names a file whose
 * content becomes the string), "set-json" (each value is one JSON value) and "set-literal" (no
 * escapes, no commas: the rest of the expression is the value). Like Helm, an expression is
 * parsed *into* the values gathered so far, so `--set list[1]=x` edits a list a values file gave.
 *
 * Where Helm would panic on a type clash (`a.b=1` when `a` is a string) it reports "unable to
 * parse key"; so does this. One limit is added: Helm bounds `.` nesting at 30 but not `[i][j]`
 * nesting; here the two together are bounded at 30, so no expression can exhaust the stack.
 */
import { isMap, setKey, hasOwn, nestedDeeperThan, type Values } from "./objects.js";

export const MAX_INDEX = 65536;
export const MAX_NESTED_NAME_LEVEL = 30;
/** How deep a --set-json value may nest: as deep as a values file (parseValuesYaml's maxDepth). */
export const MAX_JSON_DEPTH = 100;

export type SetKind = "set" | "set-string" | "set-json" | "set-file" | "set-literal";

export class StrvalsError extends Error {}

/** End of input: Helm's io.EOF, which ends parsing without an error. */
const EOF = Symbol("EOF");
/** The value does not start with `{`: Helm's ErrNotList. */
const NOT_LIST = Symbol("NOT_LIST");

type ValueReader = (runes: string) => unknown;

/**
 * Reads the expression rune by rune (a code point, as Go reads runes) by its offset in the text.
 * rest() is a slice of the text from that offset, which V8 makes without copying: a --set-json of
 * 20,000 keys takes the rest once per key, and copying it each time was quadratic (issue 11).
 */
class Scanner {
  private pos = 0;
  /** Length in UTF-16 units of the rune read last, for unread(). */
  private last = 0;
  constructor(private readonly text: string) {}
  read(): string | undefined {
    if (this.pos >= this.text.length) return undefined;
    const rune = String.fromCodePoint(this.text.codePointAt(this.pos)!);
    this.last = rune.length;
    this.pos += rune.length;
    return rune;
  }
  /** Steps back over the rune read last (only ever one). */
  unread(): void {
    this.pos -= this.last;
    this.last = 0;
  }
  rest(): string {
    return this.text.slice(this.pos);
  }
  /** Advances by `codeUnits` UTF-16 units of rest(). */
  skip(codeUnits: number): void {
    this.pos = Math.min(this.text.length, this.pos + codeUnits);
  }
}

/** Reads runes until one in `stop`; a backslash makes the next rune literal unless `literal`. */
function runesUntil(sc: Scanner, stop: string, literal = false): { value: string; last?: string; eof: boolean } {
  let value = "";
  for (;;) {
    const r = sc.read();
    if (r === undefined) return { value, eof: true };
    if (stop.includes(r)) return { value, last: r, eof: false };
    if (r === "\\" && !literal) {
      const next = sc.read();
      if (next === undefined) return { value, eof: true };
      value += next;
    } else value += r;
  }
}

/** Helm's typedVal: the only typing `--set` does. */
export function typedVal(s: string, forceString: boolean): unknown {
  if (forceString) return s;
  const lower = s.toLowerCase();
  if (lower === "true") return true;
  if (lower === "false") return false;
  if (lower === "null") return null;
  if (s === "0") return 0;
  // Go's strconv.ParseInt(s, 10, 64): optional sign, decimal digits, within int64. Values that
  // start with 0 are never numbers (`00009` stays a string).
  if (s.length > 0 && s[0] !== "0" && /^[+-]?[0-9]+$/.test(s)) {
    const big = BigInt(s);
    if (big >= -(2n ** 63n) && big <= 2n ** 63n - 1n) {
      // JavaScript numbers hold integers exactly only up to 2^53; beyond that the text is kept
      // rather than silently changing the number (Helm would keep an exact int64).
      return Number.isSafeInteger(Number(big)) ? Number(big) : s;
    }
  }
  return s;
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (isMap(v)) return "a map";
  return `a ${typeof v}`;
}

/** Go's strconv.Atoi, with Helm's error wording. */
function atoi(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s)) throw new StrvalsError(`error parsing index: strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = Number(s);
  if (!Number.isSafeInteger(n)) throw new StrvalsError(`error parsing index: strconv.Atoi: parsing ${JSON.stringify(s)}: value out of range`);
  return n;
}

function setIndex(list: unknown[], index: number, val: unknown): unknown[] {
  if (index < 0) throw new StrvalsError(`negative ${index} index not allowed`);
  if (index > MAX_INDEX) throw new StrvalsError(`index of ${index} is greater than maximum supported index of ${MAX_INDEX}`);
  while (list.length <= index) list.push(null);
  list[index] = val;
  return list;
}

function set(data: Values, key: string, val: unknown): void {
  if (key.length === 0) return; // Helm ignores an empty key
  setKey(data, key, val);
}

/** Length in UTF-16 units of the single JSON value that starts `text` (after blanks). */
function jsonValueLength(text: string): number {
  let i = 0;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  const start = text[i];
  if (start === "{" || start === "[" || start === '"') {
    let depth = 0;
    let inString = false;
    for (; i < text.length; i++) {
      const c = text[i]!;
      if (inString) {
        if (c === "\\") i++;
        else if (c === '"') {
          inString = false;
          if (depth === 0) return i + 1;
        }
      } else if (c === '"') inString = true;
      else if (c === "{" || c === "[") depth++;
      else if (c === "}" || c === "]") {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    return text.length;
  }
  while (i < text.length && !/[\s,\]}{[]/.test(text[i]!)) i++;
  return i;
}

class Parser {
  constructor(
    private readonly sc: Scanner,
    private readonly data: Values,
    private readonly kind: SetKind,
    private readonly reader: ValueReader,
  ) {}

  parse(): void {
    for (;;) {
      if (this.key(this.data, 0) === EOF) return;
    }
  }

  private get literal(): boolean {
    return this.kind === "set-literal";
  }

  /** Returns EOF when the input ended cleanly; throws on malformed input. */
  private key(data: Values, level: number): typeof EOF | void {
    const stop = this.literal ? "=[." : "=[,.";
    const { value: k, last, eof } = runesUntil(this.sc, stop, this.literal);
    if (eof) {
      if (k.length === 0) return EOF;
      throw new StrvalsError(`key ${JSON.stringify(k)} has no value`);
    }
    switch (last) {
      case "[": {
        const i = this.keyIndex(level + 1);
        let list: unknown[] = [];
        if (hasOwn(data, k)) {
          const existing = data[k];
          if (!Array.isArray(existing)) throw new StrvalsError(`unable to parse key: ${JSON.stringify(k)} is ${describe(existing)}, not a list`);
          list = existing;
        }
        let result: typeof EOF | void;
        try {
          result = this.listItem(list, i, level + 1);
        } finally {
          set(data, k, list);
        }
        return result;
      }
      case "=":
        return this.assign((v) => set(data, k, v));
      case ",":
        set(data, k, "");
        throw new StrvalsError(`key ${JSON.stringify(k)} has no value (cannot end with ,)`);
      case ".": {
        if (level + 1 > MAX_NESTED_NAME_LEVEL) {
          throw new StrvalsError(`value name nested level is greater than maximum supported nested level of ${MAX_NESTED_NAME_LEVEL}`);
        }
        let inner: Values = {};
        if (hasOwn(data, k)) {
          const existing = data[k];
          if (!isMap(existing)) throw new StrvalsError(`unable to parse key: ${JSON.stringify(k)} is ${describe(existing)}, not a map`);
          inner = existing;
        }
        const e = this.key(inner, level + 1);
        if (e !== EOF && Object.keys(inner).length === 0) throw new StrvalsError(`key map ${JSON.stringify(k)} has no value`);
        if (Object.keys(inner).length !== 0) set(data, k, inner);
        return e;
      }
    }
  }

  private keyIndex(level: number): number {
    if (level > MAX_NESTED_NAME_LEVEL) {
      throw new StrvalsError(`value name nested level is greater than maximum supported nested level of ${MAX_NESTED_NAME_LEVEL}`);
    }
    const { value, eof } = runesUntil(this.sc, "]", this.literal);
    if (eof) throw new StrvalsError("error parsing index: EOF");
    return atoi(value);
  }

  /** Sets `list[i]` from what follows `]`; mutates and returns through `list`. */
  private listItem(list: unknown[], i: number, level: number): typeof EOF | void {
    if (i < 0) throw new StrvalsError(`negative ${i} index not allowed`);
    const { value: k, last, eof } = runesUntil(this.sc, "[.=", this.literal);
    if (k.length > 0) throw new StrvalsError(`unexpected data at end of array index: ${JSON.stringify(k)}`);
    if (eof) return EOF;
    switch (last) {
      case "=":
        return this.assign((v) => setIndex(list, i, v));
      case "[": {
        const nextI = this.keyIndex(level + 1);
        let inner: unknown[] = [];
        if (list.length > i && list[i] !== null && list[i] !== undefined) {
          if (!Array.isArray(list[i])) throw new StrvalsError(`unable to parse key: index ${i} is ${describe(list[i])}, not a list`);
          inner = list[i] as unknown[];
        }
        // Helm stores the inner list only when a value followed (`a[0][0]` alone gives `a: []`).
        if (this.listItem(inner, nextI, level + 1) === EOF) return EOF;
        setIndex(list, i, inner);
        return;
      }
      default: {
        // "." — a map inside the list; an existing non-map at that index is replaced, as Helm does.
        let inner: Values = {};
        if (list.length > i && isMap(list[i])) inner = list[i] as Values;
        if (this.key(inner, level + 1) === EOF) return EOF;
        setIndex(list, i, inner);
        return;
      }
    }
  }

  /** After `=`: the value in whichever form this kind takes, handed to `put`. */
  private assign(put: (v: unknown) => unknown): typeof EOF | void {
    if (this.kind === "set-literal") {
      put(this.sc.rest());
      this.sc.skip(Infinity);
      return;
    }
    if (this.kind === "set-json") return this.jsonValue(put);
    const vl = this.valList();
    if (vl === EOF) {
      put("");
      return EOF;
    }
    if (vl !== NOT_LIST) {
      put(vl);
      return;
    }
    const { value } = runesUntil(this.sc, ",");
    put(this.reader(value));
  }

  private jsonValue(put: (v: unknown) => unknown): typeof EOF | void {
    if (this.emptyVal()) {
      put(null);
      return;
    }
    const rest = this.sc.rest();
    const n = jsonValueLength(rest);
    let value: unknown;
    try {
      value = JSON.parse(rest.slice(0, n));
    } catch (e) {
      throw new StrvalsError(`invalid JSON value ${JSON.stringify(rest.slice(0, n) || rest)}: ${(e as Error).message}`);
    }
    // As deep as a values file may be (the YAML reader's bound), so later stages cannot overflow the stack.
    if (nestedDeeperThan(value, MAX_JSON_DEPTH)) throw new StrvalsError(`JSON value nested deeper than ${MAX_JSON_DEPTH} levels`);
    put(value);
    this.sc.skip(n);
    this.emptyVal();
  }

  /** Consumes blanks up to a comma or the end (an empty value) or stops before anything else. */
  private emptyVal(): boolean {
    for (;;) {
      const r = this.sc.read();
      if (r === undefined || r === ",") return true;
      if (!/\s/u.test(r)) {
        this.sc.unread();
        return false;
      }
    }
  }

  private valList(): unknown[] | typeof EOF | typeof NOT_LIST {
    const r = this.sc.read();
    if (r === undefined) return EOF;
    if (r !== "{") {
      this.sc.unread();
      return NOT_LIST;
    }
    const list: unknown[] = [];
    for (;;) {
      const { value, last, eof } = runesUntil(this.sc, ",}");
      if (eof) throw new StrvalsError("list must terminate with '}'");
      list.push(this.reader(value));
      if (last === "}") {
        const next = this.sc.read();
        if (next !== undefined && next !== ",") this.sc.unread();
        return list;
      }
    }
  }
}

/**
 * Parses one expression of the given kind into `into` (mutated and returned). `readFile` is
 * needed for "set-file" only. Throws StrvalsError with Helm's wording on malformed input.
 */
export function parseStrvals(expression: string, kind: SetKind, into: Values, readFile?: (path: string) => string): Values {
  let reader: ValueReader;
  if (kind === "set-file") {
    if (!readFile) throw new StrvalsError("--set-file needs a readFile function");
    reader = (path) => readFile(path);
  } else reader = (s) => typedVal(s, kind === "set-string");
  new Parser(new Scanner(expression), into, kind, reader).parse();
  return into;
}
