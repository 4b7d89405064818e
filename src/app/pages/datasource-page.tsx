import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Stack,
  Typography,
} from '@mui/material';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useDatasource, useDeleteDatasource } from '../../features/datasources/api/datasources';
import { DatasourceForm } from '../../features/datasources/components/datasource-form';
import { DatasourceSummary } from '../../features/datasources/components/datasource-summary';
import { useCan } from '../../features/session/api';
import { useEmulatorInfo } from '../../features/emulator/api/get-emulator-info';
import { useQueries } from '../../features/queries/api/queries';
import { AppLink } from '../links';
import { useTitle } from '../use-title';
import { useNewQuery } from '../use-new-query';

const route = getRouteApi('/datasources/$datasourceId');

/** The page at /datasources/$datasourceId. */
export function DatasourceRoute() {
  const { datasourceId } = route.useParams();
  return <DatasourcePage id={datasourceId} />;
}

export function DatasourcePage({ id }: { id: string }) {
  const datasource = useDatasource(id);
  const queries = useQueries();
  const emulator = useEmulatorInfo();
  const remove = useDeleteDatasource();
  const newQuery = useNewQuery();
  const [confirming, setConfirming] = useState(false);
  const navigate = useNavigate();
  const allowed = useCan();
  const mayEdit = allowed('datasources:write');
  useTitle(datasource.data?.name ?? 'Datasource');

  if (datasource.isPending) return <Typography>Loading…</Typography>;
  if (datasource.isError) return <Alert severity="error">{datasource.error.message}</Alert>;
  const ds = datasource.data;
  const users = (queries.data ?? []).filter((q) => q.datasourceId === ds.id);

  return (
    <Stack spacing={3}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="h5" component="h1" sx={{ flexGrow: 1 }}>
          {ds.name}
        </Typography>
        {allowed('app:write') && (
          <Button variant="contained" onClick={() => newQuery(ds)}>
            New query
          </Button>
        )}
        {mayEdit && (
          <Button color="error" variant="outlined" onClick={() => setConfirming(true)}>
            Delete
          </Button>
        )}
      </Stack>
      {users.length > 0 && (
        <Typography variant="body2">
          Used by:{' '}
          {users.map((q, i) => (
            <span key={q.id}>
              {i > 0 && ', '}
              <AppLink to="/queries/$queryId" params={{ queryId: q.id }}>
                {q.name}
              </AppLink>
            </span>
          ))}
        </Typography>
      )}
      {mayEdit ? (
        <DatasourceForm
          key={ds.updatedAt}
          editing={ds}
          emulator={emulator.data}
          onSaved={() => undefined}
        />
      ) : (
        <DatasourceSummary datasource={ds} />
      )}
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        aria-labelledby="delete-ds-title"
      >
        <DialogTitle id="delete-ds-title">Delete datasource {ds.name}?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            {users.length > 0
              ? `These queries use it and will be deleted with it: ${users.map((q) => q.name).join(', ')}.`
              : 'No query uses it.'}{' '}
            This cannot be undone.
          </DialogContentText>
          {remove.error && <Alert severity="error">{remove.error.message}</Alert>}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)} autoFocus>
            Cancel
          </Button>
          <Button
            color="error"
            variant="contained"
            loading={remove.isPending}
            onClick={() =>
              remove.mutate(
                { id: ds.id, cascade: users.length > 0 },
                { onSuccess: () => void navigate({ to: '/', replace: true }) },
              )
            }
          >
            Delete
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}
