import {
  Box,
  Button,
  Divider,
  IconButton,
  List,
  ListItem,
  ListItemButton,
  ListItemText,
  ListSubheader,
  Tooltip,
} from '@mui/material';
import { COMMAND_LABELS } from '../contract/commands/labels';
import { useDatasources } from '../features/datasources/api/datasources';
import { useQueries } from '../features/queries/api/queries';
import { preloadPage } from './lazy-pages';
import { navigate, paths, type Route } from './router';
import { useNewQuery } from './use-new-query';

/** Loads a page's code when the pointer or focus reaches a way to it, before the click. */
const warm = (page: Route['page']) => ({
  onPointerEnter: () => preloadPage(page),
  onFocus: () => preloadPage(page),
});

/** The left-hand explorer: datasources and the queries built on them. */
export function Explorer({ route }: { route: Route }) {
  const datasources = useDatasources();
  const queries = useQueries();
  const newQuery = useNewQuery();
  const selected = (page: Route['page'], id: string) =>
    route.page === page && 'id' in route && route.id === id;

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
              <Tooltip title={`New query on ${ds.name}`}>
                <IconButton
                  edge="end"
                  size="small"
                  aria-label={`New query on ${ds.name}`}
                  onClick={() => newQuery(ds)}
                  {...warm('query')}
                >
                  <span aria-hidden>+</span>
                </IconButton>
              </Tooltip>
            }
          >
            <ListItemButton
              component="a"
              href={paths.datasource(ds.id)}
              selected={selected('datasource', ds.id)}
              {...warm('datasource')}
              onClick={(e: React.MouseEvent) => {
                e.preventDefault();
                navigate(paths.datasource(ds.id));
              }}
            >
              <ListItemText
                primary={ds.name}
                secondary={ds.target === 'emulator' ? 'Built-in emulator' : 'Twilio'}
              />
            </ListItemButton>
          </ListItem>
        ))}
        <ListItem sx={{ px: 2, py: 1 }}>
          <Button
            size="small"
            variant="outlined"
            onClick={() => navigate(paths.newDatasource)}
            fullWidth
            {...warm('new-datasource')}
          >
            New datasource
          </Button>
        </ListItem>
      </List>
      <Divider />
      <ListSubheader component="h2">Widgets</ListSubheader>
      <List dense disablePadding>
        <ListItem disablePadding>
          <ListItemButton
            component="a"
            href={paths.page}
            selected={route.page === 'page'}
            {...warm('page')}
            onClick={(e: React.MouseEvent) => {
              e.preventDefault();
              navigate(paths.page);
            }}
          >
            <ListItemText primary="Page" secondary="Inputs, buttons and tables bound to queries" />
          </ListItemButton>
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
            <ListItemButton
              component="a"
              href={paths.query(q.id)}
              selected={selected('query', q.id)}
              {...warm('query')}
              onClick={(e: React.MouseEvent) => {
                e.preventDefault();
                navigate(paths.query(q.id));
              }}
            >
              <ListItemText primary={q.name} secondary={COMMAND_LABELS[q.command]} />
            </ListItemButton>
          </ListItem>
        ))}
      </List>
    </Box>
  );
}
