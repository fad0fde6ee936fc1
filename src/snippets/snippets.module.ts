import { Module } from '@nestjs/common';
import { SnippetsController } from './snippets.controller';
import { SnippetsService } from './snippets.service';

/** Saved answers for staff (REST here; the /snippet command lives in the Discord staff desk). */
@Module({ controllers: [SnippetsController], providers: [SnippetsService], exports: [SnippetsService] })
export class SnippetsModule {}
