export {
  type BusListener,
  busFor,
  type EventBus,
  InProcessBus,
  MAX_BUS_PAYLOAD_BYTES,
  PostgresBus,
  type PostgresBusOptions,
} from './bus.js';
