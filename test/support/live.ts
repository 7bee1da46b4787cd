import { io, type Socket } from 'socket.io-client';
import type { ServerToClientEvents } from '../../src/read-api/socket-events';
export { unpackTweets as tweetsOf } from '../../web/src/live';

/** A Socket.IO client on the live push with an admin's session cookie, once connected. */
export const connectLive = async (url: string, cookie: string): Promise<Socket<ServerToClientEvents>> => {
  const socket: Socket<ServerToClientEvents> = io(url, { extraHeaders: { cookie }, transports: ['websocket'] });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
};
