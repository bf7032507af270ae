import type { Response } from 'express';
import type { DocumentFile } from '@motcua/application';

/**
 * Sends a rendered document: inline under its file name, with a strong ETag of its bytes. `no-cache` makes a
 * client ask again each time (a new event may change the form) and Express answers 304 when the tag still holds.
 */
export function sendFile(res: Response, file: DocumentFile): void {
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Disposition', `inline; filename="${file.filename}"`);
  res.setHeader('ETag', file.etag);
  res.setHeader('Cache-Control', 'private, no-cache');
  res.send(file.body);
}
