/**
 * A press in progress on one of a widget's buttons or links. Leaving a field shows or clears its
 * errors, and pressing the form's Next leaves the field first: an error line or summary that
 * appears or goes at that moment moves the button from under the pointer, and the press ends
 * elsewhere, with no click. A change of that kind waits for `settled()`: at once when nothing is
 * pressed, else until the press's click has been dispatched.
 */
import type {ReactiveController, ReactiveControllerHost} from 'lit';

type Host = ReactiveControllerHost & HTMLElement;

export class PressController implements ReactiveController {
  private pressed: Promise<void> | null = null;
  private endPress: (() => void) | null = null;

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  /** Whether a press on one of the host's buttons or links is in progress. */
  get pressing(): boolean {
    return this.pressed !== null;
  }

  /** Resolves once no press on the host's buttons is in progress (its click, if any, dispatched). */
  settled(): Promise<void> {
    return this.pressed ?? Promise.resolve();
  }

  hostConnected(): void {
    this.host.addEventListener('pointerdown', this.handlePointerDown);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('pointerdown', this.handlePointerDown);
    this.end();
  }

  private readonly handlePointerDown = (e: PointerEvent): void => {
    // The pressed element inside the shadow root (the event is retargeted to the host here).
    const target = e.composedPath()[0];
    if (this.pressed || !(target instanceof Element) || !target.closest('button, a[href]')) return;
    this.pressed = new Promise((resolve) => (this.endPress = resolve));
    window.addEventListener('pointerup', this.handlePointerEnd, true);
    window.addEventListener('pointercancel', this.handlePointerEnd, true);
  };

  /** The click follows `pointerup` in the same task: what waited runs in the next. */
  private readonly handlePointerEnd = (): void => {
    this.unlisten();
    setTimeout(() => this.end());
  };

  private unlisten(): void {
    window.removeEventListener('pointerup', this.handlePointerEnd, true);
    window.removeEventListener('pointercancel', this.handlePointerEnd, true);
  }

  private end(): void {
    this.unlisten();
    this.endPress?.();
    this.endPress = null;
    this.pressed = null;
  }
}
