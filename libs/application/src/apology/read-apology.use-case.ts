import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@motcua/config';
import { hasUnit, isDossierCode, type ApologyLetterView, type Principal } from '@motcua/contracts';
import { renderApologyLetter } from '@motcua/documents';
import { EventStore } from '@motcua/database';
import { AppError } from '../app-error';
import { CLOCK, type Clock } from '../clock';
import { routeUnits } from '../dossiers/dossier.presenter';
import { RulesProvider } from '../rules/rules.provider';
import { letterViewOf, readDossiers } from './dossier-record';

/**
 * `GET /api/v1/dossiers/:code/apology` (and `.html`): the dossier's apology letter, Mẫu 04 of its rule set — the
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
    if (!isDossierCode(code)) throw AppError.notFound('dossier');
    const now = this.clock.now();
    const record = (await readDossiers(this.store, this.rules, [code], now)).get(code);
    if (!record) throw AppError.notFound(`dossier ${code}`);
    const state = record.fold.state;
    // Out-of-scope dossiers answer 404, so that their existence is not revealed.
    if (!routeUnits(state).some((u) => hasUnit(principal, u))) throw AppError.notFound(`dossier ${code}`);
    const letter = letterViewOf(record, this.config, now);
    if (!letter) throw AppError.notFound(`an apology letter of dossier ${code}`);
    return letter;
  }

  /** The letter rendered in Vietnamese (libs/documents). */
  async html(code: string, principal: Principal): Promise<string> {
    return renderApologyLetter(await this.get(code, principal));
  }
}
