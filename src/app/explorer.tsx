import { Box, Button, Divider, IconButton, List, ListItem, ListItemButton, ListItemText, ListSubheader, Tooltip } from '@mui/material';
import { COMMANDS } from '../contract/commands/definitions';
import { useDatasources } from '../features/datasources/api/datasources';
import { useQueries } from '../features/queries/api/queries';
import { navigate, paths, type Route } from './router';
import { useNewQuery } from './use-new-query';

/** The left-hand explorer: datasources and the queries built on them. */
export function Explorer({ route }: { route: Route }) {
  const datasources = useDatasources();
  const queries = useQueries();
  const newQuery = useNewQuery();
  const selected = (page: Route['page'], id: string) => route.page === page && 'id' in route && route.id === id;

  return (
    <Box component="nav" aria-label="Explorer" sx={{ width: 280, flexShrink: 0, borderRight: 1, borderColor: 'divider', overflowY: 'auto' }}>
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
                <IconButton edge="end" size="small" aria-label={`New query on ${ds.name}`} onClick={() => newQuery(ds)}>
                  <span aria-hidden>+</span>
                </IconButton>
              </Tooltip>
            }
          >
            <ListItemButton
              component="a"
              href={paths.datasource(ds.id)}
              selected={selected('datasource', ds.id)}
              onClick={(e: React.MouseEvent) => {
                e.preventDefault();
                navigate(paths.datasource(ds.id));
              }}
            >
              <ListItemText primary={ds.name} secondary={ds.target === 'emulator' ? 'Built-in emulator' : 'Twilio'} />
            </ListItemButton>
          </ListItem>
        ))}
        <ListItem sx={{ px: 2, py: 1 }}>
          <Button size="small" variant="outlined" onClick={() => navigate(paths.newDatasource)} fullWidth>
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
              onClick={(e: React.MouseEvent) => {
                e.preventDefault();
                navigate(paths.query(q.id));
              }}
            >
              <ListItemText primary={q.name} secondary={COMMANDS[q.command].label} />
            </ListItemButton>
          </ListItem>
        ))}
      </List>
    </Box>
  );
}
