import type { FimFamily } from '../fimFamily';

/** Another file (or a snippet of one) the model may draw on. */
export interface ContextFile {
  readonly path: string;
  readonly text: string;
}

export interface FimInput {
  readonly prefix: string;
  readonly suffix: string;
  /** Used only by formats with a file separator (`multiFile`); others get files through a comment header. */
  readonly files?: readonly ContextFile[];
  readonly repoName?: string;
  /** Workspace-relative path of the edited file; names it in the multi-file forms. */
  readonly filePath?: string;
}

export interface FimTemplate {
  readonly family: FimFamily;
  /** True when the format has its own way to show other files (a file separator token). */
  readonly multiFile: boolean;
  readonly stop: readonly string[];
  render(input: FimInput): string;
}

export interface FimPrompt {
  readonly prompt: string;
  readonly stop: readonly string[];
}

// DeepSeek's tokens use FULL-WIDTH bars (U+FF5C) and U+2581 instead of spaces;
// spelt out so no editor or formatter can "fix" them into ASCII.
const BAR = '\uFF5C';
const SPACE = '\u2581';
const deepseekToken = (name: string): string => `<${BAR}${name.replace(/ /g, SPACE)}${BAR}>`;

export const DEEPSEEK_TOKENS = {
  begin: deepseekToken('fim begin'),
  hole: deepseekToken('fim hole'),
  end: deepseekToken('fim end'),
  endOfSentence: deepseekToken('end of sentence'),
  beginOfSentence: deepseekToken('begin of sentence'),
} as const;

const QWEN_STOP = [
  '<|endoftext|>',
  '<|fim_prefix|>',
  '<|fim_suffix|>',
  '<|fim_middle|>',
  '<|fim_pad|>',
  '<|repo_name|>',
  '<|file_sep|>',
  '<|im_start|>',
  '<|im_end|>',
] as const;

// Trailing blank lines would only stretch the gap before the next separator.
const otherFiles = (input: FimInput): readonly ContextFile[] => (input.files ?? []).map((f) => ({ path: f.path, text: f.text.trimEnd() }));
const DEFAULT_REPO_NAME = 'workspace';
const DEFAULT_FILE_PATH = 'untitled';

const TEMPLATES: Readonly<Record<FimFamily, FimTemplate>> = {
  'qwen2.5-coder': {
    family: 'qwen2.5-coder',
    multiFile: true,
    stop: QWEN_STOP,
    render: (input) => {
      const fim = `<|fim_prefix|>${input.prefix}<|fim_suffix|>${input.suffix}<|fim_middle|>`;
      const files = otherFiles(input);
      if (files.length === 0) return fim;
      // The repository-level form from the Qwen2.5-Coder report: every file
      // after <|file_sep|> with its path on the first line, the edited one last.
      const head = `<|repo_name|>${input.repoName ?? DEFAULT_REPO_NAME}\n`;
      const body = files.map((f) => `<|file_sep|>${f.path}\n${f.text}\n`).join('');
      return `${head}${body}<|file_sep|>${input.filePath ?? DEFAULT_FILE_PATH}\n${fim}`;
    },
  },
  codellama: {
    family: 'codellama',
    multiFile: false,
    stop: ['<EOT>'],
    // Meta's reference: "<PRE> " + prefix + " <SUF>" + suffix + " <MID>"; the
    // spaces are part of what the model was trained on.
    render: (input) => `<PRE> ${input.prefix} <SUF>${input.suffix} <MID>`,
  },
  'deepseek-coder': {
    family: 'deepseek-coder',
    multiFile: false,
    stop: [DEEPSEEK_TOKENS.endOfSentence, DEEPSEEK_TOKENS.begin, DEEPSEEK_TOKENS.hole, DEEPSEEK_TOKENS.end],
    render: (input) => `${DEEPSEEK_TOKENS.begin}${input.prefix}${DEEPSEEK_TOKENS.hole}${input.suffix}${DEEPSEEK_TOKENS.end}`,
  },
  starcoder: {
    family: 'starcoder',
    multiFile: true,
    stop: ['<|endoftext|>', '<file_sep>', '<fim_prefix>', '<fim_suffix>', '<fim_middle>'],
    render: (input) => {
      const files = otherFiles(input);
      if (files.length === 0) return `<fim_prefix>${input.prefix}<fim_suffix>${input.suffix}<fim_middle>`;
      // StarCoder2's repository-context FIM form: the edited file's path sits
      // inside <fim_prefix>, right before its code.
      const head = input.repoName !== undefined ? `<repo_name>${input.repoName}` : '';
      const body = files.map((f) => `<file_sep>${f.path}\n${f.text}`).join('');
      const path = input.filePath ?? DEFAULT_FILE_PATH;
      return `${head}${body}<file_sep><fim_prefix>${path}\n${input.prefix}<fim_suffix>${input.suffix}<fim_middle>`;
    },
  },
  codestral: {
    family: 'codestral',
    multiFile: false,
    stop: ['[PREFIX]', '[SUFFIX]', '</s>'],
    // Suffix first (SPM): the stable head of this prompt is the suffix, not the prefix.
    render: (input) => `[SUFFIX]${input.suffix}[PREFIX]${input.prefix}`,
  },
  codegemma: {
    family: 'codegemma',
    multiFile: true,
    stop: ['<|file_separator|>', '<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>'],
    render: (input) => {
      const fim = `<|fim_prefix|>${input.prefix}<|fim_suffix|>${input.suffix}<|fim_middle|>`;
      const files = otherFiles(input);
      if (files.length === 0) return fim;
      // Google documents only that <|file_separator|> separates files; each file
      // is given as "path\ncontent" like the other repository formats.
      const body = files.map((f) => `<|file_separator|>${f.path}\n${f.text}\n`).join('');
      return `${body}<|file_separator|>${input.filePath ?? DEFAULT_FILE_PATH}\n${fim}`;
    },
  },
};

export function fimTemplateFor(family: FimFamily): FimTemplate {
  return TEMPLATES[family];
}

/** The raw-mode prompt (send with `raw: true`) and the stop strings for `options.stop`. */
export function buildFimPrompt(template: FimTemplate, input: FimInput): FimPrompt {
  const files = template.multiFile ? input.files : undefined;
  return { prompt: template.render({ ...input, files }), stop: [...template.stop] };
}

