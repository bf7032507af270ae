import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { UsersService } from '@motcua/application';
import { newUserRequestSchema, userSchema } from '@motcua/contracts';
import { ApiContract } from '../common/api-contract.decorator';
import { Roles } from '../common/auth.guard';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Roles('admin')
  @Post()
  @ApiContract({
    summary: 'Create a user (admin)',
    body: newUserRequestSchema,
    ok: { 201: { schema: userSchema, description: 'the user, without its password' } },
    errors: [400, 401, 403, 409, 503],
  })
  create(@Body() body: unknown) {
    return this.users.create(body);
  }
}
