import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { DatabaseConnection } from './database-connection';
import { MediaStore } from './media-store';
import { PrismaService } from './prisma.service';
import { ReadDatabase } from './read-database';

@Global()
@Module({
  providers: [
    { provide: DatabaseConnection, inject: [AppConfig], useFactory: (config: AppConfig) => DatabaseConnection.open(config) },
    { provide: PrismaService, inject: [DatabaseConnection], useFactory: (db: DatabaseConnection) => new PrismaService(db.url) },
    { provide: ReadDatabase, inject: [PrismaService, AppConfig], useFactory: (primary: PrismaService, config: AppConfig) => ReadDatabase.open(primary, config.DATABASE_READ_URL) },
    { provide: MediaStore, inject: [DatabaseConnection], useFactory: (db: DatabaseConnection) => new MediaStore(db.url) },
  ],
  exports: [DatabaseConnection, PrismaService, ReadDatabase, MediaStore],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DatabaseConnection) private readonly connection: DatabaseConnection) {}

  /** Runs after every module's onModuleDestroy, so Prisma has disconnected before Postgres stops. */
  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
