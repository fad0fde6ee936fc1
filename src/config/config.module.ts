import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AppConfig } from './app-config';

/**
 * Provides the AppConfig validated once at boot (src/config/environment.ts reads .env through
 * @nestjs/config), typed, and as @nestjs/config's ConfigService for libraries that expect it.
 */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: ConfigService, useValue: new ConfigService<AppConfig, true>(config) },
      ],
      exports: [AppConfig, ConfigService],
    };
  }
}
