import { RxStomp } from '@stomp/rx-stomp';
import { RealtimeService } from './RealtimeService';

const scheme = location.protocol === 'https:' ? 'wss' : 'ws';

/** This tab's socket; connected while a member is logged in (see main.tsx), with a new client for each login. */
export const realtime = new RealtimeService(() => new RxStomp(), `${scheme}://${location.host}/ws`);
