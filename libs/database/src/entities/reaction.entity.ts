import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** That a reactor (e.g. the mail sender) has acted on an event: each reaction happens once per event. */
@Entity('reactions')
export class ReactionEntity {
  @PrimaryColumn({ type: 'text' })
  reactor!: string;

  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @CreateDateColumn({ name: 'reacted_at', type: 'timestamptz' })
  reactedAt!: Date;
}
