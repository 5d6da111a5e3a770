// The administrative divisions the demo CPPCCs sit in, read from the file that
// scripts/extract-divisions.ts writes, and the few look-ups the generator needs.
import fs from 'node:fs';

export type DivisionLevel = 'province' | 'city' | 'county' | 'town' | 'village';
export interface Division {
  code: string;
  name: string;
  level: DivisionLevel;
  parentCode: string | null;
}

const file = new URL('./data/jiaxing-divisions.json', import.meta.url);
let cached: Division[] | undefined;

/** Zhejiang, Jiaxing, its 7 county-level divisions, 72 towns and streets and 1,202 villages and communities. */
export function jiaxingDivisions(): Division[] {
  cached ??= JSON.parse(fs.readFileSync(file, 'utf8')) as Division[];
  return cached;
}

/** Children, parents and names by code, built once per division list. */
export class DivisionIndex {
  readonly byCode = new Map<string, Division>();
  private readonly children = new Map<string, Division[]>();

  constructor(readonly all: readonly Division[]) {
    for (const d of all) {
      this.byCode.set(d.code, d);
      if (d.parentCode) {
        const list = this.children.get(d.parentCode) ?? [];
        list.push(d);
        this.children.set(d.parentCode, list);
      }
    }
  }

  get(code: string): Division {
    const d = this.byCode.get(code);
    if (!d) throw new Error(`unknown division ${code}`);
    return d;
  }

  childrenOf(code: string): Division[] {
    return this.children.get(code) ?? [];
  }

  /** All divisions of `level` at or below `code`. */
  within(code: string, level: DivisionLevel): Division[] {
    const out: Division[] = [];
    const walk = (d: Division) => {
      if (d.level === level) out.push(d);
      else for (const c of this.childrenOf(d.code)) walk(c);
    };
    walk(this.get(code));
    return out;
  }

  /** The ancestor (or the division itself) at `level`, if any. */
  ancestor(code: string, level: DivisionLevel): Division | undefined {
    for (let d = this.byCode.get(code); d; d = d.parentCode ? this.byCode.get(d.parentCode) : undefined) {
      if (d.level === level) return d;
    }
    return undefined;
  }
}

/**
 * The name people use for a village or community: 百福弄社区居委会 → 百福弄社区, 五丰村村委会 → 五丰村.
 * The source writes some committees short (博山村委会 is the committee of 博山村), so 村 is put back.
 */
export function villageShort(name: string): string {
  const village = name.replace(/村(民委员会|委会)$/, '');
  if (village !== name) return village.endsWith('村') ? village : `${village}村`;
  return name.replace(/(居民委员会|居委会)$/, '');
}

/** 海宁市 → 海宁, 南湖区 → 南湖 (but keeps two-character names whole). */
export const areaShort = (name: string) => (name.length > 2 ? name.replace(/(市|区|县)$/, '') : name);
