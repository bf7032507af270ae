import { Inject, Injectable, Logger } from '@nestjs/common';
import { ReactionRepository } from '@motcua/database';
import { REACTORS, type Reactor } from './reactor';

const PAGE = 200;

/** Runs each reactor over the applied events it has not reacted to, in commit order, and records each reaction. */
@Injectable()
export class ReactorRunner {
  private readonly log = new Logger('reactions');

  constructor(
    private readonly reactions: ReactionRepository,
    @Inject(REACTORS) private readonly reactors: Reactor[],
  ) {}

  /** One pass over every reactor; a failing reactor is retried next pass and does not hold the others back. */
  async runOnce(): Promise<number> {
    let reacted = 0;
    for (const reactor of this.reactors) {
      try {
        for (;;) {
          const events = await this.reactions.pending(reactor.name, reactor.types, PAGE);
          if (events.length === 0) break;
          await reactor.react(events);
          await this.reactions.markReacted(
            reactor.name,
            events.map((e) => e.id),
          );
          reacted += events.length;
          if (events.length < PAGE) break;
        }
      } catch (err) {
        this.log.warn(`${reactor.name}: will retry: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return reacted;
  }
}
