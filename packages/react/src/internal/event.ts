import type { FinletEventMap, FinletEventName } from '@finlet/widgets';
import type { EventName } from '@lit/react';

/**
 * An event name typed with its event, for `createComponent({ events })`: the `on…` prop then gets
 * the element's `CustomEvent<Detail>`. A name outside `FinletEventMap` does not compile, so every
 * event an element fires must declare its detail type in @finlet/widgets.
 */
export const event = <K extends FinletEventName>(name: K) => name as EventName<FinletEventMap[K]>;
