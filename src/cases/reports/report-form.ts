import type { CaseType } from '../../generated/prisma/enums';

/**
 * The forms of /bug and /new_feature: which answers a report has and how long they may be
 * (a Discord modal holds at most five text inputs). The case keeps the answers as `fields`; its
 * description is the main answer, so lists, search and old clients read it as before.
 */
export type ReportType = Extract<CaseType, 'BUG' | 'FEATURE'>;

export interface FormField {
  id: string;
  min: number;
  max: number;
  /** A paragraph box rather than one line. */
  long: boolean;
  required: boolean;
}

/** Forum post names are at most 100 characters, and the post's name is "#<n> <title>". */
export const REPORT_TITLE = { min: 3, max: 90 };

export const REPORT_FORMS: Record<ReportType, FormField[]> = {
  BUG: [
    { id: 'title', ...REPORT_TITLE, long: false, required: true },
    { id: 'steps', min: 10, max: 1500, long: true, required: true },
    { id: 'expected', min: 3, max: 500, long: true, required: true },
    { id: 'platform', min: 2, max: 100, long: false, required: true },
    { id: 'version', min: 1, max: 40, long: false, required: false },
  ],
  FEATURE: [
    { id: 'title', ...REPORT_TITLE, long: false, required: true },
    { id: 'idea', min: 10, max: 1500, long: true, required: true },
    { id: 'why', min: 10, max: 1000, long: true, required: true },
  ],
};

/** The answer the case's description holds. */
export const MAIN_FIELD: Record<ReportType, string> = { BUG: 'steps', FEATURE: 'idea' };

export interface FieldProblem {
  field: string;
  min: number;
  max: number;
  length: number;
}

/** Trimmed answers, or the first answer whose length is off (empty optional answers are dropped). */
export function checkForm(type: ReportType, raw: Record<string, string | undefined>): { form: Record<string, string> } | { problem: FieldProblem } {
  const form: Record<string, string> = {};
  for (const field of REPORT_FORMS[type]) {
    const value = (raw[field.id] ?? '').trim();
    const length = [...value].length;
    if (length === 0 && !field.required) continue;
    if (length < field.min || length > field.max) return { problem: { field: field.id, min: field.min, max: field.max, length } };
    form[field.id] = value;
  }
  return { form };
}
