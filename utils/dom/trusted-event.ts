// Only the person's own input may start or steer a reading. The page shares its DOM with the page script, so its
// own script can dispatch events at our listeners and at the buttons we put on the page (dispatchEvent,
// element.click()); those events have isTrusted false (https://dom.spec.whatwg.org/#dom-event-istrusted), input the
// browser delivers has it true. Without this check a page could start a reading of text it just wrote, or steer one.

/** `handler`, called only for events the browser delivered from real input. */
export function trusted<E extends Event>(handler: (event: E) => void): (event: E) => void {
  return (event) => {
    if (event.isTrusted) handler(event);
  };
}
