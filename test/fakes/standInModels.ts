import { createHash } from 'node:crypto';
import type { StandInModel } from './ollamaStandIn';

// Real Ollama templates, shortened where the tail does not matter to Hearth.
// What matters: whether `.Suffix` appears (older servers derive `insert` from it)
// and the FIM tokens around it.
const QWEN_BASE_TEMPLATE = '{{ .Prompt }}';

const QWEN_CODER_TEMPLATE = `{{- if .Suffix }}<|fim_prefix|>{{ .Prompt }}<|fim_suffix|>{{ .Suffix }}<|fim_middle|>
{{- else if .Messages }}
{{- if or .System .Tools }}<|im_start|>system
{{- if .System }}
{{ .System }}
{{- end }}
{{- if .Tools }}
Functions you may call, one JSON object per call inside <tool_call></tool_call> tags:
{{- range .Tools }}
{{ .Function }}
{{- end }}
{{- end }}<|im_end|>
{{ end }}
{{- range $i, $_ := .Messages }}
{{- if eq .Role "tool" }}<|im_start|>user
<tool_response>
{{ .Content }}
</tool_response><|im_end|>
{{ else }}<|im_start|>{{ .Role }}
{{ if .Content }}{{ .Content }}
{{- else if .ToolCalls }}<tool_call>
{{ range .ToolCalls }}{"name": "{{ .Function.Name }}", "arguments": {{ .Function.Arguments }}}
{{ end }}</tool_call>
{{- end }}<|im_end|>
{{ end }}
{{- end }}<|im_start|>assistant
{{ else }}
{{- if .System }}<|im_start|>system
{{ .System }}<|im_end|>
{{ end }}{{ if .Prompt }}<|im_start|>user
{{ .Prompt }}<|im_end|>
{{ end }}<|im_start|>assistant
{{ end }}{{ .Response }}{{ if .Response }}<|im_end|>{{ end }}`;

const CODELLAMA_CODE_TEMPLATE = `{{- if .Suffix }}<PRE> {{ .Prompt }} <SUF>{{ .Suffix }} <MID>
{{- else }}{{ .Prompt }}
{{- end }}`;

const LLAMA32_TEMPLATE = `<|start_header_id|>system<|end_header_id|>

Cutting Knowledge Date: December 2023
{{ if .System }}{{ .System }}{{ end }}
{{- if .Tools }}
Answer a function call as JSON {"name": function name, "parameters": arguments}. Functions:
{{ range .Tools }}{{ . }}
{{ end }}
{{- end }}<|eot_id|>
{{- range $i, $_ := .Messages }}
{{- if eq .Role "tool" }}<|start_header_id|>ipython<|end_header_id|>

{{ .Content }}<|eot_id|>
{{- else }}
<|start_header_id|>{{ .Role }}<|end_header_id|>

{{ if .ToolCalls }}{{ range .ToolCalls }}{"name": "{{ .Function.Name }}", "parameters": {{ .Function.Arguments }}}{{ end }}
{{- else }}{{ .Content }}{{ end }}<|eot_id|>
{{- end }}
{{- end }}<|start_header_id|>assistant<|end_header_id|>

`;

const DEEPSEEK_R1_TEMPLATE = `{{- if .System }}{{ .System }}{{ end }}
{{- range $i, $_ := .Messages }}
{{- if eq .Role "user" }}<｜User｜>{{ .Content }}
{{- else if eq .Role "assistant" }}<｜Assistant｜>{{ .Content }}<｜end▁of▁sentence｜>
{{- end }}
{{- end }}<｜Assistant｜>{{ if .IsThinkSet }}{{ if .Think }}<think>
{{ else }}<think>

</think>

{{ end }}{{ end }}`;

const STARCODER2_TEMPLATE = `{{- if .Suffix }}<fim_prefix>{{ .Prompt }}<fim_suffix>{{ .Suffix }}<fim_middle>
{{- else }}{{ .Prompt }}
{{- end }}`;

/** The models a fresh stand-in lists, in /api/tags order (newest first). */
export function defaultModels(): StandInModel[] {
  return [
    {
      name: 'qwen2.5-coder:1.5b-base', family: 'qwen2', parameterSize: '1.5B', quantization: 'Q4_K_M',
      sizeBytes: 986_061_892, capabilities: ['completion'], template: QWEN_BASE_TEMPLATE, contextLength: 32_768,
      license: 'Apache License Version 2.0',
    },
    {
      name: 'qwen2.5-coder:7b', family: 'qwen2', parameterSize: '7.6B', quantization: 'Q4_K_M',
      sizeBytes: 4_683_087_332, capabilities: ['completion', 'insert', 'tools'], template: QWEN_CODER_TEMPLATE,
      contextLength: 32_768, license: 'Apache License Version 2.0',
    },
    {
      name: 'codellama:7b-code', family: 'llama', parameterSize: '7B', quantization: 'Q4_0',
      sizeBytes: 3_825_910_662, capabilities: ['completion', 'insert'], template: CODELLAMA_CODE_TEMPLATE,
      contextLength: 16_384, parameters: { rope_frequency_base: 1_000_000, stop: ['<EOT>'] },
      license: 'LLAMA 2 COMMUNITY LICENSE AGREEMENT',
    },
    {
      name: 'llama3.2:3b', family: 'llama', parameterSize: '3.2B', quantization: 'Q4_K_M',
      sizeBytes: 2_019_393_189, capabilities: ['completion', 'tools'], template: LLAMA32_TEMPLATE,
      contextLength: 131_072, parameters: { stop: ['<|start_header_id|>', '<|end_header_id|>', '<|eot_id|>'] },
      license: 'LLAMA 3.2 COMMUNITY LICENSE AGREEMENT',
    },
    {
      name: 'deepseek-r1:7b', family: 'qwen2', parameterSize: '7.6B', quantization: 'Q4_K_M',
      sizeBytes: 4_683_075_271, capabilities: ['completion', 'thinking'], template: DEEPSEEK_R1_TEMPLATE,
      contextLength: 131_072, parameters: { stop: ['<｜begin▁of▁sentence｜>', '<｜end▁of▁sentence｜>'] },
      license: 'MIT License',
    },
    {
      // Stands for a server older than 0.6.4: /api/show has no `capabilities`,
      // so a client must read insert support off the template.
      name: 'starcoder2:3b', family: 'starcoder2', parameterSize: '3B', quantization: 'Q4_0',
      sizeBytes: 1_708_593_263, capabilities: ['completion', 'insert'], template: STARCODER2_TEMPLATE,
      contextLength: 16_384, legacyShow: true,
    },
    {
      name: 'nomic-embed-text:latest', family: 'nomic-bert', parameterSize: '137M', quantization: 'F16',
      sizeBytes: 274_302_450, capabilities: ['embedding'], template: '', contextLength: 2_048,
    },
  ];
}

/** Ollama compares names case-insensitively, with `:latest` implied and the default registry optional. */
export function canonicalModelName(name: string): string {
  let n = name.trim().toLowerCase().replace(/^(https?:\/\/)?registry\.ollama\.ai\//, '').replace(/^library\//, '');
  if (!/:[^/:]+$/.test(n)) n += ':latest';
  return n;
}

/** The name as /api/tags and /api/ps show it: always with a tag. */
export function displayName(name: string): string {
  return /:[^/:]+$/.test(name) ? name : `${name}:latest`;
}

/** The fully qualified name the daemon puts in capability errors. */
export function qualifiedName(name: string): string {
  const shown = displayName(name);
  const first = shown.split('/')[0] ?? '';
  if (shown.includes('/') && first.includes('.')) return shown;
  return shown.includes('/') ? `registry.ollama.ai/${shown}` : `registry.ollama.ai/library/${shown}`;
}

export function findModel(models: readonly StandInModel[], name: string): StandInModel | undefined {
  const wanted = canonicalModelName(name);
  return models.find((m) => canonicalModelName(m.name) === wanted);
}

/** Deterministic sha256 hex, so digests stay stable between runs. */
export function fakeDigest(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex');
}

// Fixed dates keep /api/tags ordering stable: earlier fixtures are "newer".
const FIXTURE_EPOCH = Date.parse('2025-10-01T12:00:00Z');
function modifiedAt(model: StandInModel, index: number): string {
  return model.modifiedAt ?? new Date(FIXTURE_EPOCH - index * 3_600_000).toISOString();
}

export function modelDetails(m: StandInModel): Record<string, unknown> {
  return {
    parent_model: '', format: 'gguf', family: m.family, families: [m.family],
    parameter_size: m.parameterSize, quantization_level: m.quantization,
  };
}

export function tagsEntry(m: StandInModel, index: number): Record<string, unknown> {
  const name = displayName(m.name);
  return {
    name, model: name, modified_at: modifiedAt(m, index), size: m.sizeBytes,
    digest: fakeDigest('manifest', canonicalModelName(m.name)), details: modelDetails(m),
  };
}

/** Go prints parameters with `%-30s %#v`, one line per value. */
function formatParameters(params: Record<string, unknown> | undefined): string {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(params ?? {})) {
    for (const v of Array.isArray(value) ? value : [value]) lines.push(`${key.padEnd(30)} ${JSON.stringify(v)}`);
  }
  return lines.join('\n');
}

export function showResponse(m: StandInModel, index: number): Record<string, unknown> {
  const name = displayName(m.name);
  const blob = `sha256-${fakeDigest('model', canonicalModelName(m.name))}`;
  const paramLines = Object.entries(m.parameters ?? {}).flatMap(([k, v]) =>
    (Array.isArray(v) ? v : [v]).map((x) => `PARAMETER ${k} ${typeof x === 'string' ? JSON.stringify(x) : String(x)}`));
  const modelfile = [
    '# Modelfile generated by "ollama show"',
    '# To build a new Modelfile based on this, replace FROM with:',
    `# FROM ${name}`, '', `FROM /root/.ollama/models/blobs/${blob}`, `TEMPLATE """${m.template}"""`, ...paramLines,
    ...(m.license ? [`LICENSE """${m.license}"""`] : []), '',
  ].join('\n');
  const response: Record<string, unknown> = {
    ...(m.license ? { license: m.license } : {}),
    modelfile,
    parameters: formatParameters(m.parameters),
    template: m.template,
    details: modelDetails(m),
    model_info: {
      'general.architecture': m.family,
      'general.file_type': 15,
      'general.parameter_count': parameterCount(m.parameterSize),
      'general.quantization_version': 2,
      [`${m.family}.context_length`]: m.contextLength,
      [`${m.family}.embedding_length`]: 2048,
    },
    ...(m.legacyShow ? {} : { capabilities: [...m.capabilities] }),
    modified_at: modifiedAt(m, index),
  };
  return response;
}

function parameterCount(size: string): number {
  const match = /^([\d.]+)([KMB])$/i.exec(size);
  if (!match) return 0;
  const scale = { K: 1e3, M: 1e6, B: 1e9 }[(match[2] ?? 'B').toUpperCase() as 'K' | 'M' | 'B'];
  return Math.round(Number(match[1]) * scale);
}

export interface LoadedView { model: StandInModel; contextLength: number; expiresAt: number }

export function psEntry({ model: m, contextLength, expiresAt }: LoadedView): Record<string, unknown> {
  const name = displayName(m.name);
  const fraction = Math.min(1, Math.max(0, m.vramFraction ?? 1));
  return {
    name, model: name, size: m.sizeBytes, digest: fakeDigest('manifest', canonicalModelName(m.name)),
    details: modelDetails(m), expires_at: expiresAtText(expiresAt),
    size_vram: Math.round(m.sizeBytes * fraction), context_length: contextLength,
  };
}

/** keep_alive -1 means "forever": Go adds MaxInt64 ns (about 292 years). */
function expiresAtText(expiresAt: number): string {
  const capped = Number.isFinite(expiresAt) ? expiresAt : Date.now() + 292 * 365.25 * 86_400_000;
  return new Date(capped).toISOString();
}

/** The layers a pull reports, largest first like the real registry manifest. */
export function pullLayers(m: StandInModel): Array<{ digest: string; total: number }> {
  const key = canonicalModelName(m.name);
  const small = [m.template.length + 1, (m.license?.length ?? 0) + 1, 96];
  const layers = [{ digest: `sha256:${fakeDigest('model', key)}`, total: Math.max(1, m.sizeBytes - 2048) }];
  small.forEach((total, i) => layers.push({ digest: `sha256:${fakeDigest('layer', key, String(i))}`, total }));
  return layers;
}
