// Generated from METHODS in src/core/enterprise.rs by its test
// `typescript_union_is_current`: do not edit. Regenerate with
// VIVO_UPDATE_GENERATED=1 cargo test -p vivomeetings-embed --lib enterprise

/** An Enterprise API method path of the handbook (sections 3 to 8). */
export type EnterpriseMethod =
  | 'authenticate'
  | 'company/create'
  | 'company/fetch'
  | 'company/update'
  | 'company/fetch_all'
  | 'subscription/fetch_products'
  | 'subscription/create'
  | 'subscription/update'
  | 'subscription/suspend'
  | 'subscription/reactivate'
  | 'subscription/cancel'
  | 'subscription/fetch'
  | 'host/create'
  | 'host/fetch'
  | 'host/update'
  | 'host/delete'
  | 'host/resend_invitation'
  | 'host/reset_password'
  | 'host/conferences'
  | 'host/cdrs'
  | 'host/active_calls'
  | 'host/fetch_all'
  | 'contact/create'
  | 'contact/fetch'
  | 'contact/fetch_all'
  | 'contact/update'
  | 'contact/delete'
  | 'conference/create'
  | 'conference/create/reservationless'
  | 'conference/update'
  | 'conference/fetch'
  | 'conference/fetch_all'
  | 'conference/cancel'
  | 'conference/end'
  | 'conference/fetch_participant_details'
  | 'conference/fetch_livestream_viewer_count'
  | 'conference/stop_streaming';

/** The methods the handbook calls with PUT; all others use POST. */
export type EnterprisePutMethod = 'subscription/update';
