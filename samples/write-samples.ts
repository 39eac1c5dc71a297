/** `npm run samples`: writes the two sample workbooks next to this script. */
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIllustrativeWorkbook, buildStaffStyleWorkbook } from './build-samples';

const here = dirname(fileURLToPath(import.meta.url));

export const samplePaths = {
  illustrative: join(here, 'partnerskab-2025.xlsx'),
  staffStyle: join(here, 'budget-staff-style.xlsx'),
};

await buildIllustrativeWorkbook().xlsx.writeFile(samplePaths.illustrative);
await buildStaffStyleWorkbook().xlsx.writeFile(samplePaths.staffStyle);
for (const p of Object.values(samplePaths)) console.log(`wrote ${relative(process.cwd(), p)}`);
