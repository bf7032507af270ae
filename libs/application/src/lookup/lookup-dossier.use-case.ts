import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@motcua/config';
import { isDossierCode, lookupQuerySchema, parseWith, type LookupAnswer } from '@motcua/contracts';
import { EventStore } from '@motcua/database';
import { AppError } from '../app-error';
import { CLOCK, type Clock } from '../clock';
import { foldStored, receptionProcedure } from '../dossiers/dossier-fold';
import { present } from '../presentation/instants';
import { RulesProvider } from '../rules/rules.provider';
import { lookupKeyOf } from './lookup-key';
import { lookupViewOf } from './lookup-view';

/** One answer for a wrong key, a code that cannot exist and an unknown dossier: codes cannot be enumerated. */
export function lookupNotFound(): AppError {
  return new AppError(404, 'not_found', 'No dossier matches this code and key');
}

/** Whether `key` is the dossier's key, compared in constant time (both are 8 ASCII characters once checked). */
export function keyMatches(code: string, key: string, secret: string): boolean {
  const expected = Buffer.from(lookupKeyOf(code, secret));
  const given = Buffer.from(key);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The public lookup (GET /tra-cuu): the receipt's code and key give the dossier's status in words, its dates,
 * whether it is late and whether an apology was issued — never personal data. The key is checked before any
 * storage is read, so a wrong key costs no query and takes as long whether the dossier exists or not.
 */
@Injectable()
export class LookupDossier {
  constructor(
    private readonly store: EventStore,
    private readonly rules: RulesProvider,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** 400 with the fields when the query is missing or malformed; 404 (always the same) when nothing matches. */
  async answer(query: unknown): Promise<LookupAnswer> {
    const parsed = parseWith(lookupQuerySchema, query);
    if (!parsed.ok)
      throw AppError.invalid(parsed.problems, 'Give the dossier code and the key of the receipt');
    const { code, key } = parsed.value;
    if (!isDossierCode(code) || !keyMatches(code, key, this.config.lookupSecret)) throw lookupNotFound();
    const events = await this.store.eventsOf([code]);
    const procedureCode = receptionProcedure(events);
    if (!procedureCode) throw lookupNotFound();
    const rules = await this.rules.forProcedures([procedureCode]);
    const now = this.clock.now();
    const { state, version } = foldStored(events, rules, now);
    const definition = rules.procedures.get(procedureCode)?.find((v) => v.version === version)?.definition;
    const view = lookupViewOf(code, state, definition?.name ?? null, now);
    return present(view, ['apologyIssuedAt', 'checkedAt']) as unknown as LookupAnswer;
  }
}
