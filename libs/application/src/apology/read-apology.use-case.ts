import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@motcua/config';
import type { ApologyLetterView, Principal } from '@motcua/contracts';
import { EventStore } from '@motcua/database';
import { AppError } from '../app-error';
import { CLOCK, type Clock } from '../clock';
import { RulesProvider } from '../rules/rules.provider';
import { letterViewOf, readVisibleDossier } from './dossier-record';

/**
 * `GET /api/v1/dossiers/:code/apology` (its `.pdf` and `.html` are ReadDocuments'): the dossier's apology letter, Mẫu 04 of its rule set — the
 * issued letter, the draft awaiting a signature, a cancelled draft, or a preview while one is due. 404 when the
 * dossier has none of these, and, like the dossier itself, outside the caller's units.
 */
@Injectable()
export class ReadApology {
  constructor(
    private readonly store: EventStore,
    private readonly rules: RulesProvider,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async get(code: string, principal: Principal): Promise<ApologyLetterView> {
    const now = this.clock.now();
    const record = await readVisibleDossier(this.store, this.rules, code, principal, now);
    const letter = letterViewOf(record, this.config, now);
    if (!letter) throw AppError.notFound(`an apology letter of dossier ${code}`);
    return letter;
  }
}
