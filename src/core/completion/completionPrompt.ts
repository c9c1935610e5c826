import { buildFimPrompt, fimTemplateFor } from './fimTemplates';
import type { ContextFile } from './fimTemplates';
import type { FimTransport } from './fimTransport';
import { renderPromptHeader } from './promptHeader';

export interface CompletionPromptInput {
  /** The budgeted prefix and suffix windows (see windowPrompt). */
  readonly prefix: string;
  readonly suffix: string;
  readonly files?: readonly ContextFile[];
  readonly repoName?: string;
  readonly filePath?: string;
  readonly digest?: string;
  /** Wraps text as comments of the edited file's language; see PromptHeaderInput. */
  readonly comment?: (text: string) => string;
}

/** The fields of one `/api/generate` request that depend on the prompt. */
export interface CompletionPrompt {
  readonly prompt: string;
  /** Set for the `suffix` transport only. */
  readonly suffix?: string;
  readonly raw: boolean;
  /** Empty for the `suffix` transport: a request `stop` would replace the Modelfile's own list. */
  readonly stop: readonly string[];
  /** Set for the `suffix` transport: see GenerateRequest.infill. */
  readonly infill?: { readonly prefix: string; readonly files: readonly ContextFile[] };
}

export type SupportedTransport = Exclude<FimTransport, { readonly kind: 'unsupported' }>;

/**
 * The request prompt for a transport. Other files go where the format has a
 * place for them (a file separator); otherwise, and always for the `suffix`
 * transport, they become a comment header above the prefix together with the
 * digest, or are left out when no comment syntax was given.
 */
export function buildCompletionPrompt(transport: SupportedTransport, input: CompletionPromptInput): CompletionPrompt {
  const files = input.files ?? [];
  if (transport.kind === 'suffix') {
    const header = renderPromptHeader({ digest: input.digest, files, comment: input.comment });
    const bareHeader = renderPromptHeader({ digest: input.digest, files: [], comment: input.comment });
    return { prompt: header + input.prefix, suffix: input.suffix, raw: false, stop: [], infill: { prefix: bareHeader + input.prefix, files } };
  }
  const template = fimTemplateFor(transport.family);
  const header = renderPromptHeader({ digest: input.digest, files: template.multiFile ? [] : files, comment: input.comment });
  const { prompt, stop } = buildFimPrompt(template, {
    prefix: header + input.prefix,
    suffix: input.suffix,
    files,
    repoName: input.repoName,
    filePath: input.filePath,
  });
  return { prompt, raw: true, stop };
}
