import {
  Button,
  Link as MuiLink,
  type ButtonProps,
  ListItemButton,
  type LinkProps,
  type ListItemButtonProps,
} from '@mui/material';
import { createLink } from '@tanstack/react-router';
import { forwardRef } from 'react';

// MUI's anchors as router links: typed `to` and `params`, a real href (a modifier key still opens
// a new tab), and the page's code loaded when the pointer or focus reaches the link.

const MuiAnchor = forwardRef<HTMLAnchorElement, LinkProps>((props, ref) => (
  <MuiLink ref={ref} {...props} />
));

const ListItemAnchor = forwardRef<HTMLAnchorElement, ListItemButtonProps<'a'>>((props, ref) => (
  <ListItemButton component="a" ref={ref} {...props} />
));

/** An inline link to a page of the app. */
export const AppLink = createLink(MuiAnchor);

/** An explorer entry that opens a page of the app. */
export const ListItemLink = createLink(ListItemAnchor);

const ButtonAnchor = forwardRef<HTMLAnchorElement, ButtonProps<'a'>>((props, ref) => (
  <Button component="a" ref={ref} {...props} />
));

/** A button that opens a page of the app (a link, so it can open in a new tab too). */
export const AppButtonLink = createLink(ButtonAnchor);
