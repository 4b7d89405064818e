import {
  Box,
  Button,
  Divider,
  IconButton,
  List,
  ListItem,
  ListItemText,
  ListSubheader,
  Tooltip,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useRouter } from '@tanstack/react-router';
import { COMMAND_LABELS } from '../contract/commands/labels';
import { datasourcesQueryOptions } from '../features/datasources/api/datasources';
import { useQueries } from '../features/queries/api/queries';
import { useCan } from '../features/session/api';
import type { AppRouter } from './router';
import { ListItemLink } from './links';
import { useNewQuery } from './use-new-query';

// An entry is selected while its page is open, and only then.
const selectedWhenOpen = { activeOptions: { exact: true }, activeProps: { selected: true } };

/**
 * The left-hand explorer: datasources and the queries built on them. Only admins and builders see
 * it; what a builder may not do to datasources (create, edit, delete) is not offered.
 */
export function Explorer() {
  const allowed = useCan();
  const datasources = useQuery({
    ...datasourcesQueryOptions(),
    enabled: allowed('datasources:read'),
  });
  const mayEdit = allowed('app:write');
  const queries = useQueries();
  const newQuery = useNewQuery();
  const navigate = useNavigate();
  const router = useRouter();
  // Links load their page's code when pointed at or focused; these buttons lead to a page too.
  const warm = (routeId: keyof AppRouter['routesById']) => {
    const load = () =>
      void router.loadRouteChunk(router.routesById[routeId])?.catch(() => undefined);
    return { onPointerEnter: load, onFocus: load };
  };

  return (
    <Box
      component="nav"
      aria-label="Explorer"
      sx={{ width: 280, flexShrink: 0, borderRight: 1, borderColor: 'divider', overflowY: 'auto' }}
    >
      {/* Headings sit before their lists, and each entry is an <li>: a <ul> holds only list items. */}
      <ListSubheader component="h2">Datasources</ListSubheader>
      <List dense disablePadding>
        {datasources.data?.map((ds) => (
          <ListItem
            key={ds.id}
            disablePadding
            secondaryAction={
              // Beside the link, not inside it: a button nested in a link is unreachable for some readers.
              mayEdit && (
                <Tooltip title={`New query on ${ds.name}`}>
                  <IconButton
                    edge="end"
                    size="small"
                    aria-label={`New query on ${ds.name}`}
                    onClick={() => newQuery(ds)}
                    {...warm('/queries/$queryId')}
                  >
                    <span aria-hidden>+</span>
                  </IconButton>
                </Tooltip>
              )
            }
          >
            <ListItemLink
              to="/datasources/$datasourceId"
              params={{ datasourceId: ds.id }}
              {...selectedWhenOpen}
            >
              <ListItemText
                primary={ds.name}
                secondary={ds.target === 'emulator' ? 'Built-in emulator' : 'Twilio'}
              />
            </ListItemLink>
          </ListItem>
        ))}
        {allowed('datasources:write') && (
          <ListItem sx={{ px: 2, py: 1 }}>
            <Button
              size="small"
              variant="outlined"
              onClick={() => void navigate({ to: '/datasources/new' })}
              fullWidth
              {...warm('/datasources/new')}
            >
              New datasource
            </Button>
          </ListItem>
        )}
      </List>
      <Divider />
      <ListSubheader component="h2">Widgets</ListSubheader>
      <List dense disablePadding>
        <ListItem disablePadding>
          <ListItemLink to="/page" {...selectedWhenOpen}>
            <ListItemText primary="Page" secondary="Inputs, buttons and tables bound to queries" />
          </ListItemLink>
        </ListItem>
      </List>
      <Divider />
      <ListSubheader component="h2">Queries</ListSubheader>
      <List dense disablePadding>
        {queries.data?.length === 0 && (
          <ListItem>
            <ListItemText secondary="No queries yet: use + next to a datasource." />
          </ListItem>
        )}
        {queries.data?.map((q) => (
          <ListItem key={q.id} disablePadding>
            <ListItemLink to="/queries/$queryId" params={{ queryId: q.id }} {...selectedWhenOpen}>
              <ListItemText primary={q.name} secondary={COMMAND_LABELS[q.command]} />
            </ListItemLink>
          </ListItem>
        ))}
      </List>
      <Divider />
      <ListSubheader component="h2">Team</ListSubheader>
      <List dense disablePadding>
        <ListItem disablePadding>
          <ListItemLink to="/audit" {...selectedWhenOpen}>
            <ListItemText primary="Audit log" secondary="Who signed in, sent and changed what" />
          </ListItemLink>
        </ListItem>
      </List>
    </Box>
  );
}
