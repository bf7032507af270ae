import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import type { AppConfig, LogLevelName } from '@motcua/config';
import { PERSONAL_FIELDS, maskPersonalText, redactPersonalData } from './log-redaction';
import { currentRequestContext } from './request-context';

const SEVERITY: readonly LogLevel[] = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'];

/** Nest's levels at or above LOG_LEVEL (`info` is Nest's `log`). */
export function nestLogLevels(level: LogLevelName): LogLevel[] {
  return SEVERITY.slice(SEVERITY.indexOf(level === 'info' ? 'log' : level));
}

type JsonOptions = Parameters<ConsoleLogger['printAsJson']>[1];

/**
 * The apps' logger (issue 12), Nest's ConsoleLogger with three changes: every message, field, error and stack goes
 * through `redactPersonalData`; lines written while a request is served carry its `requestId`; in JSON a line is
 * `{time, level, context, msg, …fields, pid}` with `info` for Nest's `log`.
 * Fields are passed as an object after the message: `log.log('event applied', { eventId, dossierCode })`.
 */
export class AppLogger extends ConsoleLogger {
  constructor(options: AppConfig['log']) {
    super({
      json: options.format === 'json',
      logLevels: nestLogLevels(options.level),
      flattenParams: true,
      // Turns on the base class' masking pass, which `redact` below replaces with the personal-data one.
      redact: [...PERSONAL_FIELDS],
    });
  }

  protected override redact(value: unknown): unknown {
    return redactPersonalData(value);
  }

  protected override printMessages(
    messages: unknown[],
    context?: string,
    logLevel?: LogLevel,
    writeStreamType?: 'stdout' | 'stderr',
    errorStack?: unknown,
    params?: Record<string, unknown>,
  ): void {
    const request = currentRequestContext();
    const fields = request ? { requestId: request.requestId, ...params } : params;
    super.printMessages(messages, context, logLevel, writeStreamType, errorStack, fields);
  }

  protected override printAsJson(message: unknown, options: JsonOptions): void {
    const {
      level,
      pid,
      timestamp,
      message: msg,
      context,
      stack,
      ...fields
    } = this.getJsonLogObject(message, options);
    const line = {
      time: new Date(timestamp).toISOString(),
      level: level === 'log' ? 'info' : level,
      ...(context === undefined ? {} : { context }),
      msg,
      ...fields,
      // A stack given as the second argument of error() is a string the base class never masks.
      ...(stack === undefined ? {} : { stack: typeof stack === 'string' ? maskPersonalText(stack) : stack }),
      pid,
    };
    process[options.writeStreamType ?? 'stdout'].write(`${this.stringifyJsonLogObject(line)}\n`);
  }

  protected override printStackTrace(stack: string): void {
    super.printStackTrace(maskPersonalText(stack));
  }
}
