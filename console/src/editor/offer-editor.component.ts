import './jitless.js';
import {
  CriterionOperator,
  CURRENCY_MINOR_UNITS,
  type CurrencyCode,
  FeeKind,
  Liquidity,
  type Locale,
  MONEY_SIGNAL_TYPES,
  NUMERIC_SIGNAL_TYPES,
  OfferContent,
  PAST_PERFORMANCE_WARNING,
  ProductRiskLevel,
  ProductType,
  SCENARIOS,
  SIGNAL_TYPES,
} from '@finlet/contracts';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { ContentEditor } from './content-editor.js';
import {
  bpsToPercent,
  type Converter,
  criterionValue,
  displayValue,
  majorText,
  percentToBps,
  signedPercentToBps,
  toInt,
  toLocalInput,
  toMinor,
  toTimestamp,
} from './convert.js';
import { enumLabel } from './messages.js';
import { type Path, pathKey, setAt } from './paths.js';

type Draft = Record<string, unknown>;
type Row = Record<string, unknown>;

const isMoneySignal = (signal: unknown) => (MONEY_SIGNAL_TYPES as readonly unknown[]).includes(signal);
const emptyText = (v: unknown) => v === undefined || (typeof v === 'string' && v.trim() === '');
const LOCALES = ['zh-CN', 'en'] as const;
/** The contract's limit on past-performance periods. */
const MAX_PERIODS = 10;
/** What a new past-performance notice starts with: the mandatory wording, visibly, in both languages. */
const MANDATORY_NOTICE = {
  'zh-CN': `${PAST_PERFORMANCE_WARNING['zh-CN']}。`,
  en: `${PAST_PERFORMANCE_WARNING.en}.`,
} as const;
const hasWarning = (notice: unknown, locale: Locale) =>
  typeof notice === 'string' && notice.toLowerCase().includes(PAST_PERFORMANCE_WARNING[locale].toLowerCase());

function blankOffer(): Draft {
  const now = new Date();
  now.setSeconds(0, 0);
  return {
    id: '',
    productType: 'installment',
    scenarios: [],
    currency: 'CNY',
    amount: { min: { value: 0, currency: 'CNY' }, max: { value: 0, currency: 'CNY' } },
    pricing: { fees: [] },
    texts: {
      'zh-CN': { name: '', tagline: '', highlights: [] },
      en: { name: '', tagline: '', highlights: [] },
    },
    disclosures: [],
    eligibility: [],
    effective: { from: now.toISOString() },
    priority: 50,
  };
}

const OP_WORDS: Record<Locale, Record<CriterionOperator, string>> = {
  en: {
    eq: 'equals',
    neq: 'does not equal',
    gt: 'greater than',
    gte: 'at least',
    lt: 'less than',
    lte: 'at most',
    in: 'one of',
    not_in: 'none of',
    exists: 'is present',
  },
  'zh-CN': {
    eq: '等于',
    neq: '不等于',
    gt: '大于',
    gte: '不少于',
    lt: '小于',
    lte: '不超过',
    in: '属于其中之一',
    not_in: '不属于其中任何一个',
    exists: '存在',
  },
};

const CONDITION_DEFAULTS: Record<string, () => Row> = {
  threshold: () => ({ kind: 'threshold', signal: 'inventory.turnover_days', op: 'gte', value: 60 }),
  change: () => ({
    kind: 'change',
    signal: 'inventory.turnover_days',
    direction: 'up',
    percent: 30,
    windowDays: 30,
  }),
  count: () => ({ kind: 'count', signal: 'cart.checkout', min: 1, windowDays: 30 }),
};

/**
 * @tagname fc-offer-editor
 * @summary Writes one offer version: every field of `OfferContent`, texts in zh-CN and en side by
 * side, validated with the contract on every change, each problem next to its field.
 *
 * @fires fc-save - The content is valid and the author saved; `detail.content` is the parsed `OfferContent`.
 * @fires fc-cancel - The author left without saving.
 *
 * @csspart base - The wrapper of everything.
 * @csspart header - Tabs and buttons.
 * @csspart save - The save button (shows the problem count while the content is invalid).
 * @csspart cancel - The cancel button.
 * @csspart issues - Problems no field shows.
 */
export class FcOfferEditor extends ContentEditor<OfferContent> {
  /** The offer content to edit; `null` starts a new offer. */
  @property({ attribute: false }) offer: OfferContent | null = null;

  protected readonly schema = OfferContent;

  private get currency(): CurrencyCode {
    const c = this.get(['currency']);
    return typeof c === 'string' && c in CURRENCY_MINOR_UNITS ? (c as CurrencyCode) : 'CNY';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('offer') || !this.hasUpdated) {
      if (this.load(this.offer ?? blankOffer()) && !this.offer) {
        // A new offer starts with empty amounts, which must be filled in.
        for (const side of ['min', 'max']) this.input(['amount', side, 'value'], '', this.rangeMoney);
      }
    }
  }

  private money: Converter = (text) => toMinor(text, this.currency);
  /** An amount-range bound: empty leaves it out, so a product without a range can be written. */
  private rangeMoney: Converter = (text) => (text.trim() === '' ? { value: undefined } : this.money(text));

  protected override tidy(draft: Draft): Draft {
    const d = structuredClone(draft);
    const pricing = d.pricing as Row | undefined;
    const apr = pricing?.apr as Row | undefined;
    if (pricing && apr && apr.min === undefined && apr.max === undefined) delete pricing.apr;
    const term = d.termMonths as Row | undefined;
    if (term && term.min === undefined && term.max === undefined) delete d.termMonths;
    // Both amounts left empty: the product has no amount range (the contract says whether its type may).
    const amount = d.amount as Record<string, Row | undefined> | undefined;
    if (amount && amount.min?.value === undefined && amount.max?.value === undefined) delete d.amount;
    for (const key of ['riskLevel', 'liquidity']) if (d[key] === '') delete d[key];
    // The last period removed: no past performance at all (its notice has nothing to warn about).
    const past = d.pastPerformance as Row | undefined;
    if (past && (!Array.isArray(past.periods) || past.periods.length === 0)) delete d.pastPerformance;
    for (const key of ['partners', 'triggers']) {
      if (Array.isArray(d[key]) && (d[key] as unknown[]).length === 0) delete d[key];
    }
    for (const trigger of (d.triggers as Row[] | undefined) ?? []) {
      const quiet = trigger.quietHours as Row | undefined;
      if (quiet && emptyText(quiet.start) && emptyText(quiet.end) && emptyText(quiet.timeZone))
        delete trigger.quietHours;
      const message = trigger.message as Row | undefined;
      if (message && emptyText(message['zh-CN']) && emptyText(message.en)) delete trigger.message;
    }
    return d;
  }

  /** The currency changed: amounts keep what was typed (major units), now in the new currency. */
  private changeCurrency(currency: string): void {
    const before = this.currency;
    const paths: Path[] = [
      ['amount', 'min'],
      ['amount', 'max'],
      ...((this.get(['pricing', 'fees']) as Row[] | undefined) ?? []).flatMap((fee, i) =>
        fee.fixed ? [['pricing', 'fees', i, 'fixed'] as Path] : [],
      ),
    ];
    const shown = paths.map((path) => majorText(this.get([...path, 'value']), before));
    let draft = setAt(this.draft, ['currency'], currency);
    for (const path of paths) draft = setAt(draft, [...path, 'currency'], currency);
    this.draft = draft;
    paths.forEach((path, k) => {
      this.reconvert([...path, 'value'], shown[k]!, path[0] === 'amount' ? this.rangeMoney : this.money);
    });
    this.set(['currency'], currency);
  }

  private moneyField(
    path: Path,
    label: string,
    convert: Converter = this.money,
    claims: Path[] = [],
  ): TemplateResult {
    return this.textField([...path, 'value'], label, {
      convert,
      display: () => majorText(this.get([...path, 'value']), this.currency),
      inputmode: 'decimal',
      claims: [path, [...path, 'currency'], ...claims],
    });
  }

  private intField(path: Path, label: string, claims: Path[] = []): TemplateResult {
    return this.textField(path, label, { convert: toInt, inputmode: 'numeric', claims });
  }

  private renderBasics(): TemplateResult {
    return html`<section aria-labelledby="s-basics">
      <h3 id="s-basics">${this.t('section.basics')}</h3>
      <div class="grid">
        ${this.textField(['id'], this.t('offer.id'), { hint: this.t('offer.id.hint') })}
        ${this.selectField(
          ['productType'],
          this.t('offer.productType'),
          ProductType.options.map((p) => [p, enumLabel(this.locale, p)] as const),
        )}
        ${this.selectField(
          ['currency'],
          this.t('offer.currency'),
          Object.keys(CURRENCY_MINOR_UNITS).map((c) => [c, c] as const),
          (c) => this.changeCurrency(c),
        )}
      </div>
      ${this.choicesField(['scenarios'], this.t('offer.scenarios'), SCENARIOS)}
    </section>`;
  }

  private renderAmount(): TemplateResult {
    const c = this.currency;
    return html`<section aria-labelledby="s-amount">
      <h3 id="s-amount">${this.t('section.amount')}</h3>
      <div class="grid">
        ${this.moneyField(['amount', 'min'], this.t('offer.amountMin', c), this.rangeMoney, [['amount']])}
        ${this.moneyField(['amount', 'max'], this.t('offer.amountMax', c), this.rangeMoney)}
        ${this.intField(['termMonths', 'min'], this.t('offer.termMin'), [['termMonths']])}
        ${this.intField(['termMonths', 'max'], this.t('offer.termMax'))}
      </div>
    </section>`;
  }

  /** Risk level, liquidity and holding period of a wealth product; empty for other products. */
  private renderSuitability(): TemplateResult {
    const none = ['', this.t('offer.none')] as const;
    return html`<section aria-labelledby="s-suitability">
      <h3 id="s-suitability">${this.t('section.suitability')}</h3>
      <div class="grid">
        ${this.selectField(['riskLevel'], this.t('offer.riskLevel'), [
          none,
          ...ProductRiskLevel.options.map((r) => [r, r] as const),
        ])}
        ${this.selectField(['liquidity'], this.t('offer.liquidity'), [
          none,
          ...Liquidity.options.map((l) => [l, enumLabel(this.locale, l)] as const),
        ])}
        ${this.intField(['minHoldingDays'], this.t('offer.minHoldingDays'))}
      </div>
    </section>`;
  }

  /** The first period also starts the notice, with the mandatory wording already in it. */
  private addPeriod(): void {
    const period = { label: { 'zh-CN': '', en: '' } };
    if (this.get(['pastPerformance']) === undefined) {
      this.forget(['pastPerformance']);
      this.set(['pastPerformance'], { periods: [period], notice: { ...MANDATORY_NOTICE } });
    } else this.addItem(['pastPerformance', 'periods'], period);
  }

  /** Puts the mandatory wording at the start of one language's notice, keeping the bank's own text. */
  private insertWarning(locale: Locale): void {
    const path: Path = ['pastPerformance', 'notice', locale];
    const own = String(this.get(path) ?? '').trim();
    this.forget(path);
    this.set(
      path,
      own === ''
        ? MANDATORY_NOTICE[locale]
        : `${MANDATORY_NOTICE[locale]}${locale === 'en' ? ' ' : ''}${own}`,
    );
  }

  /**
   * Past returns of a wealth product, one row per period, and the notice shown with them. The
   * contract (and the gateway, which refuses with `past_performance_warning_missing`) wants the
   * mandatory wording in each language: the notice starts with it, the field says so, and a button
   * puts it back if it was deleted.
   */
  private renderPastPerformance(): TemplateResult {
    const base: Path = ['pastPerformance'];
    const periods = (this.get([...base, 'periods']) as Row[] | undefined) ?? [];
    const own = this.messagesFor(base, {
      claims: [
        [...base, 'periods'],
        [...base, 'notice'],
      ],
    });
    return html`<section aria-labelledby="s-past" aria-describedby="s-past-hint">
      <h3 id="s-past">${this.t('section.pastPerformance')}</h3>
      <p class="hint" id="s-past-hint">${this.t('offer.pastPerformance.hint')}</p>
      ${this.renderIssues('s-past-err', own)}
      ${periods.map((_, i) => {
        const row: Path = [...base, 'periods', i];
        return this.rowFrame(
          [...base, 'periods'],
          i,
          this.t('offer.period', i + 1),
          html`<div class="grid">
              ${this.textField([...row, 'returnBps'], this.t('offer.period.return'), {
                convert: signedPercentToBps,
                display: () => bpsToPercent(this.get([...row, 'returnBps'])),
              })}
            </div>
            ${this.localizedFields([...row, 'label'], this.t('offer.period.label'))}`,
        );
      })}
      ${
        this.readonly || periods.length >= MAX_PERIODS
          ? nothing
          : html`<div>
            <button type="button" class="add-period" @click=${() => this.addPeriod()}>
              ${this.t('add')}: ${this.t('offer.period', periods.length + 1)}
            </button>
          </div>`
      }
      ${
        periods.length === 0
          ? nothing
          : html`<div class="side-by-side">
            ${LOCALES.map((locale) => {
              const path: Path = [...base, 'notice', locale];
              return html`<div>
                ${this.textField(
                  path,
                  `${this.t('offer.pastPerformance.notice')} · ${this.t(`locale.${locale}`)}`,
                  {
                    lang: locale,
                    multiline: true,
                    hint: this.t('offer.pastPerformance.required', PAST_PERFORMANCE_WARNING[locale]),
                  },
                )}
                ${
                  this.readonly || hasWarning(this.get(path), locale)
                    ? nothing
                    : html`<button
                      type="button"
                      class="insert-warning"
                      data-locale=${locale}
                      @click=${() => this.insertWarning(locale)}
                    >
                      ${this.t('offer.pastPerformance.insert', this.t(`locale.${locale}`))}
                    </button>`
                }
              </div>`;
            })}
          </div>`
      }
    </section>`;
  }

  private renderPricing(): TemplateResult {
    const fees = (this.get(['pricing', 'fees']) as Row[] | undefined) ?? [];
    const percent = (path: Path, label: string, claims: Path[] = []) =>
      this.textField(path, label, {
        convert: percentToBps,
        display: () => bpsToPercent(this.get(path)),
        inputmode: 'decimal',
        claims,
      });
    return html`<section aria-labelledby="s-pricing">
      <h3 id="s-pricing">${this.t('section.pricing')}</h3>
      <div class="grid">
        ${percent(['pricing', 'apr', 'min'], this.t('offer.aprMin'), [['pricing', 'apr']])}
        ${percent(['pricing', 'apr', 'max'], this.t('offer.aprMax'))}
      </div>
      <h4>${this.t('offer.fees')}</h4>
      ${fees.map((_, i) => {
        const base: Path = ['pricing', 'fees', i];
        const fixed: Path = [...base, 'fixed'];
        return this.rowFrame(
          ['pricing', 'fees'],
          i,
          this.t('offer.fee', i + 1),
          html`<div class="grid">
              ${this.textField([...base, 'id'], this.t('offer.fee.id'))}
              ${this.selectField(
                [...base, 'kind'],
                this.t('offer.fee.kind'),
                FeeKind.options.map((k) => [k, enumLabel(this.locale, k)] as const),
              )}
              ${this.textField([...fixed, 'value'], this.t('offer.fee.fixed', this.currency), {
                convert: this.money,
                display: () => majorText(this.get([...fixed, 'value']), this.currency),
                inputmode: 'decimal',
                claims: [fixed, [...fixed, 'currency']],
              })}
              ${percent([...base, 'rateBps'], this.t('offer.fee.rate'))}
            </div>
            ${this.localizedFields([...base, 'label'], this.t('offer.fee.label'))}`,
        );
      })}
      ${this.addButton(['pricing', 'fees'], this.t('offer.fee', fees.length + 1), () => ({
        id: '',
        kind: 'origination',
        label: { 'zh-CN': '', en: '' },
      }))}
    </section>`;
  }

  /** A fee's fixed amount is an object the contract wants whole or not at all. */
  protected override input(path: Path, text: string, convert?: Converter): void {
    const i = path[0] === 'pricing' && path[3] === 'fixed' && path[4] === 'value' ? path[2] : undefined;
    if (typeof i === 'number') {
      const fixed: Path = ['pricing', 'fees', i, 'fixed'];
      if (text.trim() === '') {
        this.raw.set(pathKey([...fixed, 'value']), text);
        this.problems.delete(pathKey([...fixed, 'value']));
        this.set(fixed, undefined);
        return;
      }
      if (!this.get(fixed)) this.draft = setAt(this.draft, fixed, { value: 0, currency: this.currency });
    }
    super.input(path, text, convert);
  }

  /** Texts of one `LocalizedText` (zh-CN and en) side by side. */
  private localizedFields(path: Path, label: string, multiline = false): TemplateResult {
    return html`<div class="side-by-side">
      ${(['zh-CN', 'en'] as const).map((locale) =>
        this.textField([...path, locale], `${label} · ${this.t(`locale.${locale}`)}`, {
          lang: locale,
          multiline,
        }),
      )}
    </div>`;
  }

  private renderTexts(): TemplateResult {
    return html`<section aria-labelledby="s-texts">
      <h3 id="s-texts">${this.t('section.texts')}</h3>
      ${this.sideBySide(
        (locale) => html`
          ${this.textField(['texts', locale, 'name'], this.t('offer.name'), { lang: locale })}
          ${this.textField(['texts', locale, 'tagline'], this.t('offer.tagline'), { lang: locale })}
          ${this.textField(['texts', locale, 'highlights'], this.t('offer.highlights'), {
            lang: locale,
            multiline: true,
            convert: (text) => ({
              value: text
                .split('\n')
                .map((l) => l.trim())
                .filter(Boolean),
            }),
            display: () =>
              ((this.get(['texts', locale, 'highlights']) as string[] | undefined) ?? []).join('\n'),
            children: (child) => this.t('line', Number(child.split('.')[0]) + 1),
          })}
        `,
      )}
    </section>`;
  }

  private renderDisclosures(): TemplateResult {
    const list = (this.get(['disclosures']) as Row[] | undefined) ?? [];
    return html`<section aria-labelledby="s-disclosures">
      <h3 id="s-disclosures">${this.t('section.disclosures')}</h3>
      ${list.map((_, i) =>
        this.rowFrame(
          ['disclosures'],
          i,
          this.t('offer.disclosure', i + 1),
          this.localizedFields(['disclosures', i], this.t('offer.disclosure', i + 1), true),
        ),
      )}
      ${this.addButton(['disclosures'], this.t('offer.disclosure', list.length + 1), () => ({ 'zh-CN': '', en: '' }))}
    </section>`;
  }

  private changeOperator(i: number, op: string): void {
    const path: Path = ['eligibility', i, 'value'];
    const shown = displayValue(this.get(path));
    this.set(['eligibility', i, 'op'], op);
    if (op === 'exists') {
      this.forget(path);
      this.set(path, undefined);
      return;
    }
    this.reconvert(path, shown, (text) => criterionValue(op, text));
    this.set(['eligibility', i, 'op'], op);
  }

  private renderEligibility(): TemplateResult {
    const list = (this.get(['eligibility']) as Row[] | undefined) ?? [];
    return html`<section aria-labelledby="s-eligibility">
      <h3 id="s-eligibility">${this.t('section.eligibility')}</h3>
      ${list.map((row, i) => {
        const op = String(row.op ?? '');
        const isList = op === 'in' || op === 'not_in';
        return this.rowFrame(
          ['eligibility'],
          i,
          this.t('offer.criterion', i + 1),
          html`<div class="grid">
              ${this.textField(['eligibility', i, 'id'], this.t('offer.criterion.id'))}
              ${this.textField(['eligibility', i, 'signal'], this.t('offer.criterion.signal'))}
              ${this.selectField(
                ['eligibility', i, 'op'],
                this.t('offer.criterion.op'),
                CriterionOperator.options.map((o) => [o, `${o} — ${OP_WORDS[this.locale][o]}`] as const),
                (value) => this.changeOperator(i, value),
              )}
              ${
                op === 'exists'
                  ? this.messagesFor(['eligibility', i, 'value']).length
                    ? this.textField(['eligibility', i, 'value'], this.t('offer.criterion.value'), {
                        display: () => displayValue(row.value),
                        convert: (text) => criterionValue(op, text),
                      })
                    : ''
                  : this.textField(
                      ['eligibility', i, 'value'],
                      this.t(isList ? 'offer.criterion.value.list' : 'offer.criterion.value'),
                      {
                        display: () => displayValue(row.value),
                        convert: (text) =>
                          criterionValue(String(this.get(['eligibility', i, 'op']) ?? ''), text),
                        children: (child) => this.t('line', Number(child) + 1),
                      },
                    )
              }
            </div>
            ${this.localizedFields(['eligibility', i, 'label'], this.t('offer.criterion.label'))}`,
        );
      })}
      ${this.addButton(['eligibility'], this.t('offer.criterion', list.length + 1), () => ({
        id: '',
        signal: '',
        op: 'gte',
        label: { 'zh-CN': '', en: '' },
      }))}
    </section>`;
  }

  private renderCondition(t: number, c: number, condition: Row): TemplateResult {
    const base: Path = ['triggers', t, 'when', c];
    const kind = String(condition.kind ?? 'threshold');
    const signals = kind === 'count' ? SIGNAL_TYPES : NUMERIC_SIGNAL_TYPES;
    const money = isMoneySignal(condition.signal);
    const fields: TemplateResult[] = [
      this.selectField(
        [...base, 'kind'],
        this.t('offer.trigger.kind'),
        ['threshold', 'change', 'count'].map((k) => [k, k] as const),
        (k) => {
          this.forget(base);
          this.set(base, (CONDITION_DEFAULTS[k] ?? CONDITION_DEFAULTS.threshold!)());
        },
      ),
      this.selectField(
        [...base, 'signal'],
        this.t('offer.trigger.signal'),
        signals.map((s) => [s, s] as const),
        (s) => {
          this.forget([...base, 'value']);
          this.set([...base, 'signal'], s);
        },
      ),
    ];
    if (kind === 'threshold') {
      fields.push(
        this.selectField(
          [...base, 'op'],
          this.t('offer.trigger.op'),
          (['gt', 'gte', 'lt', 'lte'] as const).map(
            (o) => [o, `${o} — ${OP_WORDS[this.locale][o]}`] as const,
          ),
        ),
        money
          ? this.textField([...base, 'value'], this.t('offer.trigger.value', this.currency), {
              convert: this.money,
              display: () => majorText(condition.value, this.currency),
              inputmode: 'decimal',
            })
          : this.intField([...base, 'value'], this.t('offer.trigger.value', this.t('offer.trigger.days'))),
      );
    } else if (kind === 'change') {
      fields.push(
        this.selectField(
          [...base, 'direction'],
          this.t('offer.trigger.direction'),
          (['up', 'down'] as const).map((d) => [d, d] as const),
        ),
        this.intField([...base, 'percent'], this.t('offer.trigger.percent')),
        this.intField([...base, 'windowDays'], this.t('offer.trigger.windowDays')),
      );
    } else {
      fields.push(
        this.intField([...base, 'min'], this.t('offer.trigger.min')),
        this.intField([...base, 'windowDays'], this.t('offer.trigger.windowDays')),
      );
    }
    return this.rowFrame(
      ['triggers', t, 'when'],
      c,
      this.t('offer.trigger.condition', c + 1),
      html`<div class="grid">${fields}</div>`,
    );
  }

  private renderTriggers(): TemplateResult {
    const list = (this.get(['triggers']) as Row[] | undefined) ?? [];
    return html`<section aria-labelledby="s-triggers">
      <h3 id="s-triggers">${this.t('section.triggers')}</h3>
      ${list.map((trigger, t) => {
        const base: Path = ['triggers', t];
        const when = (trigger.when as Row[] | undefined) ?? [];
        const pre = trigger.prequalify as Row | undefined;
        return this.rowFrame(
          ['triggers'],
          t,
          this.t('offer.trigger', t + 1),
          html`${this.textField([...base, 'id'], this.t('offer.trigger.id'))}
            <h4>${this.t('offer.trigger.when')}</h4>
            ${
              this.messagesFor([...base, 'when']).length
                ? this.renderIssues(
                    `${this.fieldId([...base, 'when'])}-err`,
                    this.messagesFor([...base, 'when']),
                  )
                : ''
            }
            ${when.map((condition, c) => this.renderCondition(t, c, condition))}
            ${this.addButton([...base, 'when'], this.t('offer.trigger.condition', when.length + 1), () =>
              CONDITION_DEFAULTS.threshold!(),
            )}
            <div class="grid">
              ${this.intField([...base, 'cooldownDays'], this.t('offer.trigger.cooldownDays'))}
              ${this.intField([...base, 'weeklyCap'], this.t('offer.trigger.weeklyCap'))}
              ${this.intField([...base, 'expiresAfterHours'], this.t('offer.trigger.expiresAfterHours'))}
              ${this.textField([...base, 'quietHours', 'start'], this.t('offer.trigger.quietStart'), {
                claims: [[...base, 'quietHours']],
              })}
              ${this.textField([...base, 'quietHours', 'end'], this.t('offer.trigger.quietEnd'))}
              ${this.textField([...base, 'quietHours', 'timeZone'], this.t('offer.trigger.timeZone'), {
                convert: (text) => ({ value: text.trim() === '' ? undefined : text }),
              })}
              ${this.selectField(
                [...base, 'prequalify', 'kind'],
                this.t('offer.trigger.prequalify'),
                (['none', 'offer_max', 'share_of_signal'] as const).map(
                  (k) => [k, this.t(`offer.trigger.prequalify.${k}`)] as const,
                ),
                (k) =>
                  this.set(
                    [...base, 'prequalify'],
                    k === 'none'
                      ? undefined
                      : k === 'offer_max'
                        ? { kind: 'offer_max' }
                        : {
                            kind: 'share_of_signal',
                            signal:
                              when.find((w) => isMoneySignal(w.signal))?.signal ?? MONEY_SIGNAL_TYPES[0],
                            percent: 50,
                          },
                  ),
                [[...base, 'prequalify']],
              )}
              ${
                pre?.kind === 'share_of_signal'
                  ? html`${this.selectField(
                      [...base, 'prequalify', 'signal'],
                      this.t('offer.trigger.prequalify.signal'),
                      MONEY_SIGNAL_TYPES.map((s) => [s, s] as const),
                    )}
                  ${this.intField([...base, 'prequalify', 'percent'], this.t('offer.trigger.prequalify.percent'))}`
                  : ''
              }
            </div>
            ${this.localizedFields([...base, 'message'], this.t('offer.trigger.message'))}`,
          [[...base, 'message']],
        );
      })}
      ${this.addButton(['triggers'], this.t('offer.trigger', list.length + 1), () => ({
        id: '',
        when: [CONDITION_DEFAULTS.threshold!()],
      }))}
    </section>`;
  }

  private renderSchedule(): TemplateResult {
    return html`<section aria-labelledby="s-schedule">
      <h3 id="s-schedule">${this.t('section.schedule')}</h3>
      <div class="grid">
        ${this.textField(['effective', 'from'], this.t('offer.effectiveFrom'), {
          type: 'datetime-local',
          convert: toTimestamp(false),
          display: () => toLocalInput(this.get(['effective', 'from'])),
          claims: [['effective']],
        })}
        ${this.textField(['effective', 'until'], this.t('offer.effectiveUntil'), {
          type: 'datetime-local',
          convert: toTimestamp(true),
          display: () => toLocalInput(this.get(['effective', 'until'])),
        })}
        ${this.intField(['priority'], this.t('offer.priority'))}
      </div>
      ${this.textField(['partners'], this.t('offer.partners'), {
        convert: (text) => ({
          value: text
            .split(/[,，\s]+/)
            .map((p) => p.trim())
            .filter(Boolean),
        }),
        display: () => ((this.get(['partners']) as string[] | undefined) ?? []).join(', '),
        children: (child) => `#${Number(child) + 1}`,
      })}
    </section>`;
  }

  protected renderForm(): TemplateResult {
    return html`${this.renderBasics()} ${this.renderAmount()} ${this.renderSuitability()} ${this.renderPricing()} ${this.renderPastPerformance()} ${this.renderTexts()}
    ${this.renderDisclosures()} ${this.renderEligibility()} ${this.renderTriggers()} ${this.renderSchedule()}`;
  }
}
