// Floor of `npm start`: a bare node process that opens the same PGlite data dir and answers one query.
// It prints "open" then, the moment the bench compares with /api/health's first answer, and closes.
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

const db = await PGlite.create(join(process.argv[2], 'pglite'));
await db.query('select 1');
process.stdout.write('open\n');
await db.close();
