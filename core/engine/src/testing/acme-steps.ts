/**
 * Test helper: the steps of the `acme` test connector that the engine's run tests publish —
 * notify the team, then open a ticket for the order's customer.
 */

/** Acme's `notify` action on conn_1; by default its text names the order. */
export function acmeNotify(text = 'order {{trigger.data.object.id}}') {
  return {
    id: 'notify-team',
    type: 'action',
    connector: 'acme',
    action: 'notify',
    connection: 'conn_1',
    input: { text },
  };
}

/** Acme's `create-ticket` action on conn_1 for the order's customer; by default its title reads notify-team's output. */
export function acmeTicket(title = 'after {{steps.notify-team.output.id}}', input: Record<string, unknown> = {}) {
  return {
    id: 'open-ticket',
    type: 'action',
    connector: 'acme',
    action: 'create-ticket',
    connection: 'conn_1',
    input: { customer: '{{trigger.data.object.customer}}', title, ...input },
  };
}
