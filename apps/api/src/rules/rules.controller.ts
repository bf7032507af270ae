import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RebaseDossiers } from '@motcua/application';
import { rulesRebaseRequestSchema, rulesRebaseResultSchema, type Principal } from '@motcua/contracts';
import { ApiContract } from '../common/api-contract.decorator';
import { CurrentUser, Roles } from '../common/auth.guard';

@ApiTags('rules')
@ApiBearerAuth()
@Controller('api/v1/rules')
export class RulesController {
  constructor(private readonly rebase: RebaseDossiers) {}

  @Roles('admin')
  @Post('rebase')
  @HttpCode(200)
  @ApiContract({
    summary:
      'Move open dossiers onto the calendar and settings published now (admin): one rules_rebased event, logged as ' +
      'you, per open dossier whose dates move; none for the others or for closed dossiers. Safe to repeat.',
    body: rulesRebaseRequestSchema,
    ok: { 200: { schema: rulesRebaseResultSchema, description: 'the events logged, with their reasons' } },
    errors: [400, 401, 403, 503],
  })
  run(@Body() body: unknown, @CurrentUser() user: Principal) {
    return this.rebase.run(user, body);
  }
}
