import { BindingField, type BindingFieldProps } from '../../../components/binding-field';
import { countSegments } from '../../../contract/segments';

/** Body with what Twilio will bill: characters, encoding and SMS segments, as the person types. */
export function segmentSummary(text: string): string {
  if (text.includes('{{')) return 'Characters and segments are counted once bindings are evaluated.';
  const info = countSegments(text);
  const segments = `${info.segments} segment${info.segments === 1 ? '' : 's'}`;
  return `${info.characters} / 1600 characters · ${info.encoding} · ${segments}`;
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
            <span>{segmentSummary(value)}</span>
            <br />
            <span>{help}</span>
          </>
        )
      }
    />
  );
}
