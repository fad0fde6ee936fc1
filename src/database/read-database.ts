import { OnModuleDestroy } from '@nestjs/common';
import { PrismaService } from './prisma.service';

/**
 * Where list-style reads go (the case API's list and counts): a read replica when
 * DATABASE_READ_URL is set, else the primary. Only reads that tolerate a second of replica lag
 * use it; writes, the queue, rate limits and the gateway lock always use the primary.
 */
export class ReadDatabase implements OnModuleDestroy {
  private constructor(
    readonly prisma: PrismaService,
    private readonly owned: boolean,
  ) {}

  static open(primary: PrismaService, readUrl: string | undefined): ReadDatabase {
    return readUrl ? new ReadDatabase(new PrismaService(readUrl, 5), true) : new ReadDatabase(primary, false);
  }

  get isReplica(): boolean {
    return this.owned;
  }

  async onModuleDestroy(): Promise<void> {
    if (this.owned) await this.prisma.$disconnect();
  }
}
