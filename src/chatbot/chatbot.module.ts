import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { SupportBot } from '../conversations/ports';
import { ArticlePageController, ArticlesController } from './articles.controller';
import { ArticlesService } from './articles.service';
import { FaqBot } from './faq-bot';
import { FeedbackService } from './feedback/feedback.service';
import { PrismaSuggestionStore } from './feedback/prisma-suggestion-store';
import { SuggestionStore } from './feedback/suggestion-store';
import { KnowledgeBaseLoader } from './knowledge-base.loader';
import { AnswerWriter, DisabledAnswerWriter } from './llm/answer-writer';
import { ChatCompletionsWriter } from './llm/chat-completions-writer';
import { KnowledgeIndex, RetrieverSource } from './retrieval/knowledge-index';

@Module({
  controllers: [ArticlesController, ArticlePageController],
  providers: [
    ArticlesService,
    KnowledgeBaseLoader,
    KnowledgeIndex,
    { provide: RetrieverSource, useExisting: KnowledgeIndex },
    PrismaSuggestionStore,
    { provide: SuggestionStore, useExisting: PrismaSuggestionStore },
    // AI answers only when configured: off by default.
    { provide: AnswerWriter, inject: [AppConfig], useFactory: (config: AppConfig) => (config.BOT_LLM_BASE_URL ? new ChatCompletionsWriter(config) : new DisabledAnswerWriter()) },
    FeedbackService,
    FaqBot,
    { provide: SupportBot, useExisting: FaqBot },
  ],
  exports: [ArticlesService, SupportBot, SuggestionStore, FeedbackService],
})
export class ChatbotModule {}
