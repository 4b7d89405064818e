import { Divider, ListItemText, Menu, MenuItem } from '@mui/material';
import { lazy, Suspense, useState } from 'react';
import { ROLE_SUMMARY } from '../../../contract/roles';
import { useSignOut } from '../api';
import type { UserMenuProps } from './user-menu';

// The user menu's list: who is signed in and what their role may do; with accounts, change
// password and sign out; in solo mode (no account yet, open to this computer), set up accounts.
// Loaded the first time the menu opens, and kept, since the dialog it opens outlives the menu.

// The dialog (a form and its rules) loads the first time it is opened.
const ChangePasswordDialog = lazy(() =>
  import('./change-password-dialog').then((m) => ({ default: m.ChangePasswordDialog })),
);

const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1) + '.';

export interface UserMenuPopupProps extends UserMenuProps {
  id: string;
  anchor: HTMLElement | null;
  onClose(): void;
}

export function UserMenuPopup(props: UserMenuPopupProps) {
  const { mode, user, children, onSetUpAccounts, onSignedOut, anchor } = props;
  const [changing, setChanging] = useState(false);
  const signOut = useSignOut();
  const close = props.onClose;
  const solo = mode === 'solo';
  return (
    <>
      <Menu
        id={props.id}
        anchorEl={anchor}
        open={anchor !== null}
        onClose={close}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
        slotProps={{ paper: { sx: { maxWidth: 360 } } }}
      >
        <MenuItem disabled sx={{ '&.Mui-disabled': { opacity: 1 }, whiteSpace: 'normal' }}>
          <ListItemText
            primary={solo ? 'Solo mode: no accounts yet' : `Signed in as ${user.username}`}
            secondary={
              solo
                ? 'The app is open to whoever uses this computer, as an admin.'
                : sentence(ROLE_SUMMARY[user.role])
            }
          />
        </MenuItem>
        <Divider />
        {children?.(close)}
        {solo ? (
          <MenuItem
            onClick={() => {
              close();
              onSetUpAccounts();
            }}
            sx={{ whiteSpace: 'normal' }}
          >
            <ListItemText
              primary="Set up accounts"
              secondary="Create the first admin; from then on everyone signs in."
            />
          </MenuItem>
        ) : (
          [
            <MenuItem
              key="password"
              onClick={() => {
                close();
                setChanging(true);
              }}
            >
              Change password
            </MenuItem>,
            <MenuItem
              key="sign-out"
              disabled={signOut.isPending}
              onClick={() => signOut.mutate(undefined, { onSuccess: onSignedOut })}
            >
              <ListItemText
                primary="Sign out"
                secondary={signOut.error ? `Not signed out: ${signOut.error.message}` : undefined}
                slotProps={{ secondary: { color: 'error' } }}
              />
            </MenuItem>,
          ]
        )}
      </Menu>
      {changing && (
        <Suspense fallback={null}>
          <ChangePasswordDialog open onClose={() => setChanging(false)} />
        </Suspense>
      )}
    </>
  );
}
