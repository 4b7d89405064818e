import type { RequestHandler } from 'express';
import helmet from 'helmet';

// Response headers for the browser app and the API (the emulator, mounted before them, answers as
// Twilio does). The Content-Security-Policy allows only this origin's own scripts: no inline script,
// no eval, nothing from elsewhere. Styles may be inline because MUI's emotion injects <style> tags
// at run time. No upgrade-insecure-requests: a LAN install served over plain HTTP must keep working.

export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    // frame-ancestors 'none' is the modern rule; X-Frame-Options DENY says the same to older browsers.
    xFrameOptions: { action: 'deny' },
  });
}
