/**
 * Keeps the settings documents of this browser's extension contexts (background worker, mail tab,
 * popup) equal while they are open: every change is posted on a BroadcastChannel and applied by
 * the others at once. A context that opens says what it has (its state vector) and the others
 * answer with what it lacks, which covers changes made while it was loading from IndexedDB.
 * Updates are idempotent, so a change that arrives both ways does no harm.
 */
import * as Y from 'yjs';

type RelayMessage = { kind: 'update'; update: Uint8Array } | { kind: 'hello'; stateVector: Uint8Array };

function isRelayMessage(data: unknown): data is RelayMessage {
  const message = data as Partial<{ kind: string; update: unknown; stateVector: unknown }> | null;
  if (!message) return false;
  return (message.kind === 'update' && message.update instanceof Uint8Array) || (message.kind === 'hello' && message.stateVector instanceof Uint8Array);
}

export class ContextRelay {
  private readonly channel: BroadcastChannel;
  private readonly forward = (update: Uint8Array, origin: unknown) => {
    if (origin !== this) this.post({ kind: 'update', update });
  };

  constructor(
    private readonly doc: Y.Doc,
    channelName: string,
  ) {
    this.channel = new BroadcastChannel(channelName);
    this.channel.onmessage = (event: MessageEvent<unknown>) => this.receive(event.data);
    doc.on('update', this.forward);
    this.post({ kind: 'hello', stateVector: Y.encodeStateVector(doc) });
  }

  destroy(): void {
    this.doc.off('update', this.forward);
    this.channel.close();
  }

  private receive(data: unknown): void {
    // Only our own contexts share the channel; anything else in it is a bug, not input to apply.
    if (!isRelayMessage(data)) throw new TypeError('Unexpected message on the settings channel');
    if (data.kind === 'update') Y.applyUpdate(this.doc, data.update, this);
    else this.post({ kind: 'update', update: Y.encodeStateAsUpdate(this.doc, data.stateVector) });
  }

  private post(message: RelayMessage): void {
    this.channel.postMessage(message);
  }
}
