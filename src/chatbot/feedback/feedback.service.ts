import { Injectable } from '@nestjs/common';
import type { Locale } from '../../conversations/ports';
import { botMessage } from '../bot-messages';
import { SuggestionStore } from './suggestion-store';

export interface FeedbackReply {
  /** False when the vote was already counted (a second click): nothing more to say. */
  recorded: boolean;
  locale: Locale;
  text: string;
  /** Whether to show the live-agent button with the reply. */
  offerAgent: boolean;
}

/**
 * A player's "did this help?" vote on a suggestion: recorded per article (GET /api/kb/stats),
 * then a reply; a second "no" within the hour offers the live agent directly.
 */
@Injectable()
export class FeedbackService {
  constructor(private readonly suggestions: SuggestionStore) {}

  async vote(feedbackId: string, helpful: boolean, voterId: string): Promise<FeedbackReply> {
    const result = await this.suggestions.vote(feedbackId, helpful, voterId);
    const { locale } = result;
    if (helpful) return { recorded: result.recorded, locale, text: botMessage(locale, 'feedbackGlad'), offerAgent: false };
    const second = result.recentNo >= 2;
    return { recorded: result.recorded, locale, text: botMessage(locale, second ? 'feedbackOfferAgent' : 'feedbackAgain'), offerAgent: true };
  }
}
