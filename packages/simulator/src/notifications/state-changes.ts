// Which objects changed state since the last look. Until the engine publishes its own typed
// state-change events, the simulated SNS compares the states the store holds now with the ones it
// saw last (cheap: a map of id → state), after every API request and every due task.
import type { Store } from '../store.js';

export type NotificationObjectType = 'CHARGE_PERMISSION' | 'CHARGE' | 'REFUND' | 'CHARGEBACK';

export interface StateChange {
  objectType: NotificationObjectType;
  objectId: string;
  chargePermissionId: string | null;
  /** The state the object reached (shown in the notification log, not sent: IPNs carry ids only). */
  state: string;
}

/** Returns a function that lists the state changes since its previous call (new objects included). */
export function stateChangeWatcher(store: Store): () => StateChange[] {
  const seen = new Map<string, string>();
  const check = (changes: StateChange[], change: StateChange) => {
    const key = `${change.objectType} ${change.objectId}`;
    if (seen.get(key) === change.state) return;
    seen.set(key, change.state);
    changes.push(change);
  };
  return () => {
    const changes: StateChange[] = [];
    for (const record of store.chargePermissions.values()) {
      check(changes, {
        objectType: 'CHARGE_PERMISSION',
        objectId: record.id,
        chargePermissionId: record.id,
        state: record.state,
      });
    }
    for (const record of store.charges.values()) {
      check(changes, {
        objectType: 'CHARGE',
        objectId: record.id,
        chargePermissionId: record.chargePermissionId,
        state: record.status.state,
      });
    }
    for (const record of store.refunds.values()) {
      check(changes, {
        objectType: 'REFUND',
        objectId: record.id,
        chargePermissionId: store.charges.get(record.chargeId)?.chargePermissionId ?? null,
        state: record.status.state,
      });
    }
    for (const dispute of store.disputes.values()) {
      const chargeId = String(dispute.chargeId ?? '');
      const state = (dispute.statusDetails as { state?: unknown } | undefined)?.state;
      check(changes, {
        objectType: 'CHARGEBACK',
        objectId: String(dispute.disputeId),
        chargePermissionId: store.charges.get(chargeId)?.chargePermissionId ?? null,
        state: String(state ?? 'Unknown'),
      });
    }
    return changes;
  };
}
