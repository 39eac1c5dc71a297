// Floor of `cli validate` and `cli template`: a bare node process that loads exceljs and reads the file
// (plain JavaScript, nothing compiled, nothing checked).
import ExcelJS from 'exceljs';

const workbook = new ExcelJS.Workbook();
await workbook.xlsx.readFile(process.argv[2]);
if (workbook.worksheets.length === 0) process.exit(1);
