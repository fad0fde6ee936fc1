import { Module } from '@nestjs/common';
import { SupportBot } from '../conversations/ports';
import { ArticlePageController, ArticlesController } from './articles.controller';
import { ArticlesService } from './articles.service';
import { FaqBot } from './faq-bot';
import { KnowledgeBaseLoader } from './knowledge-base.loader';

@Module({
  controllers: [ArticlesController, ArticlePageController],
  providers: [ArticlesService, KnowledgeBaseLoader, FaqBot, { provide: SupportBot, useExisting: FaqBot }],
  exports: [ArticlesService, SupportBot],
})
export class ChatbotModule {}
