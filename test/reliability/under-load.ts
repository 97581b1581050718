// Measuring the kernel while it is under load: its peak memory, and how fast heartbeat, control and interrupts answer
// while side threads flood it or a cell sends a huge output.
import { rssMb, sleep } from './helpers';
import { droppedOn, frameFlood, probe } from './side-threads';
import { TestKernelClient } from '../helpers/kernel';

/** Samples a process's resident memory until stopped; returns the peak in MB. */
export function peakRss(pid: number): () => number {
  let peakMb = rssMb(pid);
  const timer = setInterval(() => (peakMb = Math.max(peakMb, rssMb(pid))), 20);
  return () => {
    clearInterval(timer);
    return Math.max(peakMb, rssMb(pid));
  };
}

/** Floods the given channels with messages of `frames` empty frames; reports the kernel's answers meanwhile. */
export async function underFlood(kernel: TestKernelClient, floods: Record<string, number>, frames: number) {
  const pid = kernel.process.pid as number;
  const baselineMb = rssMb(pid);
  const stopSampling = peakRss(pid);
  const heartbeat = probe(kernel.connection, 'hb');
  await heartbeat.ready;
  const started = Date.now();
  const jobs = Object.entries(floods).map(([channel, count]) => frameFlood(kernel.connection, channel as 'shell', count, frames));
  let slowestInterruptMs = 0;
  let interrupts = 0;
  try {
    const done = () => Object.entries(floods).every(([channel, count]) => droppedOn(kernel.stderr, channel) >= count);
    while (!done()) {
      if (Date.now() - started > 600000) throw new Error(`flood not drained: ${kernel.stderr.slice(-2000)}`);
      const sent = Date.now();
      await kernel.request('control', 'interrupt_request', {}, 120000);
      slowestInterruptMs = Math.max(slowestInterruptMs, Date.now() - sent);
      interrupts += 1;
      await sleep(50);
    }
  } finally {
    await Promise.all(jobs.map((job) => job.stop()));
  }
  const peakMb = stopSampling();
  const { slowestMs: slowestHeartbeatMs } = await heartbeat.stop();
  const report = { ms: Date.now() - started, baselineMb, peakMb, slowestInterruptMs, interrupts, slowestHeartbeatMs };
  console.log(`      ${JSON.stringify(floods)} × ${frames} frames: ${JSON.stringify(report, (_, v) => (typeof v === 'number' ? Math.round(v) : v))}`);
  return report;
}

/** Runs `code` while side threads time heartbeat and control (this thread is busy decoding the output). */
export async function answersDuring(kernel: TestKernelClient, code: string, timeoutMs: number) {
  const probes = { heartbeat: probe(kernel.connection, 'hb'), control: probe(kernel.connection, 'control', 50) };
  await Promise.all([probes.heartbeat.ready, probes.control.ready]);
  const started = Date.now();
  const outcome = await kernel.execute(code, {}, timeoutMs);
  const ms = Date.now() - started;
  const [heartbeat, control] = await Promise.all([probes.heartbeat.stop(), probes.control.stop()]);
  return { outcome, ms, slowestHeartbeatMs: heartbeat.slowestMs, slowestControlMs: control.slowestMs, controlAnswers: control.answers };
}
