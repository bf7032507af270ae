import { Inject, Injectable, Logger } from '@nestjs/common';
import { ReactionRepository } from '@motcua/database';
import { REACTORS, type Reactor } from './reactor';

const PAGE = 200;
/** Every this many passes a reactor reads from the start again (see `floors`). */
export const FULL_READ_EVERY = 60;

/** Runs each reactor over the applied events it has not reacted to, in commit order, and records each reaction. */
@Injectable()
export class ReactorRunner {
  private readonly log = new Logger('reactions');
  /**
   * Per reactor, the seq its next read starts at: the horizon seen before its last complete pass. An event that
   * commits after its seq was passed (a slow intake transaction) is below the floor; the periodic full read finds it.
   */
  private readonly floors = new Map<string, number>();
  private passes = 0;

  constructor(
    private readonly reactions: ReactionRepository,
    @Inject(REACTORS) private readonly reactors: Reactor[],
  ) {}

  /** One pass over every reactor; a failing reactor is retried next pass and does not hold the others back. */
  async runOnce(): Promise<number> {
    const full = this.passes++ % FULL_READ_EVERY === 0;
    let horizon: number;
    try {
      horizon = await this.reactions.horizon();
    } catch (err) {
      // PostgreSQL away: nothing to react to until it is back (a pass never throws: it would end the worker).
      this.log.warn(`will retry: ${err instanceof Error ? err.message : String(err)}`);
      return 0;
    }
    let reacted = 0;
    for (const reactor of this.reactors) {
      try {
        const from = full ? 0 : (this.floors.get(reactor.name) ?? 0);
        for (;;) {
          const events = await this.reactions.pending(reactor.name, reactor.types, PAGE, from);
          if (events.length === 0) break;
          await reactor.react(events);
          await this.reactions.markReacted(
            reactor.name,
            events.map((e) => e.id),
          );
          reacted += events.length;
          if (events.length < PAGE) break;
        }
        // Everything visible below the horizon was applied before this pass read, so it has been reacted to.
        this.floors.set(reactor.name, horizon);
      } catch (err) {
        this.log.warn(`${reactor.name}: will retry: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return reacted;
  }
}
