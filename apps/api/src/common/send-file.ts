import type { Response } from 'express';
import type { DocumentFile, ReportAnswer } from '@motcua/application';

/** Does the client already hold these bytes (If-None-Match lists the tag, or `*`)? */
function held(res: Response, etag: string): boolean {
  const header = res.req.headers['if-none-match'];
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === etag || tag === '*';
  });
}

/**
 * Sends a rendered document: inline under its file name, with a strong ETag of its bytes. `no-cache` makes a
 * client ask again each time (a new event may change the form); a client holding the same bytes gets 304.
 */
export function sendFile(res: Response, file: DocumentFile): void {
  res.setHeader('ETag', file.etag);
  res.setHeader('Cache-Control', 'private, no-cache');
  if (held(res, file.etag)) {
    res.status(304).end();
    return;
  }
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Disposition', `inline; filename="${file.filename}"`);
  res.setHeader('Content-Length', file.body.length);
  res.end(file.body);
}

/** A report: its JSON, or its file (CSV, XLSX) as `sendFile` sends one. */
export function sendReport(res: Response, answer: ReportAnswer): void {
  if (answer.file) sendFile(res, answer.file);
  else res.json(answer.json);
}
