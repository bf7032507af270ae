import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { UsersService } from '@motcua/application';
import {
  newUserRequestSchema,
  passwordResetRequestSchema,
  userAccountSchema,
  userAuditPageSchema,
  userAuditQuerySchema,
  userListQuerySchema,
  userPageSchema,
  userPatchRequestSchema,
  userSchema,
  type Principal,
} from '@motcua/contracts';
import { ApiContract } from '../common/api-contract.decorator';
import { CurrentUser, Roles } from '../common/auth.guard';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Roles('admin')
  @Get()
  @ApiContract({
    summary: 'The users, by username (admin)',
    query: userListQuerySchema,
    ok: { 200: { schema: userPageSchema, description: 'a page; follow nextCursor for the next one' } },
    errors: [400, 401, 403, 503],
  })
  list(@Query() query: unknown) {
    return this.users.list(query);
  }

  @Roles('admin')
  @Post()
  @ApiContract({
    summary: 'Create a user (admin)',
    body: newUserRequestSchema,
    ok: { 201: { schema: userSchema, description: 'the user, without its password' } },
    errors: [400, 401, 403, 409, 503],
  })
  create(@Body() body: unknown, @CurrentUser() actor: Principal) {
    return this.users.create(body, actor.username);
  }

  @Roles('admin', 'manager')
  @Get('audit')
  @ApiContract({
    summary: 'Every change to the accounts, newest first: who, when, what (manager, admin)',
    query: userAuditQuerySchema,
    ok: { 200: { schema: userAuditPageSchema, description: 'a page; follow nextCursor for older changes' } },
    errors: [400, 401, 403, 503],
  })
  audit(@Query() query: unknown) {
    return this.users.audit(query);
  }

  @Roles('admin')
  @Patch(':username')
  @ApiContract({
    summary: 'Change a user’s roles, units or disabled (admin); disabling revokes its tokens',
    params: { username: 'the user' },
    body: userPatchRequestSchema,
    ok: { 200: { schema: userAccountSchema, description: 'the user after the change' } },
    errors: [400, 401, 403, 404, 409, 503],
  })
  update(@Param('username') username: string, @Body() body: unknown, @CurrentUser() actor: Principal) {
    return this.users.update(username, body, actor.username);
  }

  @Roles('admin')
  @Post(':username/password')
  @HttpCode(200)
  @ApiContract({
    summary: 'Reset a user’s password (admin); its tokens are revoked',
    params: { username: 'the user' },
    body: passwordResetRequestSchema,
    ok: { 200: { schema: userAccountSchema, description: 'the user; its older tokens no longer work' } },
    errors: [400, 401, 403, 404, 503],
  })
  resetPassword(@Param('username') username: string, @Body() body: unknown, @CurrentUser() actor: Principal) {
    return this.users.resetPassword(username, body, actor.username);
  }
}
