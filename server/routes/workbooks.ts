/**
 * POST /api/workbooks: an .xlsx upload (multipart field `file`, or the raw bytes with the .xlsx content
 * type), read into the Office.js shape and validated; with ?save=true stored like POST /api/snapshots.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { textField, zodIssues } from '../api-issues';
import { checkInWorker } from '../check-in-worker';
import { membershipOfYear } from '../db/snapshots';
import { storeSave } from '../save';
import { defaultReadLimits } from '../xlsx/parse-xlsx';
import { workbookReadError } from '../xlsx/workbook-read-error';
import { requireRole } from './access';
import type { AppContext, AppEnv, RouteDeps } from './env';
import { messages } from '../messages';
import { apiError, langOf } from './errors';
import { booleanFlag, finished, limitBody, query, tooLarge, unreadable, versionId, yearSchema } from './input';
import { saveResponse } from './snapshots';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const uploadQuery = z.object({
  save: booleanFlag.default(false),
  year: yearSchema.optional(),
  basedOn: versionId.optional(),
  force: booleanFlag.default(false),
});

/** Windows allows 255 characters for a file's name with its folder; Excel's own limit is the same. */
const fileName = textField(255);

type Upload = { ok: true; bytes: Buffer; filename: string | null } | { ok: false; response: Response };

async function readUpload(c: AppContext, maxBytes: number): Promise<Upload> {
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) {
    let form: Record<string, unknown>;
    try {
      form = await c.req.parseBody();
    } catch {
      return { ok: false, response: apiError(c, 400, 'malformed-multipart', messages.malformedMultipart[langOf(c)]()) };
    }
    const file = form.file;
    if (!(file instanceof File)) {
      return { ok: false, response: apiError(c, 400, 'missing-file', messages.missingFile[langOf(c)]()) };
    }
    if (file.size > maxBytes) return { ok: false, response: tooLarge(c, maxBytes) };
    // The file's name is stored with the version (its source.workbook): the same rule as every other text.
    const name = fileName.safeParse(file.name);
    if (!name.success) {
      const [issue] = zodIssues(name.error, langOf(c));
      return { ok: false, response: apiError(c, 400, 'invalid-body', messages.badFileName[langOf(c)](issue.message), { issues: [{ ...issue, path: 'file.filename' }] }) };
    }
    return { ok: true, bytes: Buffer.from(await file.arrayBuffer()), filename: file.name || null };
  }
  if (type.startsWith(XLSX_TYPE)) {
    const bytes = Buffer.from(await c.req.arrayBuffer());
    return { ok: true, bytes, filename: null };
  }
  return { ok: false, response: apiError(c, 415, 'unsupported-media-type', messages.notXlsxUpload[langOf(c)]()) };
}

export function workbookRoutes(deps: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const maxBytes = deps.limits.workbookBytes;
  // Multipart framing adds a little around the file itself.
  app.post('/workbooks', requireRole('editor'), limitBody(maxBytes + 64 * 1024, 'workbook'), async (c) => {
    const q = query(c, uploadQuery);
    if (!q.ok) return q.response;
    const upload = await readUpload(c, maxBytes);
    if (!upload.ok) return upload.response;
    if (upload.bytes.length > maxBytes) return tooLarge(c, maxBytes);
    const lang = langOf(c);
    // Reading, validating and making the snapshot ready all run in the check worker, within its limits.
    const result = await checkInWorker(
      { kind: 'upload', bytes: upload.bytes, limits: defaultReadLimits, options: { year: q.value.year, lang }, save: q.value.save, lang, config: deps.config },
      (year) => membershipOfYear(deps.db, year),
      { bounds: deps.checkBounds },
    );
    if (!result.ok) {
      if (result.failure.kind === 'reader-failed') throw new Error('the check worker failed');
      return unreadable(c, workbookReadError(result.failure, null));
    }
    const checked = result.answer;
    if (checked.kind !== 'checked') return finished(c, checked);
    const wishes = { source: { workbook: upload.filename, sheets: [] }, basedOn: q.value.basedOn ?? null, force: q.value.force };
    const outcome = await storeSave(deps.db, { kind: 'valid', save: checked.save }, { ...wishes, sender: c.get('principal').name, now: deps.clock() }, deps.config);
    return saveResponse(c, outcome, 'upload');
  });
  return app;
}
