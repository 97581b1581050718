import { expect } from 'chai';
import { byteSize, eta, kerasValue, perUnit, thousands } from '../../src/display/render/format';
import { bar, epochLine, logKeys, progbarLine, stepTiming } from '../../src/display/render/progbar';

describe('display/render progbar text', () => {
  it('formats numbers as Keras does', () => {
    expect(thousands(1234567)).to.equal('1,234,567');
    expect(thousands(999)).to.equal('999');
    expect(kerasValue(0.34216)).to.equal('0.3422');
    expect(kerasValue(0.0001234)).to.equal('1.2340e-04');
    expect(kerasValue(NaN)).to.equal('nan');
    expect(perUnit(0.0123, 'step')).to.equal('12ms/step');
    expect(perUnit(2.4, 'epoch')).to.equal('2s/epoch');
    expect(perUnit(0.00008, 'step')).to.equal('80us/step');
    expect([eta(42.7), eta(187), eta(3723)]).to.deep.equal(['42s', '3:07', '1:02:03']);
    expect(byteSize(2724)).to.equal('2.66 KB');
  });

  it('draws a 30-wide bar with a head while running', () => {
    expect(bar(0, 100)).to.equal(`[${'.'.repeat(30)}]`);
    expect(bar(32, 100)).to.equal(`[${'='.repeat(8)}>${'.'.repeat(21)}]`);
    expect(bar(100, 100)).to.equal(`[${'='.repeat(30)}]`);
  });

  it('prints the running and final lines of verbose 1', () => {
    const running = { seen: 32, target: 100, elapsed: 0.32, logs: { loss: 0.34216, accuracy: 0.9 }, done: false };
    expect(progbarLine(running)).to.equal(' 32/100 [========>.....................] - ETA: 0s - loss: 0.3422 - accuracy: 0.9000');
    const done = { seen: 100, target: 100, elapsed: 1.2, logs: { val_loss: 0.2, loss: 0.3, accuracy: 0.9 }, done: true };
    expect(progbarLine(done)).to.equal(
      '100/100 [==============================] - 1s 12ms/step - loss: 0.3000 - accuracy: 0.9000 - val_loss: 0.2000',
    );
  });

  it('shows no ETA before the first step has timed, as Keras draws none', () => {
    const start = { seen: 0, target: 100, elapsed: 0.2, logs: {}, done: false };
    expect(progbarLine(start)).to.equal(`  0/100 [${'.'.repeat(30)}]`);
    expect(stepTiming(start)).to.equal('');
    expect(progbarLine({ ...start, target: null })).to.equal('      0/Unknown');
    expect(stepTiming({ ...start, seen: 1 })).to.equal('200ms/step, ETA: 19s');
  });

  it('counts batches against "Unknown" when the epoch size is not known', () => {
    const state = { seen: 12, target: null, elapsed: 3, logs: { loss: 1 }, done: false };
    expect(progbarLine(state)).to.equal('     12/Unknown - 3s 250ms/step - loss: 1.0000');
  });

  it('prints the one line per epoch of verbose 2', () => {
    const state = { seen: 1875, target: 1875, elapsed: 5.4, logs: { loss: 0.295, val_loss: 0.14 }, done: true };
    expect(epochLine(state)).to.equal('1875/1875 - 5s - loss: 0.2950 - val_loss: 0.1400 - 5s/epoch - 3ms/step');
  });

  it('drops the batch bookkeeping tfjs adds to batch logs', () => {
    expect(logKeys({ batch: 3, size: 32, val_acc: 1, loss: 1, acc: 1 })).to.deep.equal(['loss', 'acc', 'val_acc']);
  });
});
