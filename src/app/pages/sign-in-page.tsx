import { Typography } from '@mui/material';
import { getRouteApi, Navigate, useRouter } from '@tanstack/react-router';
import { useEffect } from 'react';
import { homeOf } from '../../contract/roles';
import { useSession } from '../../features/session/api';
import { AuthCard } from '../../features/session/components/auth-card';
import { SignInForm } from '../../features/session/components/sign-in-form';
import { Connecting } from '../app';
import { useTitle } from '../use-title';

const route = getRouteApi('/sign-in');

/**
 * /sign-in. Once someone is signed in (this form, another tab, or solo mode where nobody needs
 * to), on to the page they asked for, or their role's home.
 */
export function SignInPage() {
  useTitle('Sign in');
  const { redirect } = route.useSearch();
  const session = useSession();
  if (session.isPending) return <Connecting />;
  const user = session.data?.user;
  if (user)
    return redirect ? <GoTo href={redirect} /> : <Navigate to={homeOf(user.role)} replace />;
  if (session.data?.setupRequired) return <Navigate to="/setup" replace />;
  return (
    <AuthCard title="Sign in">
      {redirect && (
        <Typography variant="body2" color="text.secondary">
          Sign in to open {redirect}.
        </Typography>
      )}
      <SignInForm />
    </AuthCard>
  );
}

/** Opens an address of this app (the one asked for before signing in, search included). */
function GoTo({ href }: { href: string }) {
  const router = useRouter();
  useEffect(() => {
    void router.navigate({ href, replace: true });
  }, [router, href]);
  return null;
}
