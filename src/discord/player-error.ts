import { DomainError } from '../common/domain-error';
import { MessageKey, MessageParams, t } from './i18n';

/**
 * A refusal the player can fix (a too-short title, the wrong channel...). It carries a message key
 * so the Discord exception filter answers in the player's language; its own message is English.
 */
export class PlayerError extends DomainError {
  constructor(
    code: string,
    readonly key: MessageKey,
    readonly params: MessageParams = {},
    status = 400,
  ) {
    super(code, status, t('en', key, params));
  }
}
