/** Test-only: the next worker event of a type on a data client. Never imported by production code. */
import {DataEventMessage, type DataClient} from '../page/data-client.js';
import type {DataEvent} from '../shared/protocol.js';

export function nextEvent(client: DataClient, type: DataEvent['type']): Promise<DataEvent> {
  return new Promise((resolve) => {
    const on = (e: Event): void => {
      if (e instanceof DataEventMessage && e.data.type === type) {
        client.events.removeEventListener('data-event', on);
        resolve(e.data);
      }
    };
    client.events.addEventListener('data-event', on);
  });
}
