import { Box, ButtonBase, Stack, Tooltip, Typography } from '@mui/material';
import { useMemo } from 'react';
import { chartCounts, GROUP_COLOR, type Message, type StatusGroup } from '../model';

// A compact picture of the loaded messages: how many in each status (click to filter) and a bar a
// day, stacked by status, so that failures stand out at a glance.

const GROUPS: StatusGroup[] = ['delivered', 'failed', 'in-flight', 'scheduled', 'canceled'];
const paletteKey = (g: StatusGroup) => (GROUP_COLOR[g] === 'default' ? 'grey' : GROUP_COLOR[g]);
const fill = (g: StatusGroup) => (paletteKey(g) === 'grey' ? 'grey.500' : `${paletteKey(g)}.main`);

export function StatusChart({
  rows,
  selected,
  onToggle,
}: {
  rows: readonly Message[];
  selected: ReadonlySet<StatusGroup>;
  onToggle(g: StatusGroup): void;
}) {
  const counts = useMemo(() => chartCounts(rows), [rows]);
  const max = Math.max(1, ...counts.byDay.map((d) => d.total));
  return (
    <Stack
      direction={{ xs: 'column', md: 'row' }}
      spacing={3}
      sx={{ alignItems: { md: 'flex-end' } }}
    >
      <Stack
        direction="row"
        spacing={1}
        useFlexGap
        sx={{ flexWrap: 'wrap' }}
        role="group"
        aria-label="Filter by status"
      >
        {GROUPS.map((g) => (
          <ButtonBase
            key={g}
            onClick={() => onToggle(g)}
            aria-pressed={selected.has(g)}
            sx={{
              px: 1.5,
              py: 0.75,
              borderRadius: 1,
              border: 1,
              borderColor: selected.has(g) ? fill(g) : 'divider',
              flexDirection: 'column',
              alignItems: 'flex-start',
              minWidth: 92,
            }}
          >
            <Typography
              variant="h6"
              component="span"
              sx={{ color: counts.byGroup[g] > 0 ? fill(g) : 'text.disabled', lineHeight: 1.2 }}
            >
              {counts.byGroup[g]}
            </Typography>
            <Typography variant="caption" component="span">
              {g}
            </Typography>
          </ButtonBase>
        ))}
      </Stack>
      <Box
        role="img"
        aria-label={`Messages per day: ${counts.byDay.map((d) => `${d.day} ${d.total}`).join(', ') || 'none'}`}
        sx={{ display: 'flex', alignItems: 'flex-end', gap: 0.5, height: 56, flexGrow: 1 }}
      >
        {counts.byDay.map((d) => (
          // describeChild: a bar is a plain <div>, which may not carry the aria-label a tooltip gives by default.
          <Tooltip
            key={d.day}
            describeChild
            title={`${d.day}: ${GROUPS.filter((g) => d.counts[g] > 0)
              .map((g) => `${d.counts[g]} ${g}`)
              .join(', ')}`}
          >
            <Box
              sx={{
                display: 'flex',
                flexDirection: 'column-reverse',
                width: 14,
                height: `${(d.total / max) * 100}%`,
                minHeight: 2,
              }}
            >
              {GROUPS.map((g) =>
                d.counts[g] > 0 ? (
                  <Box key={g} sx={{ bgcolor: fill(g), flexGrow: d.counts[g] }} />
                ) : null,
              )}
            </Box>
          </Tooltip>
        ))}
      </Box>
    </Stack>
  );
}
