import net from 'node:net';
import { expect, it, vi } from 'vitest';
import { noDelay } from '../src/commands/import-socket.js';

it('turns Nagle off on the TCP connections opened after it, once however often called', async () => {
  const server = net.createServer((s) => s.end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const spy = vi.spyOn(net.Socket.prototype, 'setNoDelay');
  noDelay();
  noDelay();
  const socket = new net.Socket();
  await new Promise<void>((resolve) => socket.connect(port, '127.0.0.1', resolve));
  expect(spy.mock.calls.filter(([on]) => on === true)).toHaveLength(1);
  socket.destroy();
  spy.mockRestore();
  await new Promise((resolve) => server.close(resolve));
});
