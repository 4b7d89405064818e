import { Box, Button, Divider, IconButton, List, ListItemButton, ListItemText, ListSubheader, Tooltip } from '@mui/material';
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
      <List dense subheader={<ListSubheader component="h2">Datasources</ListSubheader>}>
        {datasources.data?.map((ds) => (
          <ListItemButton
            key={ds.id}
            component="a"
            href={paths.datasource(ds.id)}
            selected={selected('datasource', ds.id)}
            onClick={(e: React.MouseEvent) => {
              e.preventDefault();
              navigate(paths.datasource(ds.id));
            }}
          >
            <ListItemText primary={ds.name} secondary={ds.target === 'emulator' ? 'Built-in emulator' : 'Twilio'} />
            <Tooltip title={`New query on ${ds.name}`}>
              <IconButton
                edge="end"
                size="small"
                aria-label={`New query on ${ds.name}`}
                onClick={(e) => {
                  e.preventDefault();
                  e.stopPropagation();
                  newQuery(ds);
                }}
              >
                <span aria-hidden>+</span>
              </IconButton>
            </Tooltip>
          </ListItemButton>
        ))}
        <Box sx={{ px: 2, py: 1 }}>
          <Button size="small" variant="outlined" onClick={() => navigate(paths.newDatasource)} fullWidth>
            New datasource
          </Button>
        </Box>
      </List>
      <Divider />
      <List dense subheader={<ListSubheader component="h2">Queries</ListSubheader>}>
        {queries.data?.length === 0 && <ListItemText sx={{ px: 2 }} secondary="No queries yet: use + next to a datasource." />}
        {queries.data?.map((q) => (
          <ListItemButton
            key={q.id}
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
        ))}
      </List>
    </Box>
  );
}
