import { firstCycleAt, nextCycleAt } from './poll-schedule';

const minute = 60_000;

describe('firstCycleAt', () => {
  it('spreads the first poll over the first tenth of the interval', () => {
    expect([0, 0.5, 1].map((r) => firstCycleAt('poll', 1_000, minute, () => r))).toEqual([1_000, 4_000, 7_000]);
  });

  it('reconciles first a whole jittered interval after start', () => {
    expect([0, 0.5, 1].map((r) => firstCycleAt('reconcile', 1_000, minute, () => r))).toEqual([55_000, 61_000, 67_000]);
  });
});

describe('nextCycleAt', () => {
  const cycle = { startedAt: 0, finishedAt: 2_000, intervalMs: minute, completed: true, pausedUntil: null };

  it('starts an interval after the last start, jittered by up to 10 % either way', () => {
    expect([0, 0.5, 1].map((r) => nextCycleAt(cycle, () => r))).toEqual([54_000, 60_000, 66_000]);
  });

  it('never starts before the last cycle finished', () => {
    expect(nextCycleAt({ ...cycle, finishedAt: 70_000 }, () => 0.5)).toBe(70_000);
  });

  it('waits out a pause longer than the interval', () => {
    expect(nextCycleAt({ ...cycle, pausedUntil: 600_000 }, () => 0.5)).toBe(600_000);
  });

  it('resumes a cycle cut short as soon as its pause ends', () => {
    expect(nextCycleAt({ ...cycle, completed: false, pausedUntil: 5_000 }, () => 0.5)).toBe(5_000);
  });
});
