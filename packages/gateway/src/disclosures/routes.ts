import type { DisclosureReceipt, DisclosureReceiptList } from '@finlet/contracts';
import { sessionCaller } from '../http/callers.js';
import type { FeatureHandlers } from '../http/handler.js';
import { HttpProblem } from '../http/problem.js';
import type { GatewayDeps } from '../internal/deps.js';
import { newId } from '../internal/ids.js';
import { recordFunnelEvent } from '../workspace/funnel.js';
import { receiptEntry } from './receipts.js';

export function disclosureHandlers(deps: GatewayDeps) {
  return {
    recordDisclosures: async (c, { body: input }) => {
      const { partner, claims } = sessionCaller(c);
      const offers: DisclosureReceipt['offers'] = [];
      for (const [index, shown] of input.offers.entries()) {
        // The texts come from the stored version the widget names, never from the widget itself.
        const offer = await deps.store.offers.getVersion(shown.id, shown.version);
        if (!offer || offer.publishedAt === null) {
          throw new HttpProblem('offer_not_available', {
            detail: `No published version ${shown.version} of offer ${shown.id}.`,
            errors: [{ path: `offers.${index}`, message: 'not a published offer version' }],
          });
        }
        // A wealth product's receipt also keeps its risk level, risk warning and past-performance wording.
        offers.push(receiptEntry(offer, input.locale));
      }
      const receipt: DisclosureReceipt = {
        id: newId('dsr'),
        partnerId: partner.id,
        userId: claims.sub,
        surface: input.surface,
        locale: input.locale,
        shownAt: deps.clock().toISOString(),
        offers,
      };
      await deps.store.transaction(async (tx) => {
        await tx.disclosures.insert(receipt);
        // Offers put on screen are the funnel's first step; <finlet-apply> showing one is its selection.
        for (const offer of offers) {
          await recordFunnelEvent(tx, {
            partnerId: partner.id,
            userId: claims.sub,
            scenario: claims.scn,
            offerId: offer.id,
            step: input.surface === 'apply' ? 'selected' : 'shown',
            at: new Date(receipt.shownAt),
          });
        }
      });
      return c.json(receipt, 201);
    },
    // Who may read these, and what of the users, is `USER_DATA_ROUTES` (enforced before this).
    listDisclosures: async (c, { query }) => {
      const body: DisclosureReceiptList = {
        receipts: await deps.store.disclosures.list({
          ...(query.partnerId ? { partnerId: query.partnerId } : {}),
          ...(query.userId ? { userId: query.userId } : {}),
          ...(query.offerId ? { offerId: query.offerId } : {}),
          limit: query.limit,
        }),
      };
      return c.json(body);
    },
  } satisfies FeatureHandlers;
}
