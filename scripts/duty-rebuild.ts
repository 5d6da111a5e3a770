// npm run duty:rebuild [-- --year <YYYY>]
//   derives every member's duty events again from the records the modules hold (proposals,
//   reports, meetings), for every year or one; entries typed by the office stay as they are.
import { parseArgs } from 'node:util';
import { openDatabase } from '../server/src/modules/setup/cli.js';
import { rebuildDuty } from '../server/src/modules/duty/service.js';
import { modules } from '../server/src/modules/index.js';

const { values } = parseArgs({ options: { year: { type: 'string' } } });
const year = values.year === undefined ? undefined : Number(values.year);
if (year !== undefined && !(Number.isInteger(year) && year >= 2000 && year <= 2100)) {
  console.error('--year: 年度应在 2000 到 2100 之间 (the year is between 2000 and 2100)');
  process.exit(2);
}
const { ctx, close } = await openDatabase();
try {
  const n = await rebuildDuty(ctx.db, modules.flatMap((m) => m.duty ?? []), year);
  console.log(`履职记录已重建：${n} 条 (duty events rebuilt: ${n}${year ? `, year ${year}` : ''})`);
} finally {
  await close();
}
