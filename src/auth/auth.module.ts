import { Global, Module } from '@nestjs/common';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { RateLimiter } from './rate-limiter';
import { RequestAuthenticator } from './request-authenticator';

@Global()
@Module({
  controllers: [ApiKeysController],
  providers: [ApiKeysService, RateLimiter, RequestAuthenticator],
  exports: [ApiKeysService, RateLimiter, RequestAuthenticator],
})
export class AuthModule {}
