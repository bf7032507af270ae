import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ListNotifications } from '@motcua/application';
import { notificationListQuerySchema, notificationPageSchema, type Principal } from '@motcua/contracts';
import { ApiContract } from '../common/api-contract.decorator';
import { CurrentUser } from '../common/auth.guard';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(private readonly notifications: ListNotifications) {}

  @Get()
  @ApiContract({
    summary:
      'Every mail and letter to print, newest first: recipient, kind, status (pending, sent, failed, to_print), ' +
      'attempts, last error, Message-ID; managers and admins see all, others those of their units and dossiers',
    query: notificationListQuerySchema,
    ok: {
      200: { schema: notificationPageSchema, description: 'a page; follow nextCursor for the next one' },
    },
    errors: [400, 401, 503],
  })
  list(@Query() query: unknown, @CurrentUser() user: Principal) {
    return this.notifications.list(query, user);
  }
}
