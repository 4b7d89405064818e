import { AppBar, Box, Container, Toolbar, Typography } from '@mui/material';
import { EmulatorCard } from '../features/emulator/components/emulator-card';

export function App() {
  return (
    <Box sx={{ minHeight: '100vh' }}>
      <AppBar position="static" color="default" elevation={0} sx={{ borderBottom: 1, borderColor: 'divider' }}>
        <Toolbar>
          <Typography variant="h6" component="h1">
            Twilio Query Builder
          </Typography>
        </Toolbar>
      </AppBar>
      <Container maxWidth="md" component="main" sx={{ py: 4 }}>
        <EmulatorCard />
      </Container>
    </Box>
  );
}
