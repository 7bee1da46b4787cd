import { BackgroundCommits, type PartitionOffset } from '../../../src/eventlog/background-commits';

describe('BackgroundCommits', () => {
  /** A committer whose interval never passes in a test: commits happen on flush. */
  const recorder = () => {
    const commits: PartitionOffset[][] = [];
    const committer = new BackgroundCommits(async (offsets) => void commits.push(offsets), 60_000, () => undefined);
    return { commits, committer };
  };

  it('commits the newest offset of each partition once', async () => {
    const { commits, committer } = recorder();
    committer.note('raw', 0, 10);
    committer.note('raw', 1, 5);
    committer.note('raw', 0, 30);
    committer.note('classified', 0, 7);
    await committer.flush();
    expect(commits).toEqual([
      [
        { topic: 'raw', partition: 0, offset: '30' },
        { topic: 'raw', partition: 1, offset: '5' },
        { topic: 'classified', partition: 0, offset: '7' },
      ],
    ]);
    await committer.flush();
    expect(commits).toHaveLength(1);
  });

  it('commits by itself after the interval', async () => {
    jest.useFakeTimers();
    try {
      const commits: PartitionOffset[][] = [];
      const committer = new BackgroundCommits(async (offsets) => void commits.push(offsets), 1000, () => undefined);
      committer.note('raw', 2, 40);
      await jest.advanceTimersByTimeAsync(999);
      expect(commits).toEqual([]);
      await jest.advanceTimersByTimeAsync(1);
      expect(commits).toEqual([[{ topic: 'raw', partition: 2, offset: '40' }]]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('forgets what is pending when the partitions are assigned anew', async () => {
    const { commits, committer } = recorder();
    committer.note('raw', 0, 10);
    committer.drop();
    committer.note('raw', 1, 3);
    await committer.flush();
    expect(commits).toEqual([[{ topic: 'raw', partition: 1, offset: '3' }]]);
  });

  it('hands a failed commit to onError and goes on with the next one', async () => {
    const errors: unknown[] = [];
    const commits: PartitionOffset[][] = [];
    let fail = true;
    const committer = new BackgroundCommits(
      async (offsets) => {
        if (fail) throw new Error('not the group generation');
        commits.push(offsets);
      },
      60_000,
      (error) => errors.push(error),
    );
    committer.note('raw', 0, 10);
    await committer.flush();
    expect(errors).toEqual([new Error('not the group generation')]);
    fail = false;
    committer.note('raw', 0, 20);
    await committer.flush();
    expect(commits).toEqual([[{ topic: 'raw', partition: 0, offset: '20' }]]);
  });

  it('runs one commit at a time, in order', async () => {
    const started: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const committer = new BackgroundCommits(
      async (offsets) => {
        started.push(offsets[0].offset);
        if (offsets[0].offset === '1') await gate;
      },
      60_000,
      () => undefined,
    );
    committer.note('raw', 0, 1);
    const first = committer.flush();
    committer.note('raw', 0, 2);
    const second = committer.flush();
    await Promise.resolve();
    expect(started).toEqual(['1']);
    release();
    await Promise.all([first, second]);
    expect(started).toEqual(['1', '2']);
  });
});
