import type { VerifyCommand } from './verifyCommands';

/** A message Hearth adds to the run as a user message, and why. */
export interface Nudge { readonly kind: 'correction' | 'error' | 'verify'; readonly text: string }

const CALL_EXAMPLE = '{"name": "read_file", "arguments": {"path": "src/app.ts"}}';

/**
 * A reply with no usable call and no real answer: a call-like fragment that
 * could not be read, or nothing at all. Ollama drops a call it cannot parse
 * inside the template's tags (qwen's <tool_call>) and sends an empty
 * message, so an empty reply usually is a broken call, not an answer.
 */
export function correctionFor(malformed: readonly string[], text: string, guards: boolean): Nudge | undefined {
  const first = malformed[0];
  if (first !== undefined) {
    return { kind: 'correction', text: `Your reply contained a tool call that could not be read: ${first}. Write the call again as valid JSON with double quotes, for example ${CALL_EXAMPLE}.` };
  }
  if (guards && text.trim() === '') {
    return { kind: 'correction', text: `Your reply was empty. If you meant to call a tool, the call could not be read; write it again as valid JSON with double quotes, for example ${CALL_EXAMPLE}. If you are done, answer the user.` };
  }
  return undefined;
}

export interface NudgeState {
  readonly lastError: string | undefined;
  readonly errorNudged: boolean;
  readonly editedSinceCheck: boolean;
  readonly verifyNudged: boolean;
  readonly verify: readonly VerifyCommand[];
  readonly changed: readonly string[];
}

/**
 * Before a final answer is taken: once after a failed step the answer did
 * not follow up on (small models often report success after an error), and
 * once after edits that no verification command has checked, when the
 * repository's AGENTS.md names one. Each is said at most once, so a model
 * that insists still ends the run with its answer.
 */
export function nudgeFor(state: NudgeState): Nudge | undefined {
  if (state.lastError !== undefined && !state.errorNudged) {
    const excerpt = state.lastError.length > 300 ? `${state.lastError.slice(0, 297)}…` : state.lastError;
    return { kind: 'error', text: `The last tool call failed: "${excerpt}" Fix it or try another way. If the task cannot be done, say so plainly; do not report success.` };
  }
  if (state.editedSinceCheck && state.verify.length > 0 && !state.verifyNudged) {
    const files = state.changed.slice(0, 5).join(', ') || 'files';
    const commands = state.verify.map((v) => `\`${v.command}\``).join(' or ');
    return { kind: 'verify', text: `You changed ${files} but have not checked the change. Run ${commands} with run_command (the user approves it) before you finish.` };
  }
  return undefined;
}
