package dev.sparkvideo.testing;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSInputStream;
import org.apache.hadoop.fs.FileRange;

/**
 * A local file's stream that makes requests cost what an object store's GETs cost: a fixed latency for each, as
 * S3A's input stream issues them. With the {@code random} read policy every read is a request (a ranged GET of what
 * is asked); otherwise a read that continues where the previous one ended streams on without one, and any other
 * read is a new request. A vectored read makes one request per range, all at once on other threads, as S3A does.
 *
 * <p>Every request is logged JVM-wide with its start and end, so that {@link #roundTrips} can tell how many of them
 * a piece of work waited for one after the other.
 */
final class LatencyInputStream extends FSInputStream {
  private static final ExecutorService REQUESTS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "latency-fs-request");
    t.setDaemon(true);
    return t;
  });
  private static final ConcurrentLinkedQueue<long[]> LOG = new ConcurrentLinkedQueue<>();
  private static final AtomicLong OPEN = new AtomicLong();

  private final FSDataInputStream local;
  private final long latencyMs;
  private final boolean random;
  private long position;
  private long streamEnd = -1;
  private boolean closed;

  LatencyInputStream(FSDataInputStream local, long latencyMs, boolean random) {
    this.local = local;
    this.latencyMs = latencyMs;
    this.random = random;
    OPEN.incrementAndGet();
  }

  /** Waits one request's latency, logging it. */
  static void request(long latencyMs) throws InterruptedIOException {
    long start = System.nanoTime();
    if (latencyMs > 0) {
      try {
        Thread.sleep(latencyMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted during a request");
      }
    }
    LOG.add(new long[] {start, System.nanoTime()});
  }

  /** Forgets the requests logged so far. */
  static void resetLog() {
    LOG.clear();
  }

  /** Requests logged since the last reset. */
  static int requests() {
    return LOG.size();
  }

  /**
   * Requests logged since the last reset that were waited for one after the other: requests that overlap in time
   * count once.
   */
  static int roundTrips() {
    List<long[]> all = new ArrayList<>(LOG);
    all.sort((a, b) -> Long.compare(a[0], b[0]));
    int trips = 0;
    long end = Long.MIN_VALUE;
    for (long[] r : all) {
      if (r[0] >= end) {
        trips++;
        end = r[1];
      } else {
        end = Math.max(end, r[1]);
      }
    }
    return trips;
  }

  /** Streams opened and not yet closed, JVM-wide. */
  static long openStreams() {
    return OPEN.get();
  }

  @Override
  public synchronized void seek(long pos) throws IOException {
    position = pos;
  }

  @Override
  public synchronized long getPos() {
    return position;
  }

  @Override
  public boolean seekToNewSource(long targetPos) {
    return false;
  }

  @Override
  public synchronized int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) <= 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public synchronized int read(byte[] b, int off, int len) throws IOException {
    int n = read(position, b, off, len);
    if (n > 0) {
      position += n;
    }
    return n;
  }

  @Override
  public synchronized int read(long pos, byte[] b, int off, int len) throws IOException {
    if (closed) {
      throw new IOException("Stream is closed");
    }
    if (random || pos != streamEnd) {
      request(latencyMs);
    }
    int n = local.read(pos, b, off, len);
    streamEnd = n > 0 ? pos + n : pos;
    return n;
  }

  @Override
  public void readVectored(List<? extends FileRange> ranges, IntFunction<ByteBuffer> allocate) {
    for (FileRange range : ranges) {
      range.setData(CompletableFuture.supplyAsync(() -> {
        try {
          request(latencyMs);
          byte[] bytes = new byte[range.getLength()];
          int done = 0;
          while (done < bytes.length) {
            int n = local.read(range.getOffset() + done, bytes, done, bytes.length - done);
            if (n <= 0) {
              throw new EOFException("End of file at " + (range.getOffset() + done));
            }
            done += n;
          }
          ByteBuffer buffer = allocate.apply(bytes.length);
          buffer.put(bytes).flip();
          return buffer;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }, REQUESTS));
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (!closed) {
      closed = true;
      OPEN.decrementAndGet();
      local.close();
    }
  }
}
