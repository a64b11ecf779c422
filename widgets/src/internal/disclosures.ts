import type { FinletClient } from '@finlet/client/light';
import type { Locale } from '@finlet/contracts';

/**
 * Tells the gateway which offers' disclosures an element put on screen, in which language (the
 * gateway keeps the texts as evidence). Each offer version and language is recorded once per
 * element; a failure is retried once, then the returned promise rejects (the element reports it
 * through `finlet-error` only) and the offers may be recorded again later. Only the elements that
 * show disclosures carry it: the chat imported alone does not.
 */
export class DisclosureRecorder {
  readonly #recorded = new Set<string>();

  /** Undefined when there was nothing new to record. */
  record(
    client: FinletClient | undefined,
    locale: Locale,
    /** Display-only claims of the session: `pvw` marks a console preview. */
    claims: Record<string, unknown> | undefined,
    surface: 'offers' | 'apply' | 'chat' | 'nudges',
    offers: readonly {
      id: string;
      version: number;
      disclosures: readonly unknown[];
      riskLevel?: string | undefined;
      pastPerformance?: unknown;
    }[],
  ): Promise<unknown> | undefined {
    const recorded = this.#recorded;
    // A wealth product always discloses (its risk level, warning and past-performance wording).
    const fresh = offers.filter(
      (o) =>
        (o.disclosures.length > 0 || o.riskLevel || o.pastPerformance) &&
        !recorded.has(`${o.id}@${o.version}|${locale}`),
    );
    // A console preview shows draft texts to a bank author, not to a customer: no evidence to keep.
    if (!client || fresh.length === 0 || claims?.pvw !== undefined) return undefined;
    for (const o of fresh) recorded.add(`${o.id}@${o.version}|${locale}`);
    const input = { surface, locale, offers: fresh.map((o) => ({ id: o.id, version: o.version })) };
    return client.disclosures
      .record(input)
      .catch(() =>
        new Promise((resolve) => setTimeout(resolve, 2_000)).then(() => client.disclosures.record(input)),
      )
      .catch((error: unknown) => {
        for (const o of fresh) recorded.delete(`${o.id}@${o.version}|${locale}`);
        throw error;
      });
  }
}
