import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { AppConfig } from '@motcua/config';
import { MailTransport } from './mail-transport';

/** The app's one SMTP transport (SMTP_URL, MAIL_FROM). */
@Global()
@Module({})
export class MailModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: MailModule,
      providers: [
        { provide: MailTransport, useFactory: () => new MailTransport(config.smtpUrl, config.mail.from) },
      ],
      exports: [MailTransport],
    };
  }
}
