import { z } from 'zod';
import { accountSidField } from './fields';
import { COMMAND_LABELS } from './labels';
import type {
  CommandContext,
  CommandDefinition,
  CommandId,
  FieldDefinition,
  FieldSpec,
} from './types';

// How a command is written down: each param once, as the schema of its resolved value beside the
// field that shows it in the form. The field list, each field's name and whether it is required
// are derived from that, so the form and the schema cannot disagree on a field.

export interface ParamSpec<S extends z.ZodType = z.ZodType> {
  schema: S;
  /** How the form shows it; left out for a value that only the app sets (List Message's pageUri). */
  field?: FieldSpec;
}

type ParamSpecs = Record<string, ParamSpec>;

/** Every command also takes the account to act on, which defaults to the datasource's. */
const accountSid = {
  schema: accountSidField,
  field: {
    label: 'Twilio Account SID',
    help: "Defaults to the datasource's account; set it to act on a subaccount.",
    kind: 'sid',
    placeholder: 'ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  },
} satisfies ParamSpec;

type WithAccount<P extends ParamSpecs> = { accountSid: typeof accountSid } & P;
type Shape<P extends ParamSpecs> = { [K in keyof WithAccount<P>]: WithAccount<P>[K]['schema'] };

/** The resolved values of a command whose params are `P`, as its schema hands them over. */
export type ValuesOf<P extends ParamSpecs> = z.output<z.ZodObject<Shape<P>>>;

/** Reports a problem across fields on the field a person should change. */
export type Report<V> = (field: Extract<keyof V, string>, message: string) => void;

export interface CommandSpec<P extends ParamSpecs> {
  description: string;
  /** A send creates a message: it is never retried on its own. */
  sends: boolean;
  params: P;
  /** Rules across fields. */
  refine?: (values: ValuesOf<P>, report: Report<ValuesOf<P>>) => void;
  /** Rules that also read the context (the time): the schema is then built for each call. */
  refineInContext?: (
    values: ValuesOf<P>,
    report: Report<ValuesOf<P>>,
    context: CommandContext,
  ) => void;
}

export function defineCommand<Id extends CommandId, P extends ParamSpecs>(
  id: Id,
  spec: CommandSpec<P>,
): CommandDefinition<Id, ValuesOf<P>> {
  const params = Object.entries({ accountSid, ...spec.params } as ParamSpecs);
  // Object.fromEntries types its keys as string; they are those of the params, accountSid first.
  const shape = Object.fromEntries(params.map(([name, p]) => [name, p.schema])) as Shape<P>;
  const fields = params.flatMap(([name, p]): FieldDefinition[] =>
    // A field is required when its schema refuses it left empty.
    p.field ? [{ name, ...p.field, required: !p.schema.safeParse(undefined).success }] : [],
  );
  const { refine, refineInContext } = spec;
  return {
    id,
    label: COMMAND_LABELS[id],
    description: spec.description,
    sends: spec.sends,
    fields,
    readsContext: refineInContext !== undefined,
    schema(context) {
      const object = z.object(shape);
      if (!refine && !refineInContext) return object;
      return object.superRefine((values, ctx) => {
        const report: Report<ValuesOf<P>> = (field, message) =>
          ctx.addIssue({ code: 'custom', path: [field], message });
        refine?.(values, report);
        refineInContext?.(values, report, context);
      });
    },
  };
}
