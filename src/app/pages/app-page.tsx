import { Alert, Stack, Typography } from '@mui/material';
import { usePage } from '../../features/widgets/api/page';
import { PageView } from '../../features/widgets/components/page-view';
import { useCan } from '../../features/session/api';
import { AppButtonLink } from '../links';
import { usePageHost } from '../page-host';
import { useTitle } from '../use-title';

/**
 * The published app at /app: the widget page in View mode, full width, for everyone who may read
 * it. Operators and viewers land here; admins and builders come from the page editor.
 */
export function AppPage() {
  useTitle('App');
  const page = usePage();
  const allowed = useCan();
  const { host, runtime } = usePageHost();
  if (page.isPending) return <Typography>Loading…</Typography>;
  if (page.isError) return <Alert severity="error">{page.error.message}</Alert>;
  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="h5" component="h1" sx={{ flexGrow: 1 }}>
          App
        </Typography>
        {allowed('app:write') && (
          <AppButtonLink to="/page" variant="outlined">
            Edit page
          </AppButtonLink>
        )}
      </Stack>
      <PageView
        widgets={page.data.widgets}
        host={host}
        cycles={runtime.cycles.map((c) => c.path.join(' -> '))}
        empty={
          allowed('app:write')
            ? 'The page is empty: add widgets in the page editor.'
            : 'Nothing has been published yet: the page has no widgets.'
        }
      />
    </Stack>
  );
}
