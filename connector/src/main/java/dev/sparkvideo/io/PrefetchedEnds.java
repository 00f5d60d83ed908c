package dev.sparkvideo.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileRange;
import org.apache.hadoop.util.functional.FutureIO;

/**
 * The first and last bytes of a file, asked for together in one Hadoop vectored read
 * ({@code PositionedReadable.readVectored}) as soon as the file opens: a container's header is at the start and, in
 * many files, its index at the end (an MP4 {@code moov} written last, Matroska Cues, an AVI {@code idx1}), so a
 * demuxer reads both before the first frame. Object stores fetch the ranges concurrently (S3A issues them as
 * parallel GETs), which makes the header and the index one round trip instead of two; other file systems read them
 * one after the other, as the demuxer would have.
 *
 * <p>The ends can be widened later: only the missing bytes are asked for. Where the two ends meet, the file is
 * fetched whole.
 */
final class PrefetchedEnds {
  private final long length;
  private volatile List<FileRange> ranges = List.of();
  private long headEnd;
  private long tailStart;

  private PrefetchedEnds(long length) {
    this.length = length;
    this.tailStart = length;
  }

  /**
   * Starts fetching the first {@code head} and the last {@code tail} bytes of a file of {@code length} bytes.
   *
   * @throws IOException when the FileSystem refuses the read
   */
  static PrefetchedEnds start(FSDataInputStream stream, long length, int head, int tail,
      ReadStatistics statistics) throws IOException {
    PrefetchedEnds ends = new PrefetchedEnds(length);
    ends.widen(stream, head, tail, statistics);
    return ends;
  }

  /**
   * Starts fetching what is missing for the first {@code head} and the last {@code tail} bytes to be here.
   *
   * @throws IOException when the FileSystem refuses the read
   */
  void widen(FSDataInputStream stream, int head, int tail, ReadStatistics statistics) throws IOException {
    long newHeadEnd = Math.min(Math.max(headEnd, head), tailStart);
    long newTailStart = Math.max(Math.min(tailStart, length - tail), newHeadEnd);
    List<FileRange> added = new ArrayList<>(2);
    if (newTailStart - newHeadEnd <= 0) {
      // The ends meet: the gap between them, in one range.
      newHeadEnd = tailStart;
      newTailStart = tailStart;
    }
    if (newHeadEnd > headEnd) {
      added.add(FileRange.createFileRange(headEnd, (int) (newHeadEnd - headEnd)));
    }
    if (newTailStart < tailStart) {
      added.add(FileRange.createFileRange(newTailStart, (int) (tailStart - newTailStart)));
    }
    if (added.isEmpty()) {
      return;
    }
    stream.readVectored(added, ByteBuffer::allocate);
    for (FileRange r : added) {
      statistics.recordRead(r.getOffset(), r.getLength());
    }
    List<FileRange> all = new ArrayList<>(ranges);
    all.addAll(added);
    ranges = List.copyOf(all);
    headEnd = newHeadEnd;
    tailStart = newTailStart;
  }

  /** Waits until every range has arrived, or throws how fetching one failed. */
  void await() throws IOException {
    for (FileRange r : ranges) {
      FutureIO.awaitFuture(r.getData());
    }
  }

  /**
   * Copies prefetched bytes at {@code position}, waiting for them if they are still on their way.
   *
   * @return the bytes copied, at least 1, or 0 when {@code position} is in no prefetched range
   * @throws IOException when fetching the range failed
   */
  int read(long position, byte[] buffer, int offset, int length) throws IOException {
    for (FileRange r : ranges) {
      long start = r.getOffset();
      if (position >= start && position < start + r.getLength()) {
        ByteBuffer data = FutureIO.awaitFuture(r.getData()).duplicate();
        int n = (int) Math.min(length, start + r.getLength() - position);
        data.position((int) (position - start));
        data.get(buffer, offset, n);
        return n;
      }
    }
    return 0;
  }

  /** {@code length} cut short where the next prefetched range starts, so that a read outside stops there. */
  int before(long position, int length) {
    long limit = length;
    for (FileRange r : ranges) {
      if (r.getOffset() > position) {
        limit = Math.min(limit, r.getOffset() - position);
      }
    }
    return (int) limit;
  }
}
