/**
 * Where an agent's unsent messages for one chat wait in the browser. Tied to the signed-in user,
 * so on a shared workstation one agent's page never resumes (and sends under its own name) what
 * another agent left unsent; nor does it show it.
 */
export function agentOutboxKey(userId: string, interactionId: string): string {
  return `agent-outbox:${userId}:${interactionId}`;
}

/** The text being typed for one chat, kept across reloads: the signed-in user's own, likewise. */
export function agentDraftKey(userId: string, interactionId: string): string {
  return `agent-draft:${userId}:${interactionId}`;
}
