// Which parts of the chat are on screen, as far as the page has said: an
// IntersectionObserver reports each element watched once at first and again
// whenever it enters or leaves the view. Until it has reported, an element
// counts as on screen (the cautious answer for the callers, who do less work
// per frame on screen).

/** This near the view counts as on it: a scroll may bring it in before the next idle slice. */
const MARGIN = '400px';

export class OnScreen {
  private readonly off = new WeakSet<Element>();
  private observer: IntersectionObserver | undefined;

  watch(elements: Iterable<Element>): void {
    if (typeof IntersectionObserver !== 'function') return;
    this.observer ??= new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) this.off.delete(entry.target);
        else this.off.add(entry.target);
      }
    }, { rootMargin: MARGIN });
    for (const element of elements) this.observer.observe(element);
  }

  unwatch(elements: Iterable<Element>): void {
    for (const element of elements) {
      this.observer?.unobserve(element);
      this.off.delete(element);
    }
  }

  /** False only once the page has said `element` is off screen. */
  maybeOn(element: Element): boolean {
    return !this.off.has(element);
  }
}
