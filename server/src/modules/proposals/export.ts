// The filtered proposal list as .xlsx: the very list GET /api/proposals shows (its filters, its
// scope), read page by page and streamed, so that a year of a national plenary never sits in
// memory whole.
import type { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import { writeSheet } from '../../platform/xlsx.js';
import { chinaDate } from '../../platform/time.js';
import type { listQuery } from './schema.js';
import { listProposals, stateLabels } from './service.js';

type Filters = Omit<z.infer<typeof listQuery>, 'cursor' | 'limit'>;
const KIND = { individual: '个人', joint: '联名', collective: '集体' } as const;
const ROLE = { lead: '主办', assisting: '协办', separate: '分办' } as const;

const columns = [
  { header: '提案号', width: 32 }, { header: '标题', width: 50 }, { header: '提案者', width: 20 }, { header: '界别' }, { header: '类别' }, { header: '类型', width: 8 },
  { header: '状态', width: 12 }, { header: '承办单位', width: 40 }, { header: '办理期限', width: 12 }, { header: '提交日期', width: 12 }, { header: '重点提案', width: 10 }, { header: '公开', width: 8 },
];

export async function exportList(ctx: Ctx, q: Filters) {
  // The first page is read before answering, so that a bad filter is a 4xx, not a broken file.
  const first = await listProposals(ctx, { ...q, limit: 100 });
  async function* rows() {
    let page = first;
    for (;;) {
      for (const p of page.items) {
        yield [
          p.numberLabel, p.title, p.proposerName, p.sectorName, p.categoryName, KIND[p.kind], stateLabels[p.state].zh,
          p.units.map((u) => `${u.name}（${ROLE[u.role]}）`).join('、') || null,
          p.units.map((u) => u.deadline).sort()[0] ?? null,
          p.filedAt ? chinaDate(new Date(p.filedAt)) : null,
          p.isKey ? '是' : '', p.isPublic ? '是' : '',
        ];
      }
      if (!page.nextCursor) return;
      page = await listProposals(ctx, { ...q, cursor: page.nextCursor, limit: 100 });
    }
  }
  return writeSheet('提案', columns, rows());
}
