// A server component: builds a meeting link on the server (the package's
// `node` export condition: no init call), and renders the client component
// that embeds the meeting in the browser.
import { meetingUrl } from 'vivomeetings-embed';
import Meeting from './meeting';

export default async function Page({ searchParams }) {
  // The platform origin comes from the test; a partner writes its own domain.
  const { platform } = await searchParams;
  const link = meetingUrl({ domain: platform, accessCode: '123456', name: 'Next Server' });
  return (
    <main>
      <p>
        server link: <a id="server-link" href={link}>{link}</a>
      </p>
      <Meeting platform={platform} />
    </main>
  );
}
