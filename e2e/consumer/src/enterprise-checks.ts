// Compile-time checks only (never run: the calls sit behind a condition that
// is always false): what a partner's `tsc --strict` must accept for the typed
// Enterprise API (js/enterprise.d.ts) and, with @ts-expect-error, must
// reject. If a rejected line ever compiled, tsc would report the unused
// directive.
import type { EnterpriseApi, EnterpriseRequest, EnterpriseResponse, EnterpriseMethod } from 'vivomeetings-embed';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

export function enterpriseChecks(api: EnterpriseApi): void {
  // Type-level checks.
  const fetchReq: Equals<EnterpriseRequest<'host/fetch'>, { host_id: number }> = true;
  const untypedReq: Equals<EnterpriseRequest<'company/fetch'>, Record<string, unknown>> = true;
  const untypedRes: Equals<EnterpriseResponse<'company/fetch'>, Record<string, unknown> & { message?: string }> = true;
  const role: Equals<EnterpriseResponse<'host/fetch'>['role'], 'RESELLER_ADMIN' | 'COMPANY_ADMIN' | 'HOST'> = true;
  const count: Equals<EnterpriseResponse<'conference/fetch_livestream_viewer_count'>['count'], string> = true;
  const msg: Equals<EnterpriseResponse<'host/cdrs'>['message'], string | undefined> = true;
  void [fetchReq, untypedReq, untypedRes, role, count, msg];

  if (Math.random() > 2) {
    void (async () => {
      const host = await api.call('host/fetch', { host_id: 9 });
      const n: string = host.access_code.number;
      const url: string = host.meeting_url;
      const sip: string | null = host.sip_uri;
      void [n, url, sip];

      await api.call('host/create', {
        company_id: 5,
        name: 'John Host',
        email: 'john@company.tld',
        no_welcome_email: true,
        role: 'HOST',
        subscription_ids: [102, 104],
        moderator_pin: 9876543,
        access_code: 1234567,
        vivomeeting_streaming_enabled: true,
        disable_emails: { conference_invitations: true, conference_reminders: false },
      });
      await api.call('host/update', { host_id: 9, name: 'John ChangedName' });
      const hosts = await api.call('host/fetch_all', { company_id: 8 });
      for (const h of hosts) {
        const code: string = h.access_code;
        void code;
      }
      const confs = await api.call('host/conferences', { host_id: 8, output: 'summary', time_zone: 'UTC' });
      for (const c of confs) {
        if ('total_participants' in c) {
          const minutes: number = c.total_participant_minutes;
          void minutes;
        }
      }
      const cdrs = await api.call('host/cdrs', { host_id: 8, conference_id: 256 });
      const pid: number | string | undefined = cdrs[0]?.participant_id;
      void pid;

      const conf = await api.call('conference/create', {
        host_id: 1,
        subject: 'Test Conference',
        agenda: 'An agenda',
        start: '2020-09-19 13:00:00',
        time_zone: 'Europe/London',
        duration: 60,
        auto_record: 'none',
        one_time_access_code: true,
        security_pin: '123456',
        mute_mode: 'q&a',
        participant_emails: [{ email: 'bob@example.com', moderator: true }],
        schedule: 'FREQ=DAILY;INTERVAL=2',
      });
      const room: string = conf.room_url;
      void room;
      await api.call('conference/create/reservationless', { host_id: 183, one_time_access_code: true });
      const fetched = await api.call('conference/fetch', { conference_id: conf.conference_id });
      const state: 'processing' | 'published' | undefined = fetched.recordings[0]?.publishing_state;
      void state;
      const cancelled = await api.call('conference/cancel', { conference_id: 183 });
      const ok: string = cancelled.message;
      void ok;
      const people = await api.call('conference/fetch_participant_details', { conference_id: 183 });
      const hasHost: boolean | undefined = people.moderators[0]?.has_host;
      void hasHost;
      // Untyped methods take and give plain JSON objects.
      const company = await api.call('company/fetch', { company_id: 5 });
      const m: string | undefined = company.message;
      void m;
      // A method name held in a variable of the union type.
      const method: EnterpriseMethod = 'conference/end';
      void (await api.call(method, { conference_id: 183 }));

      // @ts-expect-error wrong field name (hostId instead of host_id)
      await api.call('host/fetch', { hostId: 9 });
      // @ts-expect-error missing required field: email
      await api.call('host/create', { name: 'John Host' });
      // @ts-expect-error unknown method
      await api.call('host/fetch_everything', { host_id: 9 });
      // @ts-expect-error auth_token is not part of a request (Bearer header instead)
      await api.call('host/delete', { host_id: 8, auth_token: 'dd6d5d51' });
      // @ts-expect-error mute_mode is one of conversation, q&a, presentation
      await api.call('conference/update', { conference_id: 1, subject: 's', agenda: 'a', start: '2020-09-19 13:00:00', time_zone: 'UTC', duration: 60, mute_mode: 'silent' });
      // @ts-expect-error duration is a number of minutes
      await api.call('conference/create', { host_id: 1, subject: 's', agenda: 'a', start: '2020-09-19 13:00:00', time_zone: 'UTC', duration: '60', one_time_access_code: false });
      // @ts-expect-error host_id is a number
      await api.call('host/fetch', { host_id: '9' });
      // @ts-expect-error the role is one of three
      await api.call('host/update', { host_id: 9, role: 'ADMIN' });
      // @ts-expect-error count is a string in the handbook
      const c: number = (await api.call('conference/fetch_livestream_viewer_count', { conference_id: 1 })).count;
      void c;
      // @ts-expect-error host/fetch_all's access_code is a string, not an object
      void hosts[0]?.access_code.number;
    })();
  }
}
