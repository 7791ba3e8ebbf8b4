/** A 罗盘 breakdown as an Excel workbook (one sheet: the header, then a row per value; numbers stay numbers). */
import ExcelJS from 'exceljs';
import { breakdownTable, type Breakdown } from '@zhongcao/core';

export async function breakdownXlsx(b: Breakdown, lang: 'zh-CN' | 'en'): Promise<Buffer> {
  const { header, rows } = breakdownTable(b, lang);
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(`${b.dim} ${b.range.from}–${b.range.to}`.slice(0, 31));
  sheet.addRow(header).font = { bold: true };
  for (const r of rows) sheet.addRow(r.map((v) => (typeof v === 'string' && /^[=+\-@]/.test(v) ? `'${v}` : v)));
  sheet.columns.forEach((c, i) => {
    c.width = i < 2 ? 28 : 14;
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
