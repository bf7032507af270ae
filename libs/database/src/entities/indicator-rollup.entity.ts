import { COUNTERS } from '@motcua/indicators';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A counter's column: `processedMinutes` → `processed_minutes`. */
export const counterColumn = (counter: string): string =>
  counter.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * The indicators' incremental rollups (issue 10): per local month, responsible unit, procedure and channel, the sum
 * of the counters (`COUNTERS` of libs/indicators) of the dossiers received (or ended) in that month. Written in the
 * projection's transaction from the change of each dossier's facts; equal at all times to the same sums over
 * `dossiers.facts`.
 */
@Entity('indicator_rollups')
export class IndicatorRollupEntity {
  @PrimaryColumn({ type: 'date' })
  month!: string;

  @PrimaryColumn({ name: 'unit_code', type: 'text' })
  unitCode!: string;

  @PrimaryColumn({ name: 'procedure_code', type: 'text' })
  procedureCode!: string;

  /** The channel, '' when unknown. */
  @PrimaryColumn({ type: 'text' })
  channel!: string;
}

// One bigint column per counter, named after it: the list lives once, in libs/indicators.
for (const counter of COUNTERS)
  Column({ name: counterColumn(counter), type: 'bigint', default: 0 })(
    IndicatorRollupEntity.prototype,
    counter,
  );
