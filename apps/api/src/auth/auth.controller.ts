import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public, Roles } from '../common/auth.guard';
import { AuthService } from './auth.service';

@ApiTags('auth')
@Controller('api/v1')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('auth/token')
  @HttpCode(200)
  token(@Body() body: unknown, @Ip() ip: string) {
    return this.auth.token(body, ip);
  }

  @Roles('admin')
  @Post('users')
  createUser(@Body() body: unknown) {
    return this.auth.createUser(body);
  }
}
