// happy-dom has no Event.isTrusted, and the page script acts on trusted events only (utils/page/trusted-event.ts).
// DOM tests call simulateTrustedInput() so the events they dispatch stand for the user's own input, as the browser's
// would; fromPage() marks an event as made by the page's own script (isTrusted false, like dispatchEvent in a browser).

const fromPageScript = new WeakSet<Event>();

export function simulateTrustedInput(): void {
  Object.defineProperty(globalThis.Event.prototype, 'isTrusted', {
    configurable: true,
    get(this: Event) {
      return !fromPageScript.has(this);
    },
  });
}

export function fromPage<E extends Event>(event: E): E {
  fromPageScript.add(event);
  return event;
}
