// The panorama's answer: every declared figure counted over the organizations and period asked
// for, with the checks that must hold between them. The dashboard counts nothing itself; it asks
// the modules' declarations (platform/figures.ts) and compares what they say.
import type { Trx } from '../../platform/context.js';
import { invalid, type Text } from '../../platform/errors.js';
import { countsItsRecords, type FigureDeclaration, type FigureOf, type FigureRange } from '../../platform/figures.js';
import type { OrgScope } from '../../platform/scope.js';
import type { Period } from './period.js';

/** The headings the report groups figures under, by the module that declares them. */
export const GROUPS: Record<string, Text> = {
  proposals: { zh: '提案工作', en: 'Proposals' },
  opinions: { zh: '社情民意信息', en: 'Public opinion' },
  consultations: { zh: '协商议政', en: 'Consultations' },
  halls: { zh: '基层协商平台', en: 'Halls and lounges' },
  suggestions: { zh: '意见建议', en: 'Suggestions' },
};
export const groupOf = (code: string) => code.slice(0, code.indexOf('.'));

export interface Check {
  codes: string[];
  ok: boolean;
  message: Text;
}

export const inReportOrder = <D extends { order: number }>(decls: D[]) => [...decls].sort((a, b) => a.order - b.order);

export function declaration<D extends { code: string }>(decls: D[], code: string): D {
  const found = decls.find((d) => d.code === code);
  if (!found) throw invalid('params.code', { zh: `没有编号为 ${code} 的统计数字`, en: `No figure has the code ${code}` }, 'unknown_figure');
  return found;
}

/** Each figure's value, in report order: for a set of organizations, or for one unit. */
export async function countAll<S, D extends FigureOf<S>>(db: Trx, decls: D[], orgs: S, range: FigureRange) {
  const values = await Promise.all(decls.map((d) => d.count(db, orgs, range)));
  return inReportOrder(decls).map((d) => ({ decl: d, value: values[decls.indexOf(d)]! }));
}

/**
 * What must agree, checked and said rather than hidden: a figure never exceeds the one it is part
 * of, and the records behind each figure add up to it.
 */
export async function checks<S>(db: Trx, counted: { decl: FigureOf<S>; value: number }[], orgs: S, range: FigureRange): Promise<Check[]> {
  const value = new Map(counted.map((c) => [c.decl.code, c.value]));
  const name = new Map(counted.map((c) => [c.decl.code, c.decl.name]));
  const out: Check[] = [];
  for (const { decl, value: v } of counted) {
    if (!decl.within || !value.has(decl.within)) continue;
    const whole = value.get(decl.within)!;
    const part = decl.name;
    const of = name.get(decl.within)!;
    out.push(
      v <= whole
        ? { codes: [decl.code, decl.within], ok: true, message: whole === v ? { zh: `${part.zh}与${of.zh}一致（${v}）`, en: `${part.en} equal ${of.en.toLowerCase()} (${v})` } : { zh: `${part.zh} ${v}，${of.zh} ${whole}，尚有 ${whole - v} 未到此步`, en: `${part.en}: ${v} of ${whole}; ${whole - v} not there yet` } }
        : { codes: [decl.code, decl.within], ok: false, message: { zh: `${part.zh}（${v}）多于${of.zh}（${whole}），两者的定义或数据有误`, en: `${part.en} (${v}) exceed ${of.en.toLowerCase()} (${whole}): a definition or the data is wrong` } },
    );
  }
  const totals = await Promise.all(counted.map((c) => (countsItsRecords(c.decl) ? c.value : c.decl.records(db, orgs, range, { page: 1, size: 1 }).then((p) => p.total))));
  const off = counted.filter((c, i) => totals[i] !== c.value);
  if (!off.length) out.push({ codes: counted.map((c) => c.decl.code), ok: true, message: { zh: '每个数字的明细条数与数值一致', en: "Every figure's records add up to it" } });
  for (const c of off) {
    const n = totals[counted.indexOf(c)]!;
    out.push({ codes: [c.decl.code], ok: false, message: { zh: `${c.decl.name.zh}为 ${c.value}，明细却有 ${n} 条`, en: `${c.decl.name.en} is ${c.value} but its records number ${n}` } });
  }
  return out;
}

/** The query string that asks for the same organization, scope and period again. */
export function periodParams(organizationId: number, scope: OrgScope, period: Period) {
  const p = new URLSearchParams({ organizationId: String(organizationId), scope });
  if (period.year !== null) p.set('year', String(period.year));
  else {
    p.set('from', period.from);
    p.set('to', period.to);
  }
  return p.toString();
}

export const figureOut = (decl: FigureDeclaration, value: number) => ({ ...unitFigureOut(decl, value), public: decl.public });

export const unitFigureOut = (decl: FigureOf<unknown>, value: number) => ({
  code: decl.code,
  group: groupOf(decl.code),
  name: decl.name,
  definition: decl.definition,
  value,
});
