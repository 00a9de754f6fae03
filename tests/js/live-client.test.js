// How a screen follows the live state's versions (static/js/live-client.js), with a stand-in socket.
import assert from "node:assert/strict";
import { test } from "node:test";
import { LiveClient } from "../../static/js/live-client.js";

function fakeSocket() {
  const handlers = {};
  return {
    connected: true, emitted: [],
    on(name, fn) { handlers[name] = fn; },
    emit(name, data) { this.emitted.push([name, data]); },
    fire(name, data) { handlers[name](data); },
    close() { this.connected = false; },
  };
}

test("a screen draws newer states, ignores late older ones and other events, and asks again after a gap", () => {
  const socket = fakeSocket();
  const drawn = [];
  const client = new LiveClient(7, { socket, onState: (s) => drawn.push(s.version) });
  socket.fire("connect");
  assert.deepEqual(socket.emitted, [["join", { event_id: 7 }]]);
  socket.fire("live_state", { event_id: 7, version: 3 });
  socket.fire("live_state", { event_id: 7, version: 4 });
  socket.fire("live_state", { event_id: 7, version: 2 });    // late
  socket.fire("live_state", { event_id: 8, version: 9 });    // another event's
  socket.fire("live_state", { event_id: 7, version: 4 });    // the same again (a join's answer): drawn again
  assert.deepEqual(drawn, [3, 4, 4]);
  assert.equal(socket.emitted.length, 1);
  socket.fire("live_state", { event_id: 7, version: 7 });    // 5 and 6 missed
  assert.deepEqual(drawn, [3, 4, 4, 7]);
  assert.equal(socket.emitted.length, 2);
  client.close();
});

test("the connection state reaches the screen", () => {
  const socket = fakeSocket();
  const seen = [];
  const client = new LiveClient(1, { socket, onConnection: (up) => seen.push(up) });
  socket.fire("connect");
  socket.fire("disconnect");
  socket.fire("connect_error");
  assert.deepEqual(seen, [true, false, false]);
  client.close();
});
