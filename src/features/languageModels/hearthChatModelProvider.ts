import * as vscode from 'vscode';
import { parseLenientJson } from '../../core/agent/lenientJson';
import { streamModelTurn } from '../../core/agent/modelTurn';
import { OllamaError, toOllamaFailure } from '../../core/engine/ollamaFailure';
import type { ModelInfo, ToolDefinition } from '../../core/engine/engineTypes';
import type { ModelServer } from '../../core/engine/modelServer';
import { chatModelEntries } from '../../core/languageModels/chatModelEntries';
import type { ChatModelEntry } from '../../core/languageModels/chatModelEntries';
import { callInput, toChatMessages } from '../../core/languageModels/lmMessages';
import type { LmMessage, LmPart } from '../../core/languageModels/lmMessages';
import { estimateTokens } from '../../core/instructions/resolvedInstructions';
import { abortSignalFrom } from '../../vscode/cancellation';

type Info = vscode.LanguageModelChatInformation & { readonly entry: ChatModelEntry };

export interface ChatModelProviderDeps {
  readonly server: Pick<ModelServer, 'hostLabel' | 'listModels' | 'chat' | 'chatWithTools'>;
  /** Installed models when the connection knows them (no request), else undefined. */
  readonly knownModels: () => readonly ModelInfo[] | undefined;
  readonly numCtx: () => number;
  /** Holds completions back while the answer streams, as Hearth's own chat does. */
  readonly beginChatStream: () => vscode.Disposable;
}

/**
 * Hearth's installed chat models for VS Code's language model API: the chat
 * model picker and any extension calling vscode.lm.selectChatModels({ vendor:
 * 'hearth' }). Requests go through Hearth's model server, so they carry its
 * num_ctx and keep_alive, wait their turn on the GPU with completions, and
 * cancelling the token closes the HTTP request (which stops generation).
 */
export class HearthChatModelProvider implements vscode.LanguageModelChatProvider<Info> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeLanguageModelChatInformation = this.changed.event;

  constructor(private readonly deps: ChatModelProviderDeps) {}

  /** The model list or the window changed: VS Code asks again. */
  refresh(): void {
    this.changed.fire();
  }

  async provideLanguageModelChatInformation(_options: vscode.PrepareLanguageModelChatModelOptions, token: vscode.CancellationToken): Promise<Info[]> {
    let models = this.deps.knownModels();
    if (!models) {
      const cancel = abortSignalFrom(token);
      try {
        const listed = await this.deps.server.listModels({ signal: cancel.signal });
        // Down or unreachable: no models now; the connection's change refreshes the list.
        models = listed.ok ? listed.value : [];
      } finally {
        cancel.dispose();
      }
    }
    return chatModelEntries(models, this.deps.numCtx(), this.deps.server.hostLabel).map((entry) => ({
      id: entry.id,
      name: entry.name,
      family: entry.family,
      version: entry.version,
      detail: entry.detail,
      tooltip: entry.tooltip,
      maxInputTokens: entry.maxInputTokens,
      maxOutputTokens: entry.maxOutputTokens,
      capabilities: { toolCalling: entry.toolCalling, imageInput: entry.imageInput },
      entry,
    }));
  }

  async provideLanguageModelChatResponse(
    model: Info,
    messages: readonly vscode.LanguageModelChatRequestMessage[],
    options: vscode.ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<vscode.LanguageModelResponsePart>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    const cancel = abortSignalFrom(token);
    const { signal } = cancel;
    const chatMessages = toChatMessages(messages.map(toLmMessage));
    const tools: ToolDefinition[] = (options.tools ?? []).map((t) => ({
      type: 'function',
      function: { name: t.name, description: t.description, parameters: (t.inputSchema ?? { type: 'object', properties: {} }) as Record<string, unknown> },
    }));
    // The answer stays within the room the model info promised. It also bounds
    // what a cancelled request costs on VS Code before 1.127, which does not
    // pass the caller's cancellation on to providers (microsoft/vscode#277872).
    const bounds = { num_predict: model.maxOutputTokens };
    const gpu = this.deps.beginChatStream();
    try {
      if (tools.length === 0 || !model.entry.toolCalling) {
        for await (const event of this.deps.server.chat({ model: model.id, messages: chatMessages, options: bounds }, signal)) {
          if (event.kind === 'text') progress.report(new vscode.LanguageModelTextPart(event.text));
        }
        return;
      }
      const turn = await streamModelTurn(
        this.deps.server,
        { model: model.id, messages: chatMessages, tools, options: bounds },
        0,
        (event) => {
          if (event.kind === 'modelText') progress.report(new vscode.LanguageModelTextPart(event.text));
        },
        signal,
      );
      turn.nativeCalls.forEach((call, i) => {
        const input = callInput(call.args, (text) => {
          const parsed = parseLenientJson(text);
          return parsed.ok ? parsed.value : undefined;
        });
        // A call whose arguments are not an object cannot be handed on; the caller sees the model's text instead.
        if (input) progress.report(new vscode.LanguageModelToolCallPart(`hearth-call-${Date.now().toString(36)}-${i}`, call.name, input));
        else progress.report(new vscode.LanguageModelTextPart(`\n[${model.id} called ${call.name} with arguments that are not a JSON object]`));
      });
    } catch (error) {
      if (token.isCancellationRequested) throw new vscode.CancellationError();
      const failure = error instanceof OllamaError ? error.failure : toOllamaFailure(error, { host: this.deps.server.hostLabel, model: model.id });
      throw new Error(failure.message);
    } finally {
      gpu.dispose();
      cancel.dispose();
    }
  }

  provideTokenCount(_model: Info, text: string | vscode.LanguageModelChatRequestMessage): Promise<number> {
    // No tokenize endpoint exists; the estimate Hearth's own chat budget uses.
    const plain = typeof text === 'string' ? text : toLmMessage(text).parts.map((p) => (p.kind === 'toolCall' ? JSON.stringify(p.input) : p.text)).join('');
    return Promise.resolve(estimateTokens(plain));
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function toLmMessage(message: vscode.LanguageModelChatRequestMessage): LmMessage {
  const parts: LmPart[] = [];
  for (const part of message.content) {
    if (part instanceof vscode.LanguageModelTextPart) parts.push({ kind: 'text', text: part.value });
    else if (part instanceof vscode.LanguageModelToolCallPart) parts.push({ kind: 'toolCall', callId: part.callId, name: part.name, input: part.input as Record<string, unknown> });
    else if (part instanceof vscode.LanguageModelToolResultPart) {
      const text = part.content.map((c) => (c instanceof vscode.LanguageModelTextPart ? c.value : '')).join('');
      parts.push({ kind: 'toolResult', callId: part.callId, text });
    }
  }
  const role = message.role === vscode.LanguageModelChatMessageRole.Assistant ? 'assistant' : 'user';
  return { role, parts };
}
