/**
 * How often the simulated small model slips, per model turn that makes a
 * call. Fixed from the reports below before the benchmark was first run, and
 * not changed to reach a result; the README states them with their sources.
 */
export const MISTAKE_RATES = {
  /**
   * The call is written in the reply's text (bare JSON, or half the time in a
   * ```json fence) instead of the template's <tool_call> tags, so the daemon
   * passes it on as content. Reported for qwen2.5-coder as anything from
   * intermittent to "consistent" (ollama/ollama#12174, anomalyco/opencode#10402,
   * selfagency/opilot#149) and for llama3.2 in code blocks (ollama/ollama#13519).
   */
  textCall: 0.3,
  /**
   * The JSON is malformed: single quotes, a trailing comma, or the closing
   * brace missing (chatchat-space/Langchain-Chatchat#3591, BerriAI/litellm#25992,
   * ggml-org/llama.cpp#22072, ollama/ollama#11704).
   */
  malformed: 0.1,
  /** `path` given as `filePath`, `file_path` or `file` (opencode#10402, opilot#149, RooCodeInc/Roo-Code#7406 and #10150). */
  wrongArgName: 0.15,
  /** Integer arguments sent as strings ("10"); only where the call has one (ollama/ollama#6155, theneuralbase's tool-calling comparison). */
  wrongType: 0.1,
  /** A tool that does not exist: names seen in Gitlawb/openclaude#433, opilot#149, anomalyco/opencode#6223, Roo-Code. */
  hallucinatedTool: 0.05,
  /**
   * Starts repeating its previous call (cline/cline#2076, artokun/comfyui-mcp#153,
   * Azure-Samples/foundry-hosted-agentframework-demos#3). Once repeating, it
   * repeats again with `repeatSameInput` when its last result is the same text as
   * the one before (greedy decoding on the same input, as comfyui-mcp#153
   * describes), else with the base `repeat` rate.
   */
  repeat: 0.1,
  repeatSameInput: 0.9,
  /**
   * After a tool error, answers as if the task were done (ToolCall-15's finding
   * that models ignore their tool results; the Whet write-up of 7 local models
   * on dev.to).
   */
  ignoreError: 0.3,
} as const;

/** Names the simulated model invents per tool, from the reports above. */
export const HALLUCINATED_NAMES: Readonly<Record<string, string>> = {
  read_file: 'fetch_file_content',
  list_dir: 'repository_structure',
  search: 'WebSearch',
  edit_file: 'apply_diff',
  create_file: 'write',
  run_command: 'terminal_run',
  get_diagnostics: 'pylanceSyntaxErrors',
};

export const WRONG_PATH_NAMES = ['filePath', 'file_path', 'file'] as const;
