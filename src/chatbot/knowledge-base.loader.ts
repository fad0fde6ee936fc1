import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config';
import { PROJECT_ROOT } from '../database/migrator';
import { ArticlesService } from './articles.service';
import { readKnowledgeBase } from './kb-files';

export const KB_DIR = join(PROJECT_ROOT, 'kb');

/** First boot with an empty knowledge base: load the starter articles shipped in kb/. */
@Injectable()
export class KnowledgeBaseLoader implements OnApplicationBootstrap {
  private readonly logger = new Logger(KnowledgeBaseLoader.name);

  constructor(
    private readonly articles: ArticlesService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.KB_IMPORT_ON_EMPTY || (await this.articles.count()) > 0) return;
    const result = await this.articles.importArticles(readKnowledgeBase(KB_DIR));
    this.logger.log(`Knowledge base was empty: imported ${result.created} articles from kb/`);
  }
}
