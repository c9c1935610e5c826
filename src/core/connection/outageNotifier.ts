import type { ShowFailure } from '../engine/ollamaFailure';
import type { ConnectionState } from './connectionMonitor';

/**
 * Announces an outage once, when the daemon goes from reachable (or unknown) to
 * unreachable; polling while down stays quiet. The status bar and the view keep
 * showing it meanwhile.
 */
export class OutageNotifier {
  private announced = false;

  constructor(private readonly showFailure: ShowFailure) {}

  onState(state: ConnectionState): void {
    if (state.status === 'connected') {
      this.announced = false;
      return;
    }
    if (state.status === 'down' && !this.announced) {
      this.announced = true;
      void this.showFailure(state.failure, 'warning');
    }
  }
}
