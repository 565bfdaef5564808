// The steps a teardown plan is made of, as DESIGN.md lists them, and how each reads in a log.

export type TeardownStep =
  /** Flush(ctx) with a context deadline of `timeoutMs`; `ifStore` skips it on a process whose
   * store reference is nil (without it, the nil store panics, as in Go). */
  | { readonly step: 'flush'; readonly timeoutMs: number; readonly ifStore?: boolean }
  | { readonly step: 'close'; readonly ifStore?: boolean }
  /** Cancel the controller manager: in-flight reconciles may still emit for a while. */
  | { readonly step: 'cancelManager' }
  /** Stop envtest; takes `ms`, or the scenario's stopEnvMs when absent. */
  | { readonly step: 'stopEnv'; readonly ms?: number }
  /** Stop DataStorage (idempotent: a second stop only logs that the containers are gone). */
  | { readonly step: 'stopDataStorage' }
  | { readonly step: 'sleep'; readonly ms: number }
  /** Later Close errors are discarded by the suite (`_ = store.Close()`). */
  | { readonly step: 'ignoreCloseError' }
  /** Ginkgo SynchronizedAfterSuite: the steps after it run on process 1 only, once every
   * process finished the steps before it. */
  | { readonly step: 'synchronized' }
  /** The process exits at once (os.Exit, a test binary ending): every goroutine of it stops,
   * whatever it was doing; allowed inside a `parallel` branch. */
  | { readonly step: 'exit' }
  /** Branches that run at once (JVM shutdown hooks, an errgroup); the step ends when all did. */
  | { readonly step: 'parallel'; readonly branches: readonly (readonly TeardownStep[])[] };

export function describeStep(step: TeardownStep): string {
  switch (step.step) {
    case 'flush':
      return `flush(${step.timeoutMs}ms)`;
    case 'stopEnv':
      return step.ms === undefined ? 'stopEnv' : `stopEnv(${step.ms}ms)`;
    case 'sleep':
      return `sleep(${step.ms}ms)`;
    case 'parallel':
      return `parallel(${step.branches.map((b) => `[${describePlan(b)}]`).join(' | ')})`;
    default:
      return step.step;
  }
}

export function describePlan(plan: readonly TeardownStep[]): string {
  return plan.map(describeStep).join(' -> ');
}
