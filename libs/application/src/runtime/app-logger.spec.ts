import { Logger } from '@nestjs/common';
import { AppLogger, nestLogLevels } from './app-logger';
import { MASKED_FIELD, MASKED_ID_NUMBER, MASKED_PHONE } from './log-redaction';
import { runInRequestContext } from './request-context';

/** What the logger writes to stdout and stderr while `fn` runs. */
function captured(fn: () => void): string[] {
  const lines: string[] = [];
  const spies = (['stdout', 'stderr'] as const).map((s) =>
    jest.spyOn(process[s], 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      return true;
    }),
  );
  try {
    fn();
  } finally {
    for (const s of spies) s.mockRestore();
  }
  return lines;
}

describe('AppLogger', () => {
  it('json: one object per line with time, level, context, msg, the fields and the request id', () => {
    const log = new AppLogger({ format: 'json', level: 'info' });
    const lines = captured(() =>
      runInRequestContext({ requestId: 'req-1' }, () =>
        log.log('event recorded', { eventId: 'e-1', dossierCode: 'H57.12-250303-0001' }, 'events'),
      ),
    );
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(line).toEqual({
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      level: 'info',
      context: 'events',
      msg: 'event recorded',
      requestId: 'req-1',
      eventId: 'e-1',
      dossierCode: 'H57.12-250303-0001',
      pid: process.pid,
    });
  });

  it('masks personal data in the message, the fields, an error and a stack given as text', () => {
    const log = new AppLogger({ format: 'json', level: 'info' });
    const lines = captured(() => {
      log.warn('applicant 0912345678 called', { applicant: { name: 'An' }, note: 'CCCD 001204012345' }, 'x');
      log.error(new Error('id 001204012345 taken'), 'x');
      log.error('failed', 'Error: phone 0912345678\n    at f (a.ts:1:1)', 'x');
    });
    const text = lines.join('\n');
    expect(text).not.toMatch(/0912345678|001204012345|"An"/);
    const [warn, error, failed] = lines.map((l) => JSON.parse(l) as Record<string, any>);
    expect(warn).toMatchObject({
      level: 'warn',
      msg: `applicant ${MASKED_PHONE} called`,
      applicant: MASKED_FIELD,
      note: `CCCD ${MASKED_ID_NUMBER}`,
    });
    expect(error.msg).toBe(`id ${MASKED_ID_NUMBER} taken`);
    expect(failed.stack).toContain(MASKED_PHONE);
  });

  it('writes nothing below LOG_LEVEL; the static Nest Logger goes through it once overridden', () => {
    const log = new AppLogger({ format: 'json', level: 'warn' });
    Logger.overrideLogger(log);
    try {
      const lines = captured(() => {
        new Logger('quiet').log('not written');
        new Logger('loud').warn('written 123456789');
      });
      expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([
        expect.objectContaining({ level: 'warn', context: 'loud', msg: `written ${MASKED_ID_NUMBER}` }),
      ]);
    } finally {
      Logger.overrideLogger(false);
    }
  });

  it('pretty: Nest’s text line, still masked and with the request id', () => {
    const log = new AppLogger({ format: 'pretty', level: 'info' });
    const lines = captured(() =>
      runInRequestContext({ requestId: 'req-2' }, () => log.log('phone 0912345678', 'ctx')),
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`phone ${MASKED_PHONE}`);
    expect(lines[0]).toContain('req-2');
    expect(() => JSON.parse(lines[0]) as unknown).toThrow();
  });

  it('nestLogLevels: the level and every more severe one', () => {
    expect(nestLogLevels('info')).toEqual(['log', 'warn', 'error', 'fatal']);
    expect(nestLogLevels('debug')).toEqual(['debug', 'log', 'warn', 'error', 'fatal']);
    expect(nestLogLevels('fatal')).toEqual(['fatal']);
  });
});
