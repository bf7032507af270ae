import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  loginRequestSchema,
  passwordChangeRequestSchema,
  tokenResponseSchema,
  type Principal,
} from '@motcua/contracts';
import { ApiContract } from '../common/api-contract.decorator';
import { CurrentUser, Public } from '../common/auth.guard';
import { AuthService } from './auth.service';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('token')
  @HttpCode(200)
  @ApiContract({
    summary: 'A bearer token for a username and password',
    body: loginRequestSchema,
    ok: { 200: { schema: tokenResponseSchema, description: 'send it as Authorization: Bearer <token>' } },
    errors: [400, 401, 429, 503],
  })
  token(@Body() body: unknown, @Ip() ip: string) {
    return this.auth.token(body, ip);
  }

  @ApiBearerAuth()
  @Post('password')
  @HttpCode(200)
  @ApiContract({
    summary: 'Change one’s own password (any role); every token of the user is revoked',
    body: passwordChangeRequestSchema,
    ok: { 200: { schema: tokenResponseSchema, description: 'a fresh token; the older ones no longer work' } },
    errors: [400, 401, 429, 503],
  })
  changePassword(@Body() body: unknown, @CurrentUser() user: Principal, @Ip() ip: string) {
    return this.auth.changePassword(user, body, ip);
  }
}
