import type { EvaluationLimits } from './types';
import { BindingFailure } from './values';

// A binding's work is bounded by what it counts, not by a clock: steps (AST nodes visited) and
// characters of the strings it creates or scans, per field and per page evaluation. Every user of a
// page pays for its bindings on the main thread, so a hostile page must stop early, the same way
// on every machine.

type WorkLimits = Pick<EvaluationLimits, 'maxFieldSteps' | 'maxFieldChars'>;

/** One page evaluation's shared budget: every field it evaluates draws on it. */
export interface PageBudget {
  readonly maxSteps: number;
  readonly maxChars: number;
  steps: number;
  chars: number;
}

export const DEFAULT_PAGE_STEPS = 200_000;
export const DEFAULT_PAGE_CHARS = 5_000_000;

export function createPageBudget(
  maxSteps = DEFAULT_PAGE_STEPS,
  maxChars = DEFAULT_PAGE_CHARS,
): PageBudget {
  return { maxSteps, maxChars, steps: 0, chars: 0 };
}

/** One field's running count; the field's bindings share it. */
export class FieldWork {
  private steps = 0;
  private chars = 0;

  constructor(
    private readonly limits: WorkLimits,
    private readonly page: PageBudget | undefined,
  ) {}

  step(): void {
    if (++this.steps > this.limits.maxFieldSteps)
      tooMuch(
        `more than ${fmt(this.limits.maxFieldSteps)} steps`,
        `${fmt(this.limits.maxFieldSteps)} steps per field`,
      );
    const page = this.page;
    if (page && ++page.steps > page.maxSteps)
      tooMuch(
        `the page's bindings took more than ${fmt(page.maxSteps)} steps`,
        `${fmt(page.maxSteps)} steps per page`,
      );
  }

  /** Charges characters created or scanned. */
  charge(length: number): void {
    this.chars += length;
    if (this.chars > this.limits.maxFieldChars)
      tooMuch(
        `its strings came to more than ${fmt(this.limits.maxFieldChars)} characters`,
        `${fmt(this.limits.maxFieldChars)} characters per field`,
      );
    const page = this.page;
    if (page && (page.chars += length) > page.maxChars)
      tooMuch(
        `the page's bindings created more than ${fmt(page.maxChars)} characters`,
        `${fmt(page.maxChars)} characters per page`,
      );
  }
}

const fmt = (n: number) => n.toLocaleString('en-US');

function tooMuch(what: string, limit: string): never {
  throw new BindingFailure('limit', `This binding does too much work: ${what} (limit ${limit})`);
}
