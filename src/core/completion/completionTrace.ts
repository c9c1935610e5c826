import { completionOriginId } from '../inspector/requestTrace';
import type { OutputStep, RequestTrace, SnippetNote, TrimNote } from '../inspector/requestTrace';
import type { CompletionWindow, PreparedRequest } from './completionRequest';
import { identifierTokens, jaccard, snippetQuery } from './contextSnippets';
import { postProcessCompletion } from './postProcess';

/**
 * What the inspector shows beside a completion request: the windows the
 * budget cut, the snippets with the score that chose them, and the rules of
 * post-processing replayed on the raw answer. Only references are taken
 * here; the closures run when the inspector opens the request.
 */
export function completionTrace(requestId: number, window: CompletionWindow, prepared: PreparedRequest): RequestTrace {
  return {
    kind: 'completion',
    originId: completionOriginId(requestId),
    details: {
      trims: () => windowTrims(window),
      snippets: () => snippetNotes(prepared),
      outputSteps: (raw) => outputSteps(prepared, raw),
    },
  };
}

function windowTrims(window: CompletionWindow): TrimNote[] {
  if (!window.cut) return [];
  const { prefix, suffix } = window.position;
  const { budget, numCtx } = window;
  return [
    {
      what: 'document window',
      why:
        `the file does not fit num_ctx ${numCtx} (less the answer's num_predict and a margin): the prompt keeps the ${prefix.length} characters before the cursor ` +
        `(budget ${budget.prefixChars}) and ${suffix.length} after it (budget ${budget.suffixChars}), cut at block boundaries`,
    },
  ];
}

function snippetNotes(prepared: PreparedRequest): SnippetNote[] {
  const query = identifierTokens(snippetQuery(prepared.text.prefix, prepared.text.suffix));
  // The same similarity that chose them (contextSnippets.ts), recomputed here so the hot path keeps no scores.
  return prepared.snippets.map((s) => ({ file: s.path, score: jaccard(query, identifierTokens(s.text)), chars: s.text.length }));
}

function outputSteps(prepared: PreparedRequest, raw: string): OutputStep[] {
  const steps: OutputStep[] = [];
  postProcessCompletion({ ...prepared.text, raw }, (rule, text) => steps.push({ rule, text }));
  return steps;
}
