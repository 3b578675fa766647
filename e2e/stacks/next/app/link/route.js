// A route handler: GET /link?platform=…&code=… answers the meeting link.
import { meetingUrl } from 'vivomeetings-embed';

export function GET(request) {
  const query = new URL(request.url).searchParams;
  const url = meetingUrl({ domain: query.get('platform'), accessCode: query.get('code'), skipJoin: true });
  return Response.json({ url });
}
