import type { DossierEventType } from '@motcua/contracts';
import type { StoredEvent } from '@motcua/database';

/**
 * Something the engine does because an event was applied (draft an apology when the tracker reached an apology
 * deadline, send the mails of a warning, …). `react` must be idempotent: it may see an event again after a crash
 * between acting and recording the reaction.
 */
export interface Reactor {
  /** Stable name: the key of its reactions (renaming it would make it react to everything again). */
  readonly name: string;
  readonly types: readonly DossierEventType[];
  react(events: StoredEvent[]): Promise<void>;
}

/** Every reactor of the app (a Nest multi-provider). */
export const REACTORS = Symbol('REACTORS');
