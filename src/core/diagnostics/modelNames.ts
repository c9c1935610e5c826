/** Ollama's naming rule: "llama3.2" is "llama3.2:latest", and names compare case-insensitively. */
export function sameModelName(a: string, b: string): boolean {
  const norm = (n: string): string => {
    const lower = n.trim().toLowerCase();
    return /:[^/:]+$/.test(lower) ? lower : `${lower}:latest`;
  };
  return norm(a) === norm(b);
}

export function findNamed<T extends { readonly name: string }>(items: readonly T[], name: string): T | undefined {
  return items.find((item) => sameModelName(item.name, name));
}
