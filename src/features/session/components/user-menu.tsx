import { Button } from '@mui/material';
import { lazy, Suspense, useId, useState, type ReactNode } from 'react';
import type { SessionInfo, SessionUser } from '../../../contract/accounts';

// Who is signed in, in the app bar: a button on the first screen; the menu behind it (MUI's Menu
// and Popover, the sign-out request, the change-password dialog) loads when it is first wanted.

const loadPopup = () => import('./user-menu-popup');
const UserMenuPopup = lazy(() => loadPopup().then((m) => ({ default: m.UserMenuPopup })));

export interface UserMenuProps {
  mode: SessionInfo['mode'];
  user: SessionUser;
  /** The app's own entries (Users for admins), given the menu's close. */
  children?(close: () => void): ReactNode;
  onSetUpAccounts(): void;
  onSignedOut(): void;
}

export function UserMenu(props: UserMenuProps) {
  const menuId = useId();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [wanted, setWanted] = useState(false);
  const warm = () => void loadPopup().catch(() => undefined);
  return (
    <>
      <Button
        color="inherit"
        onClick={(e) => {
          setWanted(true);
          setAnchor(e.currentTarget);
        }}
        onPointerEnter={warm}
        onFocus={warm}
        aria-haspopup="menu"
        aria-controls={anchor ? menuId : undefined}
        aria-expanded={anchor ? true : undefined}
        sx={{ textTransform: 'none' }}
      >
        {props.user.username} ({props.user.role})
      </Button>
      {wanted && (
        <Suspense fallback={null}>
          <UserMenuPopup {...props} id={menuId} anchor={anchor} onClose={() => setAnchor(null)} />
        </Suspense>
      )}
    </>
  );
}
