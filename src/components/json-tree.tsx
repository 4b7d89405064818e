import { Box, ButtonBase, Button } from '@mui/material';
import type { Theme } from '@mui/material/styles';
import { useId, useState } from 'react';

// A collapsible view of any JSON value. Nodes are nested lists with toggle buttons (aria-expanded),
// so the tree is reachable with Tab and works with any screen reader without a custom key model.

export interface JsonTreeProps {
  value: unknown;
  /** Names the tree for assistive technology, e.g. "Response body". */
  label: string;
  /** The name shown on the root node. */
  rootName?: string;
  /** Levels open at first: 2 opens the root and its children. */
  defaultExpandDepth?: number;
  /** Children shown per step in a large array or object. */
  pageSize?: number;
}

type Kind = 'string' | 'number' | 'boolean' | 'null' | 'key';

// Darker shades on light paper, lighter shades on dark paper, from the theme's palette.
function tokenStyle(kind: Kind, t: Theme) {
  if (kind === 'null') return { color: t.palette.text.secondary, fontStyle: 'italic' };
  const tone = {
    key: t.palette.secondary,
    string: t.palette.success,
    number: t.palette.info,
    boolean: t.palette.error,
  }[kind];
  return { color: tone.dark, ...t.applyStyles('dark', { color: tone.light }) };
}

const isContainer = (v: unknown): v is Record<string, unknown> | unknown[] =>
  typeof v === 'object' && v !== null;

function summary(value: Record<string, unknown> | unknown[]): string {
  if (Array.isArray(value)) return `[${value.length} ${value.length === 1 ? 'item' : 'items'}]`;
  const n = Object.keys(value).length;
  return `{${n} ${n === 1 ? 'key' : 'keys'}}`;
}

function Primitive({ value }: { value: unknown }) {
  const kind: Kind =
    value === null
      ? 'null'
      : typeof value === 'number'
        ? 'number'
        : typeof value === 'boolean'
          ? 'boolean'
          : 'string';
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return (
    <Box
      component="span"
      data-type={kind}
      sx={(t) => ({ ...tokenStyle(kind, t), whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' })}
    >
      {text}
    </Box>
  );
}

function Key({ name }: { name: string }) {
  return (
    <Box component="span" sx={(t) => tokenStyle('key', t)}>
      {name}
    </Box>
  );
}

const listSx = { listStyle: 'none', m: 0, pl: 2.5, borderLeft: 1, borderColor: 'divider' } as const;

interface NodeProps {
  name: string;
  value: unknown;
  depth: number;
  expandDepth: number;
  pageSize: number;
}

function ContainerNode({
  name,
  value,
  depth,
  expandDepth,
  pageSize,
}: NodeProps & { value: Record<string, unknown> | unknown[] }) {
  const [open, setOpen] = useState(depth < expandDepth);
  const [shown, setShown] = useState(pageSize);
  const id = useId();
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [String(i), v])
    : Object.entries(value);
  const rest = entries.length - shown;

  return (
    <>
      <ButtonBase
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        sx={{
          font: 'inherit',
          borderRadius: 0.5,
          px: 0.25,
          textAlign: 'left',
          '&:hover': { bgcolor: 'action.hover' },
          '&.Mui-focusVisible': { outline: 2, outlineColor: 'primary.main', outlineStyle: 'solid' },
        }}
      >
        <Box
          component="span"
          aria-hidden
          sx={{ display: 'inline-block', width: '1em', color: 'text.secondary' }}
        >
          {open ? '▾' : '▸'}
        </Box>
        <Key name={name} />{' '}
        <Box component="span" sx={{ color: 'text.secondary', ml: 0.5 }}>
          {summary(value)}
        </Box>
      </ButtonBase>
      {open && (
        <Box component="ul" id={id} sx={listSx}>
          {entries.slice(0, shown).map(([k, v]) => (
            <JsonNode
              key={k}
              name={k}
              value={v}
              depth={depth + 1}
              expandDepth={expandDepth}
              pageSize={pageSize}
            />
          ))}
          {rest > 0 && (
            <li>
              <Button size="small" onClick={() => setShown((s) => s + pageSize)}>
                Show {Math.min(rest, pageSize)} more of {name} ({rest} hidden)
              </Button>
            </li>
          )}
        </Box>
      )}
    </>
  );
}

function JsonNode(props: NodeProps) {
  return (
    <Box component="li" sx={{ py: 0.125 }}>
      {isContainer(props.value) ? (
        <ContainerNode {...props} value={props.value} />
      ) : (
        <>
          <Key name={props.name} />
          <Box component="span" sx={{ color: 'text.secondary', mr: 0.75 }}>
            :
          </Box>
          <Primitive value={props.value} />
        </>
      )}
    </Box>
  );
}

export function JsonTree({
  value,
  label,
  rootName = 'root',
  defaultExpandDepth = 2,
  pageSize = 100,
}: JsonTreeProps) {
  return (
    <Box
      component="ul"
      aria-label={label}
      sx={{
        listStyle: 'none',
        m: 0,
        p: 0,
        fontFamily: 'monospace',
        fontSize: '0.8125rem',
        lineHeight: 1.6,
      }}
    >
      <JsonNode
        name={rootName}
        value={value}
        depth={0}
        expandDepth={defaultExpandDepth}
        pageSize={pageSize}
      />
    </Box>
  );
}
