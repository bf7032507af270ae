import { Injectable } from '@nestjs/common';
import { IndicatorRepository } from '@motcua/database';
import { ApplyEvents } from '../dossiers/apply-events.use-case';

export interface RebuildResult {
  /** Dossiers re-folded (their projection row and facts written anew). */
  refolded: number;
  /** Rollup rows after the rebuild. */
  rows: number;
  /** Rollup rows that still differ from the recomputation (0 unless workers wrote meanwhile). */
  drift: number;
}

const BATCH = 200;

/**
 * `npm run indicators:rebuild`: re-folds the dossiers whose facts were never computed (or every dossier with
 * `refold`), then replaces the rollups by their computation from scratch, with the table locked meanwhile.
 */
@Injectable()
export class RebuildIndicators {
  constructor(
    private readonly indicators: IndicatorRepository,
    private readonly apply: ApplyEvents,
  ) {}

  async run(options: { refold: boolean }): Promise<RebuildResult> {
    let refolded = 0;
    let after: string | null = null;
    for (;;) {
      const codes = await this.indicators.receivedCodes(after, BATCH, !options.refold);
      if (codes.length === 0) break;
      await this.apply.refoldDossiers(codes);
      refolded += codes.length;
      // Without `refold` the rows just written no longer match, so the next page starts after them.
      after = codes[codes.length - 1];
    }
    const rows = await this.indicators.rebuild();
    return { refolded, rows, drift: (await this.indicators.drift()).length };
  }
}
