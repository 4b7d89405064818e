import { useEffect } from 'react';

/** Sets the document title for the current page. */
export function useTitle(title: string) {
  useEffect(() => {
    document.title = title ? `${title} · Twilio Query Builder` : 'Twilio Query Builder';
  }, [title]);
}
