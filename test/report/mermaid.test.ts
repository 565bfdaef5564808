// The Mermaid diagram must stay readable and parseable: its participants are each process's
// teardown and store plus DataStorage, repetitive lines collapse, violations are red notes, it
// keeps to its size limit, and no text can break Mermaid's line syntax.
import { describe, expect, it } from 'vitest';
import { mermaidText, runMermaid } from '../../src/report/mermaid.ts';
import { SEED_RUN } from './results.ts';

const { history } = SEED_RUN.sim;
const diagram = runMermaid(history, SEED_RUN.findings);
const lines = diagram.trimEnd().split('\n');

describe('runMermaid', () => {
  it('is a sequenceDiagram whose participants are the teardowns, stores and DataStorage', () => {
    expect(lines[0]).toBe('sequenceDiagram');
    const participants = lines.filter((l) => l.trim().startsWith('participant '));
    expect(participants).toHaveLength(9);
    expect(participants).toContain('  participant W4 as p4 store/writer');
    expect(participants.at(-1)).toBe('  participant DS as DataStorage');
  });

  it("collapses a batch's refused attempts into one line", () => {
    expect(diagram).toContain('W4-xDS: 17:44:20.400-25.400 batch 1 attempts 1-3: refused');
    expect(diagram).toContain('W4-xDS: 17:44:35.400-40.400 batch 2 attempts 1-3: refused');
  });

  it('shows the DataStorage stop, and each violation in a red note after its line', () => {
    expect(diagram).toContain('T2->>DS: 17:44:19.900 stop DataStorage');
    const refused = lines.findIndex((l) => l.includes('batch 1 attempts 1-3'));
    expect(lines[refused + 1]).toBe('  rect rgb(255, 221, 221)');
    expect(lines[refused + 2]).toContain('Note over W4,DS: VIOLATED no-write-after-stop (x3):');
    expect(lines[refused + 3]).toBe('  end');
  });

  it('keeps to its size limit, cutting around the first violation', () => {
    const small = runMermaid(history, SEED_RUN.findings, { maxLines: 8 }).split('\n');
    const body = small.filter((l) => l.startsWith('  ') && !l.includes('participant'));
    expect(body.length).toBeLessThanOrEqual(8 * 3);
    expect(small.join('\n')).toContain('earlier lines omitted');
    expect(small.join('\n')).toContain('VIOLATED no-write-after-stop');
    expect(body.filter((l) => l === '  end')).toHaveLength(
      body.filter((l) => l.startsWith('  rect ')).length,
    );
  });

  it('turns characters that Mermaid reads as syntax into harmless ones', () => {
    expect(mermaidText('a;b #1 %%c <br> "q"\nnext')).toBe("a,b no. 1 %c ‹br› 'q' next");
  });
});
