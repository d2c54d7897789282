// A Stryker ignorer: no mutants inside the calls that record what happened
// (the makelaar's request and message logs, console output). They write down a
// decision already made; mutating them measures the log, not the rule. Plain
// JavaScript: Stryker also loads its plugins in child processes, which run
// without tsx.

const LOG_METHODS = new Set(["logRequest", "logRaw"]);

/**
 * @param {{ node: { type: string, callee?: { type: string, object?: { type: string, name?: string }, property?: { type: string, name?: string } } } }} path
 * @returns {string | undefined}
 */
function shouldIgnore(path) {
  const { node } = path;
  if (node.type !== "CallExpression" || node.callee?.type !== "MemberExpression") return undefined;
  const { object, property } = node.callee;
  if (property?.type === "Identifier" && LOG_METHODS.has(property.name ?? "")) {
    return "a log record of a decision, not the decision";
  }
  if (object?.type === "Identifier" && object.name === "console") return "console output";
  return undefined;
}

// PluginKind.Ignore of @stryker-mutator/api, declared without importing it.
export const strykerPlugins = [{ kind: "Ignore", name: "logging", value: { shouldIgnore } }];
