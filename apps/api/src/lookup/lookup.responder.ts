import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { LookupDossier } from '@motcua/application';
import type { LookupAnswer } from '@motcua/contracts';
import { answerPage, formPage, LOOKUP_CSP } from './lookup.page';

/** JSON when the client asks for it (`Accept: application/json`); a page for browsers, curl and anything else. */
export function wantsJson(req: Request): boolean {
  return req.accepts(['text/html', 'application/json']) === 'application/json';
}

/** On every answer of /tra-cuu, the error ones included: the key is in the URL, so nothing keeps or indexes it. */
export function lookupHeaders(res: Response): void {
  res.setHeader('Content-Security-Policy', LOOKUP_CSP);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Robots-Tag', 'noindex, nofollow');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Vary', 'Accept');
}

/** GET /tra-cuu: the form, the answer page, or the JSON twin (the use case decides; this only presents). */
@Injectable()
export class LookupResponder {
  constructor(private readonly lookups: LookupDossier) {}

  async answer(query: Record<string, unknown>, req: Request, res: Response): Promise<LookupAnswer | string> {
    lookupHeaders(res);
    const json = wantsJson(req);
    if (!json && query.code === undefined && query.key === undefined) {
      res.type('html');
      return formPage();
    }
    const answer = await this.lookups.answer(query);
    if (json) return answer;
    res.type('html');
    return answerPage(answer);
  }
}
