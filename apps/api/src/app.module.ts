import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ApplicationModule, type AppOptions } from '@motcua/application';
import { AuthController } from './auth/auth.controller';
import { AuthModule } from './auth/auth.module';
import { AuthService } from './auth/auth.service';
import { CalendarController } from './calendar/calendar.controller';
import { CatalogueController } from './catalogue/catalogue.controller';
import { AuthGuard } from './common/auth.guard';
import { ErrorFilter } from './common/error.filter';
import { DashboardAssets } from './dashboard/dashboard.assets';
import { DashboardController } from './dashboard/dashboard.controller';
import { DocumentsController } from './documents/documents.controller';
import { DossiersController } from './dossiers/dossiers.controller';
import { EventsController } from './events/events.controller';
import { HealthController } from './health/health.controller';
import { HealthService } from './health/health.service';
import { LookupController } from './lookup/lookup.controller';
import { LookupResponder } from './lookup/lookup.responder';
import { ApiMetrics } from './metrics/api-metrics.registry';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsTokenGuard } from './metrics/metrics-token.guard';
import { NotificationsController } from './notifications/notifications.controller';
import { ReportsController } from './reports/reports.controller';
import { IndicatorsController } from './indicators/indicators.controller';
import { RulesController } from './rules/rules.controller';
import { UsersController } from './users/users.controller';

@Module({})
export class ApiModule {
  static forRoot(options: AppOptions = {}): DynamicModule {
    return {
      module: ApiModule,
      imports: [ApplicationModule.forRoot('api', options), AuthModule],
      controllers: [
        AuthController,
        CatalogueController,
        EventsController,
        DossiersController,
        DocumentsController,
        ReportsController,
        IndicatorsController,
        CalendarController,
        HealthController,
        UsersController,
        RulesController,
        NotificationsController,
        LookupController,
        DashboardController,
        MetricsController,
      ],
      providers: [
        AuthService,
        HealthService,
        LookupResponder,
        DashboardAssets,
        ApiMetrics,
        MetricsTokenGuard,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
      ],
    };
  }
}
