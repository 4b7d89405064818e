import { BindingField, type BindingFieldProps } from '../../../components/binding-field';
import { countSegments } from '../../../contract/segments';
import { MAX_BODY_CHARACTERS } from '../../../contract/twilio-limits';

function countText(text: string): string {
  const info = countSegments(text);
  const segments = `${info.segments} segment${info.segments === 1 ? '' : 's'}`;
  return `${info.characters} / ${MAX_BODY_CHARACTERS} characters · ${info.encoding} · ${segments}`;
}

/**
 * Body with what Twilio will bill: characters, encoding and SMS segments, as the person types. With
 * bindings, the count is of the text they give now (when they can be evaluated), since that is what
 * would be sent if the query ran now.
 */
export function segmentSummary(text: string, evaluate?: BindingFieldProps['evaluate']): string {
  if (!text.includes('{{')) return countText(text);
  const now = evaluate?.(text);
  if (now && now.errors.length === 0 && typeof now.value === 'string')
    return `As evaluated now: ${countText(now.value)}`;
  return 'Characters and segments are counted once bindings are evaluated.';
}

export function BodyField(props: BindingFieldProps & { help: string }) {
  const { value, help, helperText, ...rest } = props;
  return (
    <BindingField
      {...rest}
      value={value}
      multiline
      minRows={3}
      maxRows={12}
      helperText={
        helperText ?? (
          <>
            <span>{segmentSummary(value, rest.evaluate)}</span>
            <br />
            <span>{help}</span>
          </>
        )
      }
    />
  );
}
