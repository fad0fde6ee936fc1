import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/domain-error';
import { CasesService } from '../cases.service';
import type { CaseView } from '../case.view';
import { DuplicateCandidate, DuplicateFinder } from './duplicate-finder';
import { Draft, ReportDrafts } from './report-drafts';
import { MAIN_FIELD } from './report-form';
import { ReportJobs } from './report-jobs';
import { VotesService } from './votes.service';

export interface FiledFile {
  filename: string;
  contentType: string;
  data: Buffer;
}

/** Filing a community report: suggest duplicates, create the case with its answers, queue its post. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly cases: CasesService,
    private readonly drafts: ReportDrafts,
    private readonly finder: DuplicateFinder,
    private readonly jobs: ReportJobs,
    private readonly votes: VotesService,
  ) {}

  similar(draft: Draft): Promise<DuplicateCandidate[]> {
    const form = draft.form ?? {};
    return this.finder.find({ type: draft.type, language: languageOf(draft.locale), title: form.title ?? '', text: form[MAIN_FIELD[draft.type]] ?? '' });
  }

  /** Files the draft once (a second click finds it gone); the post is made by the queue. */
  async file(draft: Draft, screenshot: FiledFile | null, actor: string): Promise<CaseView> {
    if (!draft.form) throw new DomainError('draft_incomplete', 409, 'The report form was not filled in');
    if (!(await this.drafts.take(draft.id))) throw new DomainError('draft_gone', 410, 'This report was already sent');
    const form = draft.form;
    const created = await this.cases.create(
      {
        type: draft.type,
        title: form.title,
        description: form[MAIN_FIELD[draft.type]],
        fields: form,
        language: languageOf(draft.locale),
        priority: draft.priority,
        reporterId: draft.userId,
        reporterName: draft.userName,
        reporterLocale: draft.locale,
        guildId: draft.guildId,
        channelId: draft.channelId,
        attachments: screenshot ? [screenshot] : [],
      },
      actor,
    );
    // Filing is the reporter's own "me too": the count starts at 1 and they are told as the reporter.
    const voted = await this.votes.add(created.number, { id: draft.userId, name: draft.userName, locale: draft.locale });
    await this.jobs.publish(created.number);
    return { ...created, votes: voted.votes };
  }
}

/** "fr", "pt-BR", "es-419" → the report language (en, fr, es, de, pt). */
export function languageOf(locale: string | null | undefined): string {
  const language = (locale ?? '').slice(0, 2).toLowerCase();
  return ['en', 'fr', 'es', 'de', 'pt'].includes(language) ? language : 'en';
}
