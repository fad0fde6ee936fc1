import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import type { APIActionRowComponent, APIButtonComponent } from 'discord-api-types/v10';

/** Custom ids of the survey: `csat/<survey id>/<score>` buttons and the `csat-comment/<survey id>` modal. */
export const CSAT_BUTTON = 'csat/:survey/:score';
export const CSAT_MODAL = 'csat-comment/:survey';
export const CSAT_COMMENT_FIELD = 'comment';

export const csatButtonId = (surveyId: string, score: number) => `csat/${surveyId}/${score}`;
export const csatModalId = (surveyId: string) => `csat-comment/${surveyId}`;

/** One row of score buttons, 1 to `scale` (Discord allows five buttons a row). */
export function surveyButtons(survey: { id: string; scale: number }): APIActionRowComponent<APIButtonComponent> {
  return {
    type: ComponentType.ActionRow,
    components: Array.from({ length: Math.min(5, survey.scale) }, (_, i) => ({
      type: ComponentType.Button as const,
      style: ButtonStyle.Secondary as const,
      custom_id: csatButtonId(survey.id, i + 1),
      label: String(i + 1),
    })),
  };
}
