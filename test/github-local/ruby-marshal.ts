import { deflateSync } from 'node:zlib';

/** Ruby's Marshal format 4.8, written: `gem install` reads a gem's spec as `quick/Marshal.4.8/NAME-VERSION.gemspec.rz`. */

export class Sym {
  constructor(readonly name: string) {}
}
/** An object whose class defines marshal_dump (`U`), e.g. Gem::Version. */
export class UserMarshal {
  constructor(
    readonly className: string,
    readonly data: RubyValue,
  ) {}
}
/** An object whose class defines _dump (`u`), e.g. Gem::Specification; `bytes` is what _dump returned. */
export class UserDump {
  constructor(
    readonly className: string,
    readonly bytes: Buffer,
  ) {}
}
/** A plain object (`o`) with its instance variables. */
export class RubyObject {
  constructor(
    readonly className: string,
    readonly ivars: Array<[string, RubyValue]>,
  ) {}
}
export type RubyValue =
  null | boolean | number | string | Sym | UserMarshal | UserDump | RubyObject | RubyValue[] | Map<RubyValue, RubyValue>;

/** Marshal.dump of a value; strings are UTF-8 (`E` true). */
export function marshal(value: RubyValue): Buffer {
  const out: number[] = [4, 8];
  const symbols = new Map<string, number>();
  const int = (n: number) => {
    if (n === 0) return out.push(0);
    if (n > 0 && n < 123) return out.push(n + 5);
    if (n < 0 && n > -124) return out.push((n - 5) & 0xff);
    const bytes: number[] = [];
    let x = n;
    for (let i = 0; i < 4 && !(n > 0 ? x === 0 : x === -1); i++) {
      bytes.push(x & 0xff);
      x >>= 8;
    }
    out.push(n > 0 ? bytes.length : 256 - bytes.length, ...bytes);
  };
  const raw = (b: Buffer) => {
    int(b.length);
    out.push(...b);
  };
  const symbol = (name: string) => {
    const seen = symbols.get(name);
    if (seen !== undefined) {
      out.push(0x3b);
      int(seen);
      return;
    }
    symbols.set(name, symbols.size);
    out.push(0x3a);
    raw(Buffer.from(name));
  };
  const write = (v: RubyValue): void => {
    if (v === null) out.push(0x30);
    else if (v === true) out.push(0x54);
    else if (v === false) out.push(0x46);
    else if (typeof v === 'number') {
      out.push(0x69);
      int(v);
    } else if (typeof v === 'string') {
      out.push(0x49, 0x22);
      raw(Buffer.from(v));
      int(1);
      symbol('E');
      out.push(0x54);
    } else if (v instanceof Sym) symbol(v.name);
    else if (Array.isArray(v)) {
      out.push(0x5b);
      int(v.length);
      v.forEach(write);
    } else if (v instanceof Map) {
      out.push(0x7b);
      int(v.size);
      for (const [k, x] of v) {
        write(k);
        write(x);
      }
    } else if (v instanceof UserMarshal) {
      out.push(0x55);
      symbol(v.className);
      write(v.data);
    } else if (v instanceof UserDump) {
      out.push(0x75);
      symbol(v.className);
      raw(v.bytes);
    } else {
      out.push(0x6f);
      symbol(v.className);
      int(v.ivars.length);
      for (const [k, x] of v.ivars) {
        symbol(k);
        write(x);
      }
    }
  };
  write(value);
  return Buffer.from(out);
}

export interface GemRequirement {
  op: string;
  version: string;
}
export interface GemSpecFields {
  name: string;
  version: string;
  platform: string;
  summary?: string;
  authors?: string[];
  licenses?: string[];
  dependencies: Array<{ name: string; requirements: GemRequirement[] }>;
  metadata?: Record<string, string>;
}

const version = (v: string) => new UserMarshal('Gem::Version', [v]);
const requirement = (reqs: GemRequirement[]) =>
  new UserMarshal('Gem::Requirement', [(reqs.length ? reqs : [{ op: '>=', version: '0' }]).map((r) => [r.op, version(r.version)])]);

/** The deflated Marshal of a Gem::Specification, as `Gem::Specification#_dump` lays it out (specification_version 4). */
export function quickSpec(spec: GemSpecFields): Buffer {
  const dependencies = spec.dependencies.map(
    (d) =>
      new RubyObject('Gem::Dependency', [
        ['@name', d.name],
        ['@requirement', requirement(d.requirements)],
        ['@type', new Sym('runtime')],
        ['@prerelease', false],
        ['@version_requirements', requirement(d.requirements)],
      ]),
  );
  const fields: RubyValue[] = [
    '3.3.15',
    4,
    spec.name,
    version(spec.version),
    null,
    spec.summary ?? '',
    requirement([]),
    requirement([]),
    spec.platform,
    dependencies,
    '',
    null,
    spec.authors ?? [],
    null,
    null,
    true,
    spec.platform,
    spec.licenses ?? [],
    new Map(Object.entries(spec.metadata ?? {})),
  ];
  return deflateSync(marshal(new UserDump('Gem::Specification', marshal(fields))));
}
