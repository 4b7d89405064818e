import {
  Button,
  FormControlLabel,
  MenuItem,
  Stack,
  Switch,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { BindingField, type BindingPreview } from '../../../components/binding-field';
import { unreachableNameMessage } from '../../../contract/names';
import { WIDGET_NAME_PATTERN, type ButtonAction, type Widget } from '../../../contract/page';
import { exposedNames, WIDGET_DEFINITIONS, type EditableProperty } from '../registry';

export interface PropertyPanelProps {
  widget: Widget;
  takenNames: string[];
  queryNames: string[];
  widgetNames: string[];
  suggestions: Record<string, string[]>;
  evaluate(text: string): BindingPreview;
  onChange(widget: Widget): void;
  onRename(from: string, to: string): void;
  onDelete(): void;
}

function QuerySelect(props: {
  label: string;
  value: string;
  queryNames: string[];
  onChange(name: string): void;
  helperText?: string;
}) {
  return (
    <TextField
      select
      label={props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      helperText={props.helperText}
    >
      <MenuItem value="">
        <em>(nothing)</em>
      </MenuItem>
      {props.queryNames.map((q) => (
        <MenuItem key={q} value={q}>
          {q}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** One property, edited as its kind says: a text with bindings, a switch, or a choice. */
function PropertyField({
  property,
  value,
  onChange,
  suggestions,
  evaluate,
}: {
  property: EditableProperty;
  value: Widget['props'][string] | undefined;
  onChange(value: string | boolean | number): void;
  suggestions: Record<string, string[]>;
  evaluate(text: string): BindingPreview;
}) {
  switch (property.kind) {
    case 'text':
      return (
        <BindingField
          label={property.label}
          helperText={property.help}
          value={typeof value === 'string' ? value : String(value ?? '')}
          onChange={onChange}
          multiline={property.multiline === true}
          suggestions={suggestions}
          evaluate={evaluate}
        />
      );
    case 'flag':
      return (
        <FormControlLabel
          control={<Switch checked={value === true} onChange={(e) => onChange(e.target.checked)} />}
          label={property.label}
        />
      );
    case 'choice':
      return (
        <TextField
          select
          label={property.label}
          value={typeof value === 'number' ? value : property.default}
          onChange={(e) => onChange(Number(e.target.value))}
        >
          {property.choices.map((n) => (
            <MenuItem key={n} value={n}>
              {n}
            </MenuItem>
          ))}
        </TextField>
      );
  }
}

export function PropertyPanel({
  widget,
  takenNames,
  queryNames,
  widgetNames,
  suggestions,
  evaluate,
  onChange,
  onRename,
  onDelete,
}: PropertyPanelProps) {
  const definition = WIDGET_DEFINITIONS[widget.type];
  const [name, setName] = useState(widget.name);
  // Another widget selected, or this one renamed: show its name (set while rendering, as React
  // advises for state that follows a prop, rather than one render later from an effect).
  const [shownName, setShownName] = useState(widget.name);
  if (shownName !== widget.name) {
    setShownName(widget.name);
    setName(widget.name);
  }
  const nameError = !WIDGET_NAME_PATTERN.test(name)
    ? 'Start with a letter or _, then letters, digits or _'
    : (unreachableNameMessage(name) ??
      (name !== widget.name &&
      takenNames.some((n) => n !== widget.name && n.toLowerCase() === name.toLowerCase())
        ? `${name} is already used by a widget or query`
        : null));
  const commitName = () => {
    if (!nameError && name !== widget.name) onRename(widget.name, name);
  };
  const setProp = (key: string, value: string | boolean | number) =>
    onChange({ ...widget, props: { ...widget.props, [key]: value } });
  const action: ButtonAction = widget.action ?? {
    runQuery: '',
    onSuccessRunQuery: '',
    onSuccessMessage: '',
    onSuccessReset: [],
  };
  const setAction = (patch: Partial<ButtonAction>) =>
    onChange({ ...widget, action: { ...action, ...patch } });

  return (
    <Stack
      spacing={2}
      component="form"
      aria-label={`Properties of ${widget.name}`}
      onSubmit={(e) => e.preventDefault()}
    >
      <Typography variant="subtitle1" component="h2">
        {definition.label} properties
      </Typography>
      <TextField
        label="Name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        onBlur={commitName}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commitName();
        }}
        error={nameError !== null}
        helperText={
          nameError ??
          `Bindings read it as {{${widget.name}.${exposedNames(widget.type)[0]}}}; renaming updates them.`
        }
        slotProps={{ htmlInput: { spellCheck: false } }}
      />
      <TextField
        select
        label="Width"
        value={widget.width}
        onChange={(e) => onChange({ ...widget, width: Number(e.target.value) })}
      >
        {[2, 3, 4, 5, 6, 7, 8, 9, 10, 12].map((w) => (
          <MenuItem key={w} value={w}>
            {w === 12 ? 'Full width' : `${w} of 12 columns`}
          </MenuItem>
        ))}
      </TextField>
      {definition.properties.map((property) => (
        <PropertyField
          key={property.name}
          property={property}
          value={widget.props[property.name]}
          onChange={(value) => setProp(property.name, value)}
          suggestions={suggestions}
          evaluate={evaluate}
        />
      ))}
      {definition.clickAction && (
        <>
          <Typography variant="subtitle2" component="h3">
            onClick
          </Typography>
          <QuerySelect
            label="Run query"
            value={action.runQuery}
            queryNames={queryNames}
            onChange={(runQuery) => setAction({ runQuery })}
          />
          <QuerySelect
            label="On success, run query"
            value={action.onSuccessRunQuery}
            queryNames={queryNames}
            onChange={(onSuccessRunQuery) => setAction({ onSuccessRunQuery })}
            helperText="For example refresh a List Message query shown in a Table."
          />
          <BindingField
            label="On success, show message"
            helperText="Bindings allowed, e.g. Sent {{SendSms.data.sid}}."
            value={action.onSuccessMessage}
            onChange={(v) => setAction({ onSuccessMessage: v })}
            suggestions={suggestions}
            evaluate={evaluate}
          />
          <TextField
            select
            label="On success, reset widgets"
            value={action.onSuccessReset}
            onChange={(e) =>
              setAction({
                onSuccessReset:
                  typeof e.target.value === 'string' ? e.target.value.split(',') : e.target.value,
              })
            }
            slotProps={{ select: { multiple: true } }}
          >
            {widgetNames
              .filter((n) => n !== widget.name)
              .map((n) => (
                <MenuItem key={n} value={n}>
                  {n}
                </MenuItem>
              ))}
          </TextField>
        </>
      )}
      <Button color="error" variant="outlined" onClick={onDelete}>
        Delete {widget.name}
      </Button>
    </Stack>
  );
}
