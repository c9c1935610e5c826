import type { ConnectionState } from '../../core/connection/connectionMonitor';
import { showFailure } from '../../vscode/failureActions';

/**
 * Announces an outage once, when the daemon goes from reachable (or unknown) to
 * unreachable; polling while down stays quiet. The status bar and the view keep
 * showing it meanwhile.
 */
export class OutageNotifier {
  private announced = false;

  onState(state: ConnectionState): void {
    if (state.status === 'connected') {
      this.announced = false;
      return;
    }
    if (state.status === 'down' && !this.announced) {
      this.announced = true;
      void showFailure(state.failure, 'warning');
    }
  }
}
