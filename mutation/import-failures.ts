// A vitest reporter for mutation runs: a test file that fails to load (a
// mutant made a module throw while it loads, such as a table built from a
// mutated function) counts as a failed test. Stryker's vitest runner 9.6.1
// reads only the tests a file collected; a file that never loaded has none, so
// without this the mutant is reported "Survived" although `npm test` fails on
// it.
import type { RunnerTestCase } from "vitest";
import { experimental_getRunnerTask, type Reporter, type TestModule } from "vitest/node";

export default class ImportFailures implements Reporter {
  onTestRunEnd(testModules: readonly TestModule[]): void {
    for (const file of testModules.map((m) => experimental_getRunnerTask(m))) {
      if (file.result?.state !== "fail" || file.tasks.length > 0) continue;
      // Only the fields Stryker reads (name, mode, file, suite, result); the
      // others of vitest's Test type play no part after the run.
      const loads = {
        type: "test",
        id: `${file.id}_loads`,
        name: "loads its modules",
        mode: "run",
        file,
        suite: file,
        result: { state: "fail", errors: file.result.errors ?? [] },
      } as unknown as RunnerTestCase;
      file.tasks.push(loads);
    }
  }
}
