import { createTheme } from '@mui/material';

// MUI's theme for component tests: no ripples and no transitions, so that a drawer, dialog or
// menu opens and closes within a tick and the tests spend their time on behaviour, not animation.

export function createQuietTheme() {
  const instant = { defaultProps: { transitionDuration: 0 } };
  return createTheme({
    transitions: { create: () => 'none' },
    components: {
      MuiButtonBase: { defaultProps: { disableRipple: true } },
      MuiDrawer: instant,
      MuiDialog: instant,
      MuiPopover: instant,
      MuiMenu: instant,
    },
  });
}
