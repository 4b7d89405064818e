import { Alert, Box, Button, Paper, Stack, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useLogin } from '../api';

/** The access password's form (only servers with TQB_ACCESS_PASSWORD ask for it). */
export function LoginForm() {
  const login = useLogin();
  const [password, setPassword] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate(password);
  };
  return (
    <Box sx={{ display: 'grid', placeItems: 'center', minHeight: '100vh', p: 2 }}>
      <Paper variant="outlined" sx={{ p: 4, width: '100%', maxWidth: 420 }}>
        <Stack spacing={2} component="form" onSubmit={submit} aria-label="Log in">
          <Typography variant="h5" component="h1">
            Twilio Query Builder
          </Typography>
          <Typography>This server asks for its access password (TQB_ACCESS_PASSWORD).</Typography>
          <TextField
            type="password"
            label="Access password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
            autoFocus
            required
          />
          {login.error && <Alert severity="error">{login.error.message}</Alert>}
          <Button
            type="submit"
            variant="contained"
            loading={login.isPending}
            disabled={password === ''}
          >
            Log in
          </Button>
        </Stack>
      </Paper>
    </Box>
  );
}
