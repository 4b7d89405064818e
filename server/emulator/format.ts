import type { MessageRow, NumberRow } from './store';

// Twilio's JSON shapes: every key present with explicit nulls, RFC 2822 dates in +0000, counts as
// strings, URIs relative to the API's host.

export const API_VERSION = '2010-04-01';

export function rfc2822(ms: number): string;
export function rfc2822(ms: number | null): string | null;
export function rfc2822(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toUTCString().replace('GMT', '+0000');
}

export const accountPath = (accountSid: string) => `/${API_VERSION}/Accounts/${accountSid}`;

export function messageJson(m: MessageRow) {
  const uri = `${accountPath(m.accountSid)}/Messages/${m.sid}`;
  return {
    account_sid: m.accountSid,
    api_version: API_VERSION,
    body: m.body,
    date_created: rfc2822(m.dateCreated),
    date_sent: rfc2822(m.dateSent),
    date_updated: rfc2822(m.dateUpdated),
    direction: m.direction,
    error_code: m.errorCode,
    error_message: m.errorMessage,
    from: m.from,
    messaging_service_sid: m.messagingServiceSid,
    num_media: String(m.mediaUrls.length),
    num_segments: String(m.numSegments),
    price: m.price,
    price_unit: m.priceUnit,
    sid: m.sid,
    status: m.status,
    subresource_uris: { media: `${uri}/Media.json`, feedback: `${uri}/Feedback.json` },
    to: m.to,
    uri: `${uri}.json`,
  };
}

/** Formats a US number as Twilio's friendly names do: (202) 555-0143. */
export function friendlyNumber(e164: string): string {
  const us = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return us ? `(${us[1]}) ${us[2]}-${us[3]}` : e164;
}

export function incomingNumberJson(n: NumberRow) {
  const uri = `${accountPath(n.accountSid)}/IncomingPhoneNumbers/${n.sid}`;
  return {
    account_sid: n.accountSid,
    address_requirements: 'none',
    address_sid: null,
    api_version: API_VERSION,
    beta: false,
    bundle_sid: null,
    capabilities: { fax: false, mms: true, sms: true, voice: true },
    date_created: rfc2822(n.dateCreated),
    date_updated: rfc2822(n.dateCreated),
    emergency_address_sid: null,
    emergency_address_status: 'unregistered',
    emergency_status: 'Inactive',
    friendly_name: n.friendlyName,
    identity_sid: null,
    origin: 'twilio',
    phone_number: n.phoneNumber,
    sid: n.sid,
    sms_application_sid: null,
    sms_fallback_method: 'POST',
    sms_fallback_url: null,
    sms_method: 'POST',
    sms_url: null,
    status: 'in-use',
    status_callback: null,
    status_callback_method: 'POST',
    subresource_uris: { assigned_add_ons: `${uri}/AssignedAddOns.json` },
    trunk_sid: null,
    uri: `${uri}.json`,
    voice_application_sid: null,
    voice_caller_id_lookup: false,
    voice_fallback_method: 'POST',
    voice_fallback_url: null,
    voice_method: 'POST',
    voice_receive_mode: 'voice',
    voice_url: null,
  };
}

export function callerIdJson(n: NumberRow) {
  return {
    account_sid: n.accountSid,
    date_created: rfc2822(n.dateCreated),
    date_updated: rfc2822(n.dateCreated),
    friendly_name: n.friendlyName,
    phone_number: n.phoneNumber,
    sid: n.sid,
    uri: `${accountPath(n.accountSid)}/OutgoingCallerIds/${n.sid}.json`,
  };
}
