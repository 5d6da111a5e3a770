// The downloadable template: the columns with one example row, and a second sheet that explains
// each column and the values it allows.
import ExcelJS from 'exceljs';
import type { ColumnDef } from './columns.js';

export async function templateWorkbook(sheetName: string, columns: readonly ColumnDef[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns.map((c) => ({ header: c.header, width: 16 }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRow(columns.map((c) => c.example));
  const help = workbook.addWorksheet('填写说明');
  help.columns = [{ header: '列 column', width: 16 }, { header: '英文 English', width: 18 }, { header: '说明与可填的值 allowed values', width: 70 }];
  help.getRow(1).font = { bold: true };
  for (const c of columns) help.addRow([c.header, c.en, c.help]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
