import { Logger } from '@nestjs/common';
import { PeriodicTask } from './periodic-task';

/** A task whose first passes fail, as a pass does while PostgreSQL is away. */
class Flaky extends PeriodicTask {
  calls = 0;
  protected intervalMs(): number {
    return 5;
  }
  tick(): Promise<number> {
    this.calls += 1;
    return this.calls <= 2 ? Promise.reject(new Error('Connection terminated')) : Promise.resolve(1);
  }
}

describe('PeriodicTask', () => {
  it('logs a failing pass and runs the next one (an unhandled rejection would end the worker)', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const unhandled = jest.fn();
    process.on('unhandledRejection', unhandled);
    const sut = new Flaky();
    try {
      sut.onApplicationBootstrap();
      while (sut.calls < 4) await new Promise((r) => setTimeout(r, 5));
      await sut.onApplicationShutdown();
      await new Promise((r) => setImmediate(r));
      expect(logged).toHaveBeenCalledTimes(2);
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
      logged.mockRestore();
    }
  });
});
