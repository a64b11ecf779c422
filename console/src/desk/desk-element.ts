import { isConsoleApiError } from '../api/console-api.js';
import { HandoffsApi } from '../api/handoffs.js';
import { ConsoleElement, type ShownProblem } from '../app/console-element.js';
import type { MessageArgs } from '../i18n/translator.js';
import { type DeskMessageKey, type DeskMessages, deskProblemKey, dt } from './messages.js';

/** How often the desk asks the gateway what changed (queue, transcript) while a page is open. */
export const DESK_REFRESH_MS = 2_000;

/** What the desk's pages share: the hand-off API, the desk's strings and its own problem wording. */
export class DeskElement extends ConsoleElement {
  private handoffsApi: HandoffsApi | undefined;

  protected get handoffs(): HandoffsApi {
    if (!this.handoffsApi) this.handoffsApi = new HandoffsApi(this.api);
    return this.handoffsApi;
  }

  protected d<K extends DeskMessageKey>(key: K, ...args: MessageArgs<DeskMessages, K>): string {
    return dt(this.locale, key, ...args);
  }

  protected override problem(error: unknown): ShownProblem {
    const shown = super.problem(error);
    const key = isConsoleApiError(error) ? deskProblemKey(error.code) : undefined;
    return key ? { ...shown, message: this.d(key) } : shown;
  }

  /** Agents work the desk; admins may too (they can do everything). */
  protected get mayWorkDesk(): boolean {
    return this.can('agent');
  }
}
